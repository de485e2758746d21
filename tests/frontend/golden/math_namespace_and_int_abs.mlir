"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i32, 1>):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_library.py":155:9)
  %3 = "pt.exp"(%2) : (f32) -> f32 loc("golden_library.py":156:21)
  %4 = "pt.constant"() {value = 1.0} : () -> f32 loc("golden_library.py":156:38)
  %5 = "pt.fma"(%2, %2, %4) : (f32, f32, f32) -> f32 loc("golden_library.py":156:38)
  %6 = "pt.add"(%3, %5) : (f32, f32) -> f32 loc("golden_library.py":156:21)
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":156:5)
  %7 = "pt.load"(%1) : (ptr<i32, 1>) -> i32 loc("golden_library.py":157:28)
  %8 = "pt.abs"(%7) : (i32) -> i32 loc("golden_library.py":157:21)
  "pt.store"(%1, %8) : (ptr<i32, 1>, i32) -> () loc("golden_library.py":157:5)
  "func.return"() : () -> () loc("golden_library.py":154:1)
}) {function_type = !(ptr<f32, 1>, ptr<i32, 1>) -> (), kernel = true, sym_name = "math_namespace_and_int_abs"} : () -> () loc("golden_library.py":154:1)
