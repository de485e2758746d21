"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32, %2: i32):
  %3 = "pt.constant"() {value = 3} : () -> i32 loc("golden_basic.py":334:14)
  %4 = "pt.addptr"(%0, %3) : (ptr<i32, 1>, i32) -> ptr<i32, 1> loc("golden_basic.py":334:14)
  %5 = "pt.max"(%1, %2) : (i32, i32) -> i32 loc("golden_basic.py":334:31)
  "pt.store"(%4, %5) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":334:5)
  %6 = "pt.constant"() {value = 9} : () -> i32 loc("golden_basic.py":335:14)
  %7 = "pt.addptr"(%0, %6) : (ptr<i32, 1>, i32) -> ptr<i32, 1> loc("golden_basic.py":335:14)
  %8 = "pt.min"(%1, %2) : (i32, i32) -> i32 loc("golden_basic.py":335:34)
  %9 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":335:34)
  %10 = "pt.min"(%8, %9) : (i32, i32) -> i32 loc("golden_basic.py":335:34)
  "pt.store"(%7, %10) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":335:5)
  "func.return"() : () -> () loc("golden_basic.py":333:1)
}) {function_type = !(ptr<i32, 1>, i32, i32) -> (), kernel = true, sym_name = "min_max_builtins"} : () -> () loc("golden_basic.py":333:1)
