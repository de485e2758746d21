"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  %1 = "pt.load"(%0) : (ptr<i32, 1>) -> i32 loc("golden_basic.py":328:19)
  %2 = "pt.constant"() {value = 3} : () -> i32 loc("golden_basic.py":328:19)
  %3 = "pt.mul"(%1, %2) : (i32, i32) -> i32 loc("golden_basic.py":328:19)
  %4 = "pt.constant"() {value = 5} : () -> i32 loc("golden_basic.py":328:19)
  %5 = "pt.add"(%3, %4) : (i32, i32) -> i32 loc("golden_basic.py":328:19)
  "pt.store"(%0, %5) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":328:5)
  "func.return"() : () -> () loc("golden_basic.py":327:1)
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "constexpr_globals"} : () -> () loc("golden_basic.py":327:1)
