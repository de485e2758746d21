"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32):
  %3 = "pt.addptr"(%0, %1) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_basic.py":400:14)
  %4 = "pt.cast"(%2) : (i32) -> f32 loc("golden_basic.py":400:23)
  "pt.store"(%3, %4) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":400:5)
  "func.return"() : () -> () loc("golden_basic.py":399:1)
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32, i32) -> (), kernel = true, sym_name = "argument_attributes"} : () -> () loc("golden_basic.py":399:1)
