// RUN: unroll
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 3} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  %5 = "scf.for"(%2, %3, %4, %1) ({
  ^bb0(%6: i32, %7: f32):
    %8 = "pt.cast"(%6) : (i32) -> f32 loc("k.py":4:12)
    %9 = "pt.add"(%7, %8) : (f32, f32) -> f32 loc("k.py":4:8)
    "scf.yield"(%9) : (f32) -> ()
  }) {unroll = 3} : (i32, i32, i32, f32) -> f32 loc("k.py":3:4)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 3} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  %5 = "pt.constant"() {value = 0} : () -> i32 loc("k.py":3:4)
  %6 = "pt.cast"(%5) : (i32) -> f32 loc("k.py":4:12)
  %7 = "pt.add"(%1, %6) : (f32, f32) -> f32 loc("k.py":4:8)
  %8 = "pt.constant"() {value = 1} : () -> i32 loc("k.py":3:4)
  %9 = "pt.cast"(%8) : (i32) -> f32 loc("k.py":4:12)
  %10 = "pt.add"(%7, %9) : (f32, f32) -> f32 loc("k.py":4:8)
  %11 = "pt.constant"() {value = 2} : () -> i32 loc("k.py":3:4)
  %12 = "pt.cast"(%11) : (i32) -> f32 loc("k.py":4:12)
  %13 = "pt.add"(%10, %12) : (f32, f32) -> f32 loc("k.py":4:8)
  "pt.store"(%0, %13) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
