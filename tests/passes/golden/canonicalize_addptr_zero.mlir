// RUN: canonicalize,dce
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i64
  %3 = "pt.addptr"(%0, %2) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
  %4 = "pt.splat"(%3) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %5 = "pt.constant"() {value = 0} : () -> block<4xi32>
  %6 = "pt.addptr"(%4, %5) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %7 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %8 = "pt.addptr"(%6, %7) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %9 = "pt.load"(%8) : (block<4xptr<f32, 1>>) -> block<4xf32>
  "pt.store"(%6, %9) : (block<4xptr<f32, 1>>, block<4xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %3 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %4 = "pt.addptr"(%2, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %5 = "pt.load"(%4) : (block<4xptr<f32, 1>>) -> block<4xf32>
  "pt.store"(%2, %5) : (block<4xptr<f32, 1>>, block<4xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
