// RUN: simt-assign-layouts{num_warps=2 warp_size=16},simt-remove-conversions
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %3 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  "scf.for"(%4, %1, %5) ({
  ^bb0(%6: i32):
    %7 = "pt.splat"(%6) : (i32) -> block<16xi32>
    %8 = "pt.mul"(%2, %7) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    %9 = "pt.add"(%8, %7) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    %10 = "pt.cmp"(%9, %7) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
    %11 = "pt.select"(%10, %9, %7) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
    %12 = "pt.shl"(%11, %7) : (block<16xi32>, block<16xi32>) -> block<16xi32>
    %13 = "pt.expand_dims"(%11) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
    %14 = "pt.broadcast"(%13) : (block<16x1xi32>) -> block<16x16xi32>
    %15 = "pt.expand_dims"(%12) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
    %16 = "pt.broadcast"(%15) : (block<16x1xi32>) -> block<16x16xi32>
    %17 = "pt.expand_dims"(%12) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
    %18 = "pt.broadcast"(%17) : (block<1x16xi32>) -> block<16x16xi32>
    %19 = "pt.add"(%14, %16) : (block<16x16xi32>, block<16x16xi32>) -> block<16x16xi32>
    %20 = "pt.add"(%19, %18) : (block<16x16xi32>, block<16x16xi32>) -> block<16x16xi32>
    %21 = "pt.addptr"(%3, %20) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
    %22 = "pt.expand_dims"(%11) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
    %23 = "pt.broadcast"(%22) : (block<1x16xi32>) -> block<16x16xi32>
    %24 = "pt.cast"(%23) : (block<16x16xi32>) -> block<16x16xf32>
    "pt.store"(%21, %24) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "bounded_depth"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %3 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  "scf.for"(%4, %1, %5) ({
  ^bb0(%7: i32):
    %8 = "pt.splat"(%7) : (i32) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %9 = "pt.mul"(%2, %8) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %10 = "pt.add"(%9, %8) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %11 = "pt.cmp"(%10, %8) {predicate = "lt"} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi1, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %12 = "pt.select"(%11, %10, %8) : (block<16xi1, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %13 = "pt.shl"(%12, %8) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %14 = "pt.splat"(%7) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %15 = "pt.mul"(%6, %14) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %16 = "pt.add"(%15, %14) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %17 = "pt.cmp"(%16, %14) {predicate = "lt"} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi1, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %18 = "pt.select"(%17, %16, %14) : (block<16xi1, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %19 = "pt.expand_dims"(%18) {axis = 1} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %20 = "pt.broadcast"(%19) : (block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %21 = "simt.convert_layout"(%13) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
    %22 = "pt.expand_dims"(%21) {axis = 1} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %23 = "pt.broadcast"(%22) : (block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %24 = "pt.expand_dims"(%13) {axis = 0} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %25 = "pt.broadcast"(%24) : (block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %26 = "pt.add"(%20, %23) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %27 = "pt.add"(%26, %25) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %28 = "pt.addptr"(%3, %27) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %29 = "pt.expand_dims"(%12) {axis = 0} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %30 = "pt.broadcast"(%29) : (block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    %31 = "pt.cast"(%30) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
    "pt.store"(%28, %31) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "bounded_depth"} : () -> ()
