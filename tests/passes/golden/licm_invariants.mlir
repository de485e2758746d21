// RUN: licm
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i32, %4: f32):
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6 = "pt.constant"() {value = 1} : () -> i32
  %7 = "scf.for"(%5, %1, %6, %4) ({
  ^bb0(%8: i32, %9: f32):
    %10 = "pt.mul"(%2, %2) : (i32, i32) -> i32
    %11 = "pt.add"(%10, %8) : (i32, i32) -> i32
    %12 = "pt.add"(%10, %6) : (i32, i32) -> i32
    %13 = "pt.addptr"(%0, %12) : (ptr<f32, 1>, i32) -> ptr<f32, 1>
    %14 = "pt.load"(%13) : (ptr<f32, 1>) -> f32
    %15 = "pt.div"(%2, %3) : (i32, i32) -> i32
    %16 = "pt.div"(%2, %6) : (i32, i32) -> i32
    %17 = "pt.add"(%15, %16) : (i32, i32) -> i32
    %18 = "pt.add"(%17, %11) : (i32, i32) -> i32
    %19 = "pt.cast"(%18) : (i32) -> f32
    %20 = "pt.add"(%9, %14) : (f32, f32) -> f32
    %21 = "pt.add"(%20, %19) : (f32, f32) -> f32
    "pt.store"(%13, %21) : (ptr<f32, 1>, f32) -> ()
    "scf.yield"(%21) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%0, %7) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32, i32, i32, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i32, %4: f32):
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6 = "pt.constant"() {value = 1} : () -> i32
  %7 = "pt.mul"(%2, %2) : (i32, i32) -> i32
  %8 = "pt.add"(%7, %6) : (i32, i32) -> i32
  %9 = "pt.addptr"(%0, %8) : (ptr<f32, 1>, i32) -> ptr<f32, 1>
  %10 = "pt.div"(%2, %6) : (i32, i32) -> i32
  %11 = "scf.for"(%5, %1, %6, %4) ({
  ^bb0(%12: i32, %13: f32):
    %14 = "pt.add"(%7, %12) : (i32, i32) -> i32
    %15 = "pt.load"(%9) : (ptr<f32, 1>) -> f32
    %16 = "pt.div"(%2, %3) : (i32, i32) -> i32
    %17 = "pt.add"(%16, %10) : (i32, i32) -> i32
    %18 = "pt.add"(%17, %14) : (i32, i32) -> i32
    %19 = "pt.cast"(%18) : (i32) -> f32
    %20 = "pt.add"(%13, %15) : (f32, f32) -> f32
    %21 = "pt.add"(%20, %19) : (f32, f32) -> f32
    "pt.store"(%9, %21) : (ptr<f32, 1>, f32) -> ()
    "scf.yield"(%21) : (f32) -> ()
  }) : (i32, i32, i32, f32) -> f32
  "pt.store"(%0, %11) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32, i32, i32, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
