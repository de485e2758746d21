// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f16, 1>, %2: i32):
  %3 = "pt.program_id"() {axis = 0} : () -> i32
  %4 = "pt.constant"() {value = 128} : () -> i32
  %5 = "pt.mul"(%3, %4) : (i32, i32) -> i32
  %6 = "pt.make_range"() {end = 128, start = 0} : () -> block<128xi32>
  %7 = "pt.splat"(%5) : (i32) -> block<128xi32>
  %8 = "pt.add"(%7, %6) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %9 = "pt.splat"(%2) : (i32) -> block<128xi32>
  %10 = "pt.cmp"(%8, %9) {predicate = "lt"} : (block<128xi32>, block<128xi32>) -> block<128xi1>
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<128xptr<f32, 1>>
  %12 = "pt.addptr"(%11, %8) : (block<128xptr<f32, 1>>, block<128xi32>) -> block<128xptr<f32, 1>>
  %13 = "pt.splat"(%1) : (ptr<f16, 1>) -> block<128xptr<f16, 1>>
  %14 = "pt.addptr"(%13, %8) : (block<128xptr<f16, 1>>, block<128xi32>) -> block<128xptr<f16, 1>>
  %15 = "pt.load"(%12, %10) : (block<128xptr<f32, 1>>, block<128xi1>) -> block<128xf32>
  %16 = "pt.cast"(%15) : (block<128xf32>) -> block<128xf16>
  "pt.store"(%14, %16, %10) : (block<128xptr<f16, 1>>, block<128xf16>, block<128xi1>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, ptr<f16, 1>, i32) -> (), kernel = true, sym_name = "add"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f16, 1>, %2: i32):
  %3 = "pt.program_id"() {axis = 0} : () -> i32
  %4 = "pt.constant"() {value = 128} : () -> i32
  %5 = "pt.mul"(%3, %4) : (i32, i32) -> i32
  %6 = "pt.make_range"() {end = 128, start = 0} : () -> block<128xi32>
  %7 = "pt.splat"(%5) : (i32) -> block<128xi32>
  %8 = "pt.add"(%7, %6) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %9 = "pt.splat"(%2) : (i32) -> block<128xi32>
  %10 = "pt.cmp"(%8, %9) {predicate = "lt"} : (block<128xi32>, block<128xi32>) -> block<128xi1>
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<128xptr<f32, 1>>
  %12 = "pt.addptr"(%11, %8) : (block<128xptr<f32, 1>>, block<128xi32>) -> block<128xptr<f32, 1>>
  %13 = "pt.splat"(%1) : (ptr<f16, 1>) -> block<128xptr<f16, 1>>
  %14 = "pt.addptr"(%13, %8) : (block<128xptr<f16, 1>>, block<128xi32>) -> block<128xptr<f16, 1>>
  %15 = "pt.load"(%12, %10) : (block<128xptr<f32, 1>>, block<128xi1>) -> block<128xf32>
  %16 = "pt.cast"(%15) : (block<128xf32>) -> block<128xf16>
  "pt.store"(%14, %16, %10) : (block<128xptr<f16, 1>>, block<128xf16>, block<128xi1>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, ptr<f16, 1>, i32) -> (), kernel = true, sym_name = "add"} : () -> ()
// %0: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %1: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %2: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %3: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %4: contiguity = [1], divisibility = [128], constancy = [1], constant_value = 128
// %5: contiguity = [1], divisibility = [128], constancy = [1], constant_value = <none>
// %6: contiguity = [128], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %7: contiguity = [1], divisibility = [128], constancy = [128], constant_value = <none>
// %8: contiguity = [128], divisibility = [128], constancy = [1], constant_value = <none>
// %9: contiguity = [1], divisibility = [1], constancy = [128], constant_value = <none>
// %10: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %11: contiguity = [1], divisibility = [16], constancy = [128], constant_value = <none>
// %12: contiguity = [128], divisibility = [16], constancy = [1], constant_value = <none>
// %13: contiguity = [1], divisibility = [16], constancy = [128], constant_value = <none>
// %14: contiguity = [128], divisibility = [16], constancy = [1], constant_value = <none>
// %15: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %16: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
