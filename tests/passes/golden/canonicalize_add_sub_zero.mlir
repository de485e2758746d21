// RUN: canonicalize
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<i32, 1>, %3: ptr<f32, 1>):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.add"(%0, %4) : (i32, i32) -> i32
  %6 = "pt.add"(%4, %5) : (i32, i32) -> i32
  %7 = "pt.sub"(%6, %4) : (i32, i32) -> i32
  %8 = "pt.sub"(%7, %7) : (i32, i32) -> i32
  %9 = "pt.add"(%7, %8) : (i32, i32) -> i32
  "pt.store"(%2, %9) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.constant"() {value = 0.0} : () -> f32
  %11 = "pt.add"(%1, %10) : (f32, f32) -> f32
  %12 = "pt.sub"(%11, %11) : (f32, f32) -> f32
  "pt.store"(%3, %12) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<i32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<i32, 1>, %3: ptr<f32, 1>):
  "pt.store"(%2, %0) : (ptr<i32, 1>, i32) -> ()
  %4 = "pt.constant"() {value = 0.0} : () -> f32
  %5 = "pt.add"(%1, %4) : (f32, f32) -> f32
  %6 = "pt.sub"(%5, %5) : (f32, f32) -> f32
  "pt.store"(%3, %6) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<i32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
