// RUN: canonicalize
"func.func"() ({
^bb0(%0: f32, %1: i64, %2: ptr<f32, 1>, %3: ptr<i64, 1>):
  %4 = "pt.neg"(%0) : (f32) -> f32
  %5 = "pt.neg"(%4) : (f32) -> f32
  "pt.store"(%2, %5) : (ptr<f32, 1>, f32) -> ()
  %6 = "pt.neg"(%5) : (f32) -> f32
  "pt.store"(%2, %6) : (ptr<f32, 1>, f32) -> ()
  %7 = "pt.not"(%1) : (i64) -> i64
  %8 = "pt.not"(%7) : (i64) -> i64
  "pt.store"(%3, %8) : (ptr<i64, 1>, i64) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, i64, ptr<f32, 1>, ptr<i64, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: f32, %1: i64, %2: ptr<f32, 1>, %3: ptr<i64, 1>):
  "pt.store"(%2, %0) : (ptr<f32, 1>, f32) -> ()
  %4 = "pt.neg"(%0) : (f32) -> f32
  "pt.store"(%2, %4) : (ptr<f32, 1>, f32) -> ()
  "pt.store"(%3, %1) : (ptr<i64, 1>, i64) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, i64, ptr<f32, 1>, ptr<i64, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
