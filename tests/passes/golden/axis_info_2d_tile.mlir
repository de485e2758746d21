// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %3 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %4 = "pt.expand_dims"(%2) {axis = 1} : (block<32xi32>) -> block<32x1xi32>
  %5 = "pt.splat"(%1) : (i32) -> block<32x1xi32>
  %6 = "pt.mul"(%4, %5) : (block<32x1xi32>, block<32x1xi32>) -> block<32x1xi32>
  %7 = "pt.expand_dims"(%3) {axis = 0} : (block<64xi32>) -> block<1x64xi32>
  %8 = "pt.broadcast"(%6) : (block<32x1xi32>) -> block<32x64xi32>
  %9 = "pt.broadcast"(%7) : (block<1x64xi32>) -> block<32x64xi32>
  %10 = "pt.add"(%8, %9) : (block<32x64xi32>, block<32x64xi32>) -> block<32x64xi32>
  %11 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<32x64xptr<f16, 1>>
  %12 = "pt.addptr"(%11, %10) : (block<32x64xptr<f16, 1>>, block<32x64xi32>) -> block<32x64xptr<f16, 1>>
  %13 = "pt.permute"(%12) {order = [1, 0]} : (block<32x64xptr<f16, 1>>) -> block<64x32xptr<f16, 1>>
  %14 = "pt.load"(%13) : (block<64x32xptr<f16, 1>>) -> block<64x32xf16>
  "pt.store"(%13, %14) : (block<64x32xptr<f16, 1>>, block<64x32xf16>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f16, 1>, i32) -> (), kernel = true, sym_name = "tile"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %3 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %4 = "pt.expand_dims"(%2) {axis = 1} : (block<32xi32>) -> block<32x1xi32>
  %5 = "pt.splat"(%1) : (i32) -> block<32x1xi32>
  %6 = "pt.mul"(%4, %5) : (block<32x1xi32>, block<32x1xi32>) -> block<32x1xi32>
  %7 = "pt.expand_dims"(%3) {axis = 0} : (block<64xi32>) -> block<1x64xi32>
  %8 = "pt.broadcast"(%6) : (block<32x1xi32>) -> block<32x64xi32>
  %9 = "pt.broadcast"(%7) : (block<1x64xi32>) -> block<32x64xi32>
  %10 = "pt.add"(%8, %9) : (block<32x64xi32>, block<32x64xi32>) -> block<32x64xi32>
  %11 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<32x64xptr<f16, 1>>
  %12 = "pt.addptr"(%11, %10) : (block<32x64xptr<f16, 1>>, block<32x64xi32>) -> block<32x64xptr<f16, 1>>
  %13 = "pt.permute"(%12) {order = [1, 0]} : (block<32x64xptr<f16, 1>>) -> block<64x32xptr<f16, 1>>
  %14 = "pt.load"(%13) : (block<64x32xptr<f16, 1>>) -> block<64x32xf16>
  "pt.store"(%13, %14) : (block<64x32xptr<f16, 1>>, block<64x32xf16>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f16, 1>, i32) -> (), kernel = true, sym_name = "tile"} : () -> ()
// %0: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %1: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %2: contiguity = [32], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %3: contiguity = [64], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %4: contiguity = [32, 1], divisibility = [1073741824, 1], constancy = [1, 1], constant_value = <none>
// %5: contiguity = [1, 1], divisibility = [16, 16], constancy = [32, 1], constant_value = <none>
// %6: contiguity = [1, 1], divisibility = [16, 16], constancy = [1, 1], constant_value = <none>
// %7: contiguity = [1, 64], divisibility = [1, 1073741824], constancy = [1, 1], constant_value = <none>
// %8: contiguity = [1, 1], divisibility = [16, 16], constancy = [1, 64], constant_value = <none>
// %9: contiguity = [1, 64], divisibility = [1, 1073741824], constancy = [32, 1], constant_value = <none>
// %10: contiguity = [1, 64], divisibility = [1, 16], constancy = [1, 1], constant_value = <none>
// %11: contiguity = [1, 1], divisibility = [16, 16], constancy = [32, 64], constant_value = <none>
// %12: contiguity = [1, 64], divisibility = [2, 16], constancy = [1, 1], constant_value = <none>
// %13: contiguity = [64, 1], divisibility = [16, 2], constancy = [1, 1], constant_value = <none>
// %14: contiguity = [1, 1], divisibility = [1, 1], constancy = [1, 1], constant_value = <none>
