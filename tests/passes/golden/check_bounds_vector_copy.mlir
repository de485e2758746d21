// RUN: check-bounds
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %4 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %5 = "pt.addptr"(%4, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %6 = "pt.splat"(%2) : (i32) -> block<4xi32>
  %7 = "pt.cmp"(%3, %6) {predicate = "lt"} : (block<4xi32>, block<4xi32>) -> block<4xi1>
  %8 = "pt.load"(%5, %7) : (block<4xptr<f32, 1>>, block<4xi1>) -> block<4xf32>
  %9 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %10 = "pt.addptr"(%9, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  "pt.store"(%10, %8, %7) : (block<4xptr<f32, 1>>, block<4xf32>, block<4xi1>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %4 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %5 = "pt.addptr"(%4, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %6 = "pt.splat"(%2) : (i32) -> block<4xi32>
  %7 = "pt.cmp"(%3, %6) {predicate = "lt"} : (block<4xi32>, block<4xi32>) -> block<4xi1>
  "pt.check_bounds"(%5, %7) {access = "load", arg = 0} : (block<4xptr<f32, 1>>, block<4xi1>) -> ()
  %8 = "pt.load"(%5, %7) : (block<4xptr<f32, 1>>, block<4xi1>) -> block<4xf32>
  %9 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %10 = "pt.addptr"(%9, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  "pt.check_bounds"(%10, %7) {access = "store", arg = 1} : (block<4xptr<f32, 1>>, block<4xi1>) -> ()
  "pt.store"(%10, %8, %7) : (block<4xptr<f32, 1>>, block<4xf32>, block<4xi1>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
