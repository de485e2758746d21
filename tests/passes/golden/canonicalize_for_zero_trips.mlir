// RUN: canonicalize
"func.func"() ({
^bb0(%0: f32, %1: i32, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = 8} : () -> i32
  %4 = "pt.constant"() {value = 4} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "scf.for"(%3, %4, %5, %0) ({
  ^bb0(%7: i32, %8: f32):
    %9 = "pt.add"(%8, %8) : (f32, f32) -> f32
    "pt.store"(%2, %9) : (ptr<f32, 1>, f32) -> ()
    "scf.yield"(%9) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%2, %6) : (ptr<f32, 1>, f32) -> ()
  %10 = "scf.for"(%3, %1, %5, %0) ({
  ^bb0(%11: i32, %12: f32):
    %13 = "pt.add"(%12, %12) : (f32, f32) -> f32
    "scf.yield"(%13) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%2, %10) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, i32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: f32, %1: i32, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = 8} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  "pt.store"(%2, %0) : (ptr<f32, 1>, f32) -> ()
  %5 = "scf.for"(%3, %1, %4, %0) ({
  ^bb0(%6: i32, %7: f32):
    %8 = "pt.add"(%7, %7) : (f32, f32) -> f32
    "scf.yield"(%8) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%2, %5) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, i32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
