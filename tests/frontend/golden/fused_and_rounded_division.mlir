"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32, %2: f32):
  %3 = "pt.fma"(%1, %2, %1) : (f32, f32, f32) -> f32 loc("golden_library.py":163:19)
  "pt.store"(%0, %3) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":163:5)
  %4 = "pt.constant"() {value = 1} : () -> i32 loc("golden_library.py":164:14)
  %5 = "pt.addptr"(%0, %4) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_library.py":164:14)
  %6 = "pt.div_rn"(%1, %2) : (f32, f32) -> f32 loc("golden_library.py":164:23)
  "pt.store"(%5, %6) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":164:5)
  %7 = "pt.constant"() {value = 2} : () -> i32 loc("golden_library.py":165:14)
  %8 = "pt.addptr"(%0, %7) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_library.py":165:14)
  %9 = "pt.div"(%1, %2) : (f32, f32) -> f32 loc("golden_library.py":165:23)
  "pt.store"(%8, %9) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":165:5)
  "func.return"() : () -> () loc("golden_library.py":162:1)
}) {function_type = !(ptr<f32, 1>, f32, f32) -> (), kernel = true, sym_name = "fused_and_rounded_division"} : () -> () loc("golden_library.py":162:1)
