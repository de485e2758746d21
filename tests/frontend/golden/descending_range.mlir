"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":415:5)
  %3 = "pt.constant"() {value = 2} : () -> i32 loc("golden_basic.py":415:5)
  "scf.for"(%2, %1, %3) ({
  ^bb0(%4: i32):
    %5 = "pt.sub"(%1, %4) : (i32, i32) -> i32 loc("golden_basic.py":415:14)
    %6 = "pt.add"(%5, %2) : (i32, i32) -> i32 loc("golden_basic.py":415:14)
    %7 = "pt.addptr"(%0, %6) : (ptr<i32, 1>, i32) -> ptr<i32, 1> loc("golden_basic.py":416:18)
    "pt.store"(%7, %6) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":416:9)
    "scf.yield"() : () -> () loc("golden_basic.py":415:5)
  }) : (i32, i32, i32) -> () loc("golden_basic.py":415:5)
  "func.return"() : () -> () loc("golden_basic.py":414:1)
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "descending_range"} : () -> () loc("golden_basic.py":414:1)
