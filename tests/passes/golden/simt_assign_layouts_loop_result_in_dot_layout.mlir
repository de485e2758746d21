// RUN: simt-assign-layouts{target=cuda:sm_80 num_warps=4},simt-remove-conversions
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 1.0} : () -> block<32x16xf16>
  %3 = "pt.constant"() {value = 1.0} : () -> block<16x32xf16>
  %4 = "pt.constant"() {value = 0.0} : () -> block<32x32xf32>
  %5 = "pt.constant"() {value = 0.0} : () -> block<32xf32>
  %6 = "pt.constant"() {value = 0} : () -> i32
  %7 = "pt.constant"() {value = 1} : () -> i32
  %8, %9 = "scf.for"(%6, %1, %7, %4, %5) ({
  ^bb0(%10: i32, %11: block<32x32xf32>, %12: block<32xf32>):
    %13 = "pt.dot"(%2, %3, %11) : (block<32x16xf16>, block<16x32xf16>, block<32x32xf32>) -> block<32x32xf32>
    %14 = "pt.reduce"(%13) ({
    ^bb0(%15: f32, %16: f32):
      %17 = "pt.add"(%15, %16) : (f32, f32) -> f32
      "pt.yield"(%17) : (f32) -> ()
    }) {axis = 1} : (block<32x32xf32>) -> block<32xf32>
    %18 = "pt.add"(%12, %14) : (block<32xf32>, block<32xf32>) -> block<32xf32>
    "scf.yield"(%13, %18) : (block<32x32xf32>, block<32xf32>) -> ()
  }) : (i32, i32, i32, block<32x32xf32>, block<32xf32>) -> (block<32x32xf32>, block<32xf32>)
  %19 = "pt.expand_dims"(%9) {axis = 1} : (block<32xf32>) -> block<32x1xf32>
  %20 = "pt.broadcast"(%19) : (block<32x1xf32>) -> block<32x32xf32>
  %21 = "pt.div"(%8, %20) : (block<32x32xf32>, block<32x32xf32>) -> block<32x32xf32>
  %22 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<32x32xptr<f32, 1>>
  "pt.store"(%22, %21) : (block<32x32xptr<f32, 1>>, block<32x32xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "normalised_rows"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 1.0} : () -> block<32x16xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %3 = "pt.constant"() {value = 1.0} : () -> block<16x32xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %4 = "pt.constant"() {value = 0.0} : () -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %5 = "pt.constant"() {value = 0.0} : () -> block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>
  %6 = "pt.constant"() {value = 0} : () -> i32
  %7 = "pt.constant"() {value = 1} : () -> i32
  %8, %9 = "scf.for"(%6, %1, %7, %4, %5) ({
  ^bb0(%10: i32, %11: block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, %12: block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>):
    %13 = "pt.dot"(%2, %3, %11) : (block<32x16xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<16x32xf16, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
    %14 = "pt.reduce"(%13) ({
    ^bb0(%15: f32, %16: f32):
      %17 = "pt.add"(%15, %16) : (f32, f32) -> f32
      "pt.yield"(%17) : (f32) -> ()
    }) {axis = 1} : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>
    %18 = "pt.add"(%12, %14) : (block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>, block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>) -> block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>
    "scf.yield"(%13, %18) : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>) -> ()
  }) : (i32, i32, i32, block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>) -> (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>)
  %19 = "pt.expand_dims"(%9) {axis = 1} : (block<32xf32, #slice<dim = 1, parent = #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>>) -> block<32x1xf32, #linear<register = [[8, 0]], lane = [[0, 0], [0, 0], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 0]], shape = [32, 1]>>
  %20 = "pt.broadcast"(%19) : (block<32x1xf32, #linear<register = [[8, 0]], lane = [[0, 0], [0, 0], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 0]], shape = [32, 1]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %21 = "pt.div"(%8, %20) : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>, block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>
  %22 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<32x32xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  %23 = "simt.convert_layout"(%21) : (block<32x32xf32, #linear<register = [[0, 1], [8, 0], [0, 16]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [0, 8]], shape = [32, 32]>>) -> block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>
  "pt.store"(%22, %23) : (block<32x32xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>, block<32x32xf32, #blocked<spt = [1, 1], tpw = [1, 32], wpc = [4, 1], order = [1, 0]>>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "normalised_rows"} : () -> ()
