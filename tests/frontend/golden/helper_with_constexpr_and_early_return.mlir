"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32):
  %2 = "func.call"(%1) {callee = "scaled"} : (f32) -> f32 loc("golden_basic.py":307:19)
  %3 = "func.call"(%1) {callee = "scaled_1"} : (f32) -> f32 loc("golden_basic.py":307:34)
  %4 = "pt.add"(%2, %3) : (f32, f32) -> f32 loc("golden_basic.py":307:19)
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":307:5)
  "func.return"() : () -> () loc("golden_basic.py":306:1)
}) {function_type = !(ptr<f32, 1>, f32) -> (), kernel = true, sym_name = "helper_with_constexpr_and_early_return"} : () -> () loc("golden_basic.py":306:1)
"func.func"() ({
^bb0(%0: f32):
  "func.return"(%0) : (f32) -> () loc("golden_basic.py":274:9)
}) {function_type = !(f32) -> (f32), sym_name = "scaled"} : () -> () loc("golden_basic.py":272:1)
"func.func"() ({
^bb0(%0: f32):
  %1 = "pt.constant"() {value = 4.0} : () -> f32 loc("golden_basic.py":275:12)
  %2 = "pt.mul"(%0, %1) : (f32, f32) -> f32 loc("golden_basic.py":275:12)
  "func.return"(%2) : (f32) -> () loc("golden_basic.py":275:5)
}) {function_type = !(f32) -> (f32), sym_name = "scaled_1"} : () -> () loc("golden_basic.py":272:1)
