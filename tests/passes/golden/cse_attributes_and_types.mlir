// RUN: cse
"func.func"() ({
^bb0(%0: block<16xi32>, %1: block<16xptr<i1, 1>>, %2: block<16xptr<f32, 1>>, %3: block<16xptr<f16, 1>>):
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %6 = "pt.make_range"() {end = 32, start = 16} : () -> block<16xi32>
  %7 = "pt.cmp"(%4, %0) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %8 = "pt.cmp"(%5, %0) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %9 = "pt.cmp"(%5, %0) {predicate = "le"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %10 = "pt.cmp"(%6, %0) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  "pt.store"(%1, %7) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %8) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %9) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %10) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  %11 = "pt.cast"(%0) : (block<16xi32>) -> block<16xf32>
  %12 = "pt.cast"(%0) : (block<16xi32>) -> block<16xf16>
  %13 = "pt.cast"(%0) : (block<16xi32>) -> block<16xf32>
  "pt.store"(%2, %11) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "pt.store"(%3, %12) : (block<16xptr<f16, 1>>, block<16xf16>) -> ()
  "pt.store"(%2, %13) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<16xi32>, block<16xptr<i1, 1>>, block<16xptr<f32, 1>>, block<16xptr<f16, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<16xi32>, %1: block<16xptr<i1, 1>>, %2: block<16xptr<f32, 1>>, %3: block<16xptr<f16, 1>>):
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.make_range"() {end = 32, start = 16} : () -> block<16xi32>
  %6 = "pt.cmp"(%4, %0) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %7 = "pt.cmp"(%4, %0) {predicate = "le"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %8 = "pt.cmp"(%5, %0) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  "pt.store"(%1, %6) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %6) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %7) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  "pt.store"(%1, %8) : (block<16xptr<i1, 1>>, block<16xi1>) -> ()
  %9 = "pt.cast"(%0) : (block<16xi32>) -> block<16xf32>
  %10 = "pt.cast"(%0) : (block<16xi32>) -> block<16xf16>
  "pt.store"(%2, %9) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "pt.store"(%3, %10) : (block<16xptr<f16, 1>>, block<16xf16>) -> ()
  "pt.store"(%2, %9) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<16xi32>, block<16xptr<i1, 1>>, block<16xptr<f32, 1>>, block<16xptr<f16, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
