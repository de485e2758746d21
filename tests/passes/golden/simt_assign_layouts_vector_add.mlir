// RUN: simt-assign-layouts{target=cuda:sm_90a num_warps=4}
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
  %6 = "pt.make_range"() {end = 128, start = 0} : () -> block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %7 = "pt.splat"(%5) : (i32) -> block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %8 = "pt.add"(%7, %6) : (block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %9 = "pt.splat"(%2) : (i32) -> block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %10 = "pt.cmp"(%8, %9) {predicate = "lt"} : (block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xi1, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<128xptr<f32, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %12 = "pt.addptr"(%11, %8) : (block<128xptr<f32, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xptr<f32, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %13 = "pt.splat"(%1) : (ptr<f16, 1>) -> block<128xptr<f16, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %14 = "pt.addptr"(%13, %8) : (block<128xptr<f16, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xptr<f16, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %15 = "pt.load"(%12, %10) : (block<128xptr<f32, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi1, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xf32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  %16 = "pt.cast"(%15) : (block<128xf32, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> block<128xf16, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>
  "pt.store"(%14, %16, %10) : (block<128xptr<f16, 1>, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xf16, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>, block<128xi1, #blocked<spt = [1], tpw = [32], wpc = [4], order = [0]>>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, ptr<f16, 1>, i32) -> (), kernel = true, sym_name = "add"} : () -> ()
