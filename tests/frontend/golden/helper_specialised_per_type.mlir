"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i32, 1>, %2: f32, %3: i32):
  %4 = "func.call"(%2, %2, %2) {callee = "mul_add"} : (f32, f32, f32) -> f32 loc("golden_basic.py":299:21)
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":299:5)
  %5 = "func.call"(%3, %3, %3) {callee = "mul_add_1"} : (i32, i32, i32) -> i32 loc("golden_basic.py":300:21)
  "pt.store"(%1, %5) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":300:5)
  %6 = "func.call"(%2, %2, %2) {callee = "mul_add"} : (f32, f32, f32) -> f32 loc("golden_basic.py":301:21)
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":301:5)
  "func.return"() : () -> () loc("golden_basic.py":298:1)
}) {function_type = !(ptr<f32, 1>, ptr<i32, 1>, f32, i32) -> (), kernel = true, sym_name = "helper_specialised_per_type"} : () -> () loc("golden_basic.py":298:1)
"func.func"() ({
^bb0(%0: f32, %1: f32, %2: f32):
  %3 = "pt.mul"(%0, %1) : (f32, f32) -> f32 loc("golden_basic.py":263:12)
  %4 = "pt.add"(%3, %2) : (f32, f32) -> f32 loc("golden_basic.py":263:12)
  "func.return"(%4) : (f32) -> () loc("golden_basic.py":263:5)
}) {function_type = !(f32, f32, f32) -> (f32), sym_name = "mul_add"} : () -> () loc("golden_basic.py":262:1)
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: i32):
  %3 = "pt.mul"(%0, %1) : (i32, i32) -> i32 loc("golden_basic.py":263:12)
  %4 = "pt.add"(%3, %2) : (i32, i32) -> i32 loc("golden_basic.py":263:12)
  "func.return"(%4) : (i32) -> () loc("golden_basic.py":263:5)
}) {function_type = !(i32, i32, i32) -> (i32), sym_name = "mul_add_1"} : () -> () loc("golden_basic.py":262:1)
