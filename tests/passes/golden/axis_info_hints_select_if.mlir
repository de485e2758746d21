// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i1):
  %3 = "pt.multiple_of"(%1) {values = [8]} : (i32) -> i32
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.splat"(%3) : (i32) -> block<16xi32>
  %6 = "pt.add"(%5, %4) : (block<16xi32>, block<16xi32>) -> block<16xi32>
  %7 = "pt.max_contiguous"(%6) {values = [4]} : (block<16xi32>) -> block<16xi32>
  %8 = "pt.max_constancy"(%5) {values = [2]} : (block<16xi32>) -> block<16xi32>
  %9 = "pt.splat"(%2) : (i1) -> block<16xi1>
  %10 = "pt.select"(%9, %6, %7) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
  %11 = "pt.constant"() {value = 8} : () -> block<16xi32>
  %12 = "pt.cmp"(%4, %11) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %13 = "pt.select"(%12, %6, %5) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
  %14 = "scf.if"(%2) ({
  ^bb0:
    "scf.yield"(%6) : (block<16xi32>) -> ()
  }, {
  ^bb0:
    %15 = "pt.add"(%6, %11) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    "scf.yield"(%15) : (block<16xi32>) -> ()
  }) : (i1) -> block<16xi32>
  %16 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16xptr<f32, 1>>
  %17 = "pt.addptr"(%16, %14) : (block<16xptr<f32, 1>>, block<16xi32>) -> block<16xptr<f32, 1>>
  %18 = "pt.load"(%17) : (block<16xptr<f32, 1>>) -> block<16xf32>
  "pt.store"(%17, %18) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}], function_type = !(ptr<f32, 1>, i32, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i1):
  %3 = "pt.multiple_of"(%1) {values = [8]} : (i32) -> i32
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.splat"(%3) : (i32) -> block<16xi32>
  %6 = "pt.add"(%5, %4) : (block<16xi32>, block<16xi32>) -> block<16xi32>
  %7 = "pt.max_contiguous"(%6) {values = [4]} : (block<16xi32>) -> block<16xi32>
  %8 = "pt.max_constancy"(%5) {values = [2]} : (block<16xi32>) -> block<16xi32>
  %9 = "pt.splat"(%2) : (i1) -> block<16xi1>
  %10 = "pt.select"(%9, %6, %7) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
  %11 = "pt.constant"() {value = 8} : () -> block<16xi32>
  %12 = "pt.cmp"(%4, %11) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %13 = "pt.select"(%12, %6, %5) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
  %14 = "scf.if"(%2) ({
  ^bb0:
    "scf.yield"(%6) : (block<16xi32>) -> ()
  }, {
  ^bb0:
    %15 = "pt.add"(%6, %11) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    "scf.yield"(%15) : (block<16xi32>) -> ()
  }) : (i1) -> block<16xi32>
  %16 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16xptr<f32, 1>>
  %17 = "pt.addptr"(%16, %14) : (block<16xptr<f32, 1>>, block<16xi32>) -> block<16xptr<f32, 1>>
  %18 = "pt.load"(%17) : (block<16xptr<f32, 1>>) -> block<16xf32>
  "pt.store"(%17, %18) : (block<16xptr<f32, 1>>, block<16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}], function_type = !(ptr<f32, 1>, i32, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
// %0: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %1: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %2: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %3: contiguity = [1], divisibility = [8], constancy = [1], constant_value = <none>
// %4: contiguity = [16], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %5: contiguity = [1], divisibility = [8], constancy = [16], constant_value = <none>
// %6: contiguity = [16], divisibility = [8], constancy = [1], constant_value = <none>
// %7: contiguity = [4], divisibility = [8], constancy = [1], constant_value = <none>
// %8: contiguity = [1], divisibility = [8], constancy = [2], constant_value = <none>
// %9: contiguity = [1], divisibility = [1], constancy = [16], constant_value = <none>
// %10: contiguity = [4], divisibility = [4], constancy = [1], constant_value = <none>
// %11: contiguity = [1], divisibility = [8], constancy = [16], constant_value = 8
// %12: contiguity = [1], divisibility = [1], constancy = [8], constant_value = <none>
// %13: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %14: contiguity = [16], divisibility = [8], constancy = [1], constant_value = <none>
// %15: contiguity = [16], divisibility = [8], constancy = [1], constant_value = <none>
// %16: contiguity = [1], divisibility = [16], constancy = [16], constant_value = <none>
// %17: contiguity = [16], divisibility = [16], constancy = [1], constant_value = <none>
// %18: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
