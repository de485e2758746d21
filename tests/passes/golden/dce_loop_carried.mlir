// RUN: dce
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  %5, %6, %7 = "scf.for"(%3, %0, %4, %1, %1, %1) ({
  ^bb0(%8: i32, %9: f32, %10: f32, %11: f32):
    %12 = "pt.add"(%9, %1) : (f32, f32) -> f32
    %13 = "pt.mul"(%10, %10) : (f32, f32) -> f32
    %14 = "pt.add"(%13, %1) : (f32, f32) -> f32
    "scf.yield"(%12, %14, %12) : (f32, f32, f32) -> ()
  }) : (i32, i32, i32, f32, f32, f32) -> (f32, f32, f32)
  "pt.store"(%2, %5) : (ptr<f32, 1>, f32) -> ()
  %15 = "scf.for"(%3, %0, %4, %1) ({
  ^bb0(%16: i32, %17: f32):
    %18 = "pt.add"(%17, %1) : (f32, f32) -> f32
    "pt.store"(%2, %18) : (ptr<f32, 1>, f32) -> ()
    "scf.yield"(%18) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  %19 = "scf.for"(%3, %0, %4, %1) ({
  ^bb0(%20: i32, %21: f32):
    %22 = "pt.add"(%21, %1) : (f32, f32) -> f32
    "scf.yield"(%22) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  %5 = "scf.for"(%3, %0, %4, %1) ({
  ^bb0(%6: i32, %7: f32):
    %8 = "pt.add"(%7, %1) : (f32, f32) -> f32
    "scf.yield"(%8) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%2, %5) : (ptr<f32, 1>, f32) -> ()
  %9 = "scf.for"(%3, %0, %4, %1) ({
  ^bb0(%10: i32, %11: f32):
    %12 = "pt.add"(%11, %1) : (f32, f32) -> f32
    "pt.store"(%2, %12) : (ptr<f32, 1>, f32) -> ()
    "scf.yield"(%12) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
