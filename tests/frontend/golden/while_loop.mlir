"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":245:5)
  %3 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":245:5)
  %4, %5 = "scf.while"(%2, %3) ({
  ^bb0(%6: i32, %7: i32):
    %8 = "pt.cmp"(%7, %1) {predicate = "lt"} : (i32, i32) -> i1 loc("golden_basic.py":245:11)
    "scf.condition"(%8, %6, %7) : (i1, i32, i32) -> () loc("golden_basic.py":245:5)
  }, {
  ^bb0(%9: i32, %10: i32):
    %11 = "pt.addptr"(%0, %10) : (ptr<i32, 1>, i32) -> ptr<i32, 1> loc("golden_basic.py":246:26)
    %12 = "pt.load"(%11) : (ptr<i32, 1>) -> i32 loc("golden_basic.py":246:18)
    %13 = "pt.add"(%9, %12) : (i32, i32) -> i32 loc("golden_basic.py":246:9)
    %14 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":247:9)
    %15 = "pt.add"(%10, %14) : (i32, i32) -> i32 loc("golden_basic.py":247:9)
    "scf.yield"(%13, %15) : (i32, i32) -> () loc("golden_basic.py":245:5)
  }) : (i32, i32) -> (i32, i32) loc("golden_basic.py":245:5)
  "pt.store"(%0, %4) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":248:5)
  "func.return"() : () -> () loc("golden_basic.py":242:1)
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "while_loop"} : () -> () loc("golden_basic.py":242:1)
