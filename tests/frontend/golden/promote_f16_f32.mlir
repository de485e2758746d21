"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: ptr<f32, 1>, %2: ptr<f32, 1>):
  %3 = "pt.load"(%0) : (ptr<f16, 1>) -> f16 loc("golden_basic.py":62:23)
  %4 = "pt.load"(%1) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":62:40)
  %5 = "pt.cast"(%3) : (f16) -> f32 loc("golden_basic.py":62:23)
  %6 = "pt.add"(%5, %4) : (f32, f32) -> f32 loc("golden_basic.py":62:23)
  "pt.store"(%2, %6) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":62:5)
  "func.return"() : () -> () loc("golden_basic.py":61:1)
}) {function_type = !(ptr<f16, 1>, ptr<f32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "promote_f16_f32"} : () -> () loc("golden_basic.py":61:1)
