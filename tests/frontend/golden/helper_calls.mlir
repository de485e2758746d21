"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32, %2: f32):
  %3, %4 = "func.call"(%1, %2) {callee = "sum_and_difference"} : (f32, f32) -> (f32, f32) loc("golden_basic.py":292:12)
  %5 = "func.call"(%3, %4, %1) {callee = "mul_add"} : (f32, f32, f32) -> f32 loc("golden_basic.py":293:19)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":293:5)
  "func.return"() : () -> () loc("golden_basic.py":291:1)
}) {function_type = !(ptr<f32, 1>, f32, f32) -> (), kernel = true, sym_name = "helper_calls"} : () -> () loc("golden_basic.py":291:1)
"func.func"() ({
^bb0(%0: f32, %1: f32):
  %2 = "pt.add"(%0, %1) : (f32, f32) -> f32 loc("golden_basic.py":268:12)
  %3 = "pt.sub"(%0, %1) : (f32, f32) -> f32 loc("golden_basic.py":268:19)
  "func.return"(%2, %3) : (f32, f32) -> () loc("golden_basic.py":268:5)
}) {function_type = !(f32, f32) -> (f32, f32), sym_name = "sum_and_difference"} : () -> () loc("golden_basic.py":267:1)
"func.func"() ({
^bb0(%0: f32, %1: f32, %2: f32):
  %3 = "pt.mul"(%0, %1) : (f32, f32) -> f32 loc("golden_basic.py":263:12)
  %4 = "pt.add"(%3, %2) : (f32, f32) -> f32 loc("golden_basic.py":263:12)
  "func.return"(%4) : (f32) -> () loc("golden_basic.py":263:5)
}) {function_type = !(f32, f32, f32) -> (f32), sym_name = "mul_add"} : () -> () loc("golden_basic.py":262:1)
