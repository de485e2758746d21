// RUN: inline
"func.func"() ({
^bb0(%0: f32):
  %1 = "pt.mul"(%0, %0) : (f32, f32) -> f32 loc("helpers.py":3:11)
  "func.return"(%1) : (f32) -> () loc("helpers.py":3:4)
}) {function_type = !(f32) -> (f32), sym_name = "square"} : () -> () loc("helpers.py":2:0)
"func.func"() ({
^bb0(%0: f32, %1: f32):
  %2 = "func.call"(%0) {callee = "square"} : (f32) -> f32 loc("helpers.py":7:11)
  %3 = "func.call"(%1) {callee = "square"} : (f32) -> f32 loc("helpers.py":7:23)
  %4 = "pt.add"(%2, %3) : (f32, f32) -> f32 loc("helpers.py":7:21)
  "func.return"(%4, %2) : (f32, f32) -> () loc("helpers.py":7:4)
}) {function_type = !(f32, f32) -> (f32, f32), sym_name = "norm2"} : () -> () loc("helpers.py":6:0)
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32, %2: f32):
  %3, %4 = "func.call"(%1, %2) {callee = "norm2"} : (f32, f32) -> (f32, f32) loc("k.py":5:8)
  %5 = "pt.add"(%3, %4) : (f32, f32) -> f32 loc("k.py":6:8)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("k.py":7:4)
  "func.return"() : () -> () loc("k.py":7:4)
}) {function_type = !(ptr<f32, 1>, f32, f32) -> (), kernel = true, sym_name = "k"} : () -> () loc("k.py":4:0)
// CHECK:
"func.func"() ({
^bb0(%0: f32):
  %1 = "pt.mul"(%0, %0) : (f32, f32) -> f32 loc("helpers.py":3:11)
  "func.return"(%1) : (f32) -> () loc("helpers.py":3:4)
}) {function_type = !(f32) -> (f32), sym_name = "square"} : () -> () loc("helpers.py":2:0)
"func.func"() ({
^bb0(%0: f32, %1: f32):
  %2 = "pt.mul"(%0, %0) : (f32, f32) -> f32 loc("helpers.py":3:11)
  %3 = "pt.mul"(%1, %1) : (f32, f32) -> f32 loc("helpers.py":3:11)
  %4 = "pt.add"(%2, %3) : (f32, f32) -> f32 loc("helpers.py":7:21)
  "func.return"(%4, %2) : (f32, f32) -> () loc("helpers.py":7:4)
}) {function_type = !(f32, f32) -> (f32, f32), sym_name = "norm2"} : () -> () loc("helpers.py":6:0)
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32, %2: f32):
  %3 = "pt.mul"(%1, %1) : (f32, f32) -> f32 loc("helpers.py":3:11)
  %4 = "pt.mul"(%2, %2) : (f32, f32) -> f32 loc("helpers.py":3:11)
  %5 = "pt.add"(%3, %4) : (f32, f32) -> f32 loc("helpers.py":7:21)
  %6 = "pt.add"(%5, %3) : (f32, f32) -> f32 loc("k.py":6:8)
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> () loc("k.py":7:4)
  "func.return"() : () -> () loc("k.py":7:4)
}) {function_type = !(ptr<f32, 1>, f32, f32) -> (), kernel = true, sym_name = "k"} : () -> () loc("k.py":4:0)
