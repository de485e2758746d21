"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":167:9)
  %2 = "pt.constant"() {value = 1.0} : () -> f32 loc("golden_basic.py":169:13)
  %3 = "pt.add"(%1, %2) : (f32, f32) -> f32 loc("golden_basic.py":169:13)
  %4 = "pt.constant"() {value = 2.0} : () -> f32 loc("golden_basic.py":173:13)
  %5 = "pt.mul"(%3, %4) : (f32, f32) -> f32 loc("golden_basic.py":173:13)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":176:5)
  "func.return"() : () -> () loc("golden_basic.py":166:1)
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "static_if"} : () -> () loc("golden_basic.py":166:1)
