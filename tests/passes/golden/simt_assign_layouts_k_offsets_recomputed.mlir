// RUN: simt-assign-layouts{num_warps=2 warp_size=16},simt-remove-conversions
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %3 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.constant"() {value = 16} : () -> i32
  "scf.for"(%4, %1, %5) ({
  ^bb0(%7: i32):
    %8 = "pt.mul"(%7, %6) : (i32, i32) -> i32
    %9 = "pt.splat"(%8) : (i32) -> block<16xi32>
    %10 = "pt.add"(%9, %2) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    %11 = "pt.expand_dims"(%10) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
    %12 = "pt.broadcast"(%11) : (block<16x1xi32>) -> block<16x16xi32>
    %13 = "pt.expand_dims"(%10) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
    %14 = "pt.broadcast"(%13) : (block<1x16xi32>) -> block<16x16xi32>
    %15 = "pt.add"(%12, %14) : (block<16x16xi32>, block<16x16xi32>) -> block<16x16xi32>
    %16 = "pt.addptr"(%3, %15) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
    %17 = "pt.cast"(%15) : (block<16x16xi32>) -> block<16x16xf32>
    "pt.store"(%16, %17) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k_offsets"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %3 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.constant"() {value = 16} : () -> i32
  %7 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  "scf.for"(%4, %1, %5) ({
  ^bb0(%8: i32):
    %9 = "pt.mul"(%8, %6) : (i32, i32) -> i32
    %10 = "pt.splat"(%9) : (i32) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %11 = "pt.add"(%10, %2) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %12 = "pt.splat"(%9) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %13 = "pt.add"(%12, %7) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %14 = "pt.expand_dims"(%13) {axis = 1} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %15 = "pt.broadcast"(%14) : (block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %16 = "pt.expand_dims"(%11) {axis = 0} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %17 = "pt.broadcast"(%16) : (block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %18 = "pt.add"(%15, %17) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %19 = "pt.addptr"(%3, %18) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %20 = "pt.cast"(%18) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    "pt.store"(%19, %20) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k_offsets"} : () -> ()
