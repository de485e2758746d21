"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.constant"() {value = 0.0} : () -> f32 loc("golden_basic.py":343:5)
  "pt.store"(%0, %1) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":343:5)
  "func.return"() : () -> () loc("golden_basic.py":340:1)
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "static_checks"} : () -> () loc("golden_basic.py":340:1)
