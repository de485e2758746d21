"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: ptr<f32, 1>):
  %2 = "pt.load"(%0) : (ptr<f16, 1>) -> f16 loc("golden_basic.py":74:9)
  %3 = "pt.cast"(%2) : (f16) -> f32 loc("golden_basic.py":75:23)
  %4 = "pt.cast"(%2) : (f16) -> f32 loc("golden_basic.py":75:23)
  %5 = "pt.div"(%3, %4) : (f32, f32) -> f32 loc("golden_basic.py":75:23)
  "pt.store"(%1, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":75:5)
  "func.return"() : () -> () loc("golden_basic.py":73:1)
}) {function_type = !(ptr<f16, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "half_division_in_float32"} : () -> () loc("golden_basic.py":73:1)
