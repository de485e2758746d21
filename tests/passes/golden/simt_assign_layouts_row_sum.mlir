// RUN: simt-assign-layouts{num_warps=2 warp_size=16}
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %3 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %4 = "pt.expand_dims"(%2) {axis = 1} : (block<4xi32>) -> block<4x1xi32>
  %5 = "pt.constant"() {value = 32} : () -> i32
  %6 = "pt.splat"(%5) : (i32) -> block<4x1xi32>
  %7 = "pt.mul"(%4, %6) : (block<4x1xi32>, block<4x1xi32>) -> block<4x1xi32>
  %8 = "pt.broadcast"(%7) : (block<4x1xi32>) -> block<4x32xi32>
  %9 = "pt.expand_dims"(%3) {axis = 0} : (block<32xi32>) -> block<1x32xi32>
  %10 = "pt.broadcast"(%9) : (block<1x32xi32>) -> block<4x32xi32>
  %11 = "pt.add"(%8, %10) : (block<4x32xi32>, block<4x32xi32>) -> block<4x32xi32>
  %12 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4x32xptr<f32, 1>>
  %13 = "pt.addptr"(%12, %11) : (block<4x32xptr<f32, 1>>, block<4x32xi32>) -> block<4x32xptr<f32, 1>>
  %14 = "pt.load"(%13) : (block<4x32xptr<f32, 1>>) -> block<4x32xf32>
  %15 = "pt.reduce"(%14) ({
  ^bb0(%16: f32, %17: f32):
    %18 = "pt.add"(%16, %17) : (f32, f32) -> f32
    "pt.yield"(%18) : (f32) -> ()
  }) {axis = 1} : (block<4x32xf32>) -> block<4xf32>
  %19 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %20 = "pt.addptr"(%19, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  "pt.store"(%20, %15) : (block<4xptr<f32, 1>>, block<4xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "row_sum"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32, #slice<dim = 1, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>
  %3 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32, #slice<dim = 0, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>
  %4 = "pt.expand_dims"(%2) {axis = 1} : (block<4xi32, #slice<dim = 1, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>) -> block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %5 = "pt.constant"() {value = 32} : () -> i32
  %6 = "pt.splat"(%5) : (i32) -> block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %7 = "pt.mul"(%4, %6) : (block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>, block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %8 = "pt.broadcast"(%7) : (block<4x1xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %9 = "pt.expand_dims"(%3) {axis = 0} : (block<32xi32, #slice<dim = 0, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>) -> block<1x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %10 = "pt.broadcast"(%9) : (block<1x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %11 = "pt.add"(%8, %10) : (block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>, block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %12 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4x32xptr<f32, 1>, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %13 = "pt.addptr"(%12, %11) : (block<4x32xptr<f32, 1>, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>, block<4x32xi32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x32xptr<f32, 1>, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %14 = "pt.load"(%13) : (block<4x32xptr<f32, 1>, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4x32xf32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>
  %15 = "pt.reduce"(%14) ({
  ^bb0(%16: f32, %17: f32):
    %18 = "pt.add"(%16, %17) : (f32, f32) -> f32
    "pt.yield"(%18) : (f32) -> ()
  }) {axis = 1} : (block<4x32xf32, #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>) -> block<4xf32, #slice<dim = 1, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>
  %19 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>
  %20 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>
  %21 = "pt.addptr"(%19, %20) : (block<4xptr<f32, 1>, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>, block<4xi32, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>) -> block<4xptr<f32, 1>, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>
  %22 = "simt.convert_layout"(%15) : (block<4xf32, #slice<dim = 1, parent = #blocked<spt = [1, 4], tpw = [2, 8], wpc = [2, 1], order = [1, 0]>>>) -> block<4xf32, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>
  "pt.store"(%21, %22) : (block<4xptr<f32, 1>, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>, block<4xf32, #blocked<spt = [1], tpw = [16], wpc = [2], order = [0]>>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "row_sum"} : () -> ()
