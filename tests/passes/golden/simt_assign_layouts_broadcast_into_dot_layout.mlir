// RUN: simt-assign-layouts{target=cuda:sm_80 num_warps=4}
"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.constant"() {value = 1.0} : () -> block<32x16xf16>
  %2 = "pt.constant"() {value = 1.0} : () -> block<16x32xf16>
  %3 = "pt.constant"() {value = 0.0} : () -> block<32x32xf32>
  %4 = "pt.dot"(%1, %2, %3) : (block<32x16xf16>, block<16x32xf16>, block<32x32xf32>) -> block<32x32xf32>
  %5 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %6 = "pt.cast"(%5) : (block<32xi32>) -> block<32xf32>
  %7 = "pt.expand_dims"(%6) {axis = 1} : (block<32xf32>) -> block<32x1xf32>
  %8 = "pt.broadcast"(%7) : (block<32x1xf32>) -> block<32x32xf32>
  %9 = "pt.mul"(%4, %8) : (block<32x32xf32>, block<32x32xf32>) -> block<32x32xf32>
  %10 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<32x32xptr<f32, 1>>
  "pt.store"(%10, %9) : (block<32x32xptr<f32, 1>>, block<32x32xf32>) -> ()
  "pt.store"(%10, %8) : (block<32x32xptr<f32, 1>>, block<32x32xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "scale_rows"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.constant"() {value = 1.0} : () -> block<32x16xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %2 = "pt.constant"() {value = 1.0} : () -> block<16x32xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %3 = "pt.constant"() {value = 0.0} : () -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %4 = "pt.dot"(%1, %2, %3) : (block<32x16xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<16x32xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %5 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>>
  %6 = "pt.cast"(%5) : (block<32xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>>) -> block<32xf32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>>
  %7 = "pt.expand_dims"(%6) {axis = 1} : (block<32xf32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>>) -> block<32x1xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %8 = "pt.broadcast"(%7) : (block<32x1xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>) -> block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %9 = "simt.convert_layout"(%7) : (block<32x1xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>) -> block<32x1xf32, #linear<register = [[8, 0]], lane = [[0, 0], [0, 0], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 0]], shape = [32, 1]>>
  %10 = "pt.broadcast"(%9) : (block<32x1xf32, #linear<register = [[8, 0]], lane = [[0, 0], [0, 0], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 0]], shape = [32, 1]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %11 = "pt.mul"(%4, %10) : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %12 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<32x32xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %13 = "simt.convert_layout"(%11) : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  "pt.store"(%12, %13) : (block<32x32xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>) -> ()
  "pt.store"(%12, %8) : (block<32x32xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "scale_rows"} : () -> ()
