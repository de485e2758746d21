"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32, %2: i32):
  %3 = "pt.add"(%2, %1) : (i32, i32) -> i32 loc("golden_basic.py":322:19)
  %4 = "pt.add"(%3, %1) : (i32, i32) -> i32 loc("golden_basic.py":322:19)
  %5 = "pt.constant"() {value = 2} : () -> i32 loc("golden_basic.py":322:19)
  %6 = "pt.add"(%4, %5) : (i32, i32) -> i32 loc("golden_basic.py":322:19)
  "pt.store"(%0, %6) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":322:5)
  "func.return"() : () -> () loc("golden_basic.py":318:1)
}) {function_type = !(ptr<i32, 1>, i32, i32) -> (), kernel = true, sym_name = "tuples"} : () -> () loc("golden_basic.py":318:1)
