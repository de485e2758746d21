// RUN: simt-assign-layouts{num_warps=2 warp_size=16},simt-remove-conversions
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %3 = "pt.splat"(%1) : (i32) -> block<16xi32>
  %4 = "pt.mul"(%2, %3) : (block<16xi32>, block<16xi32>) -> block<16xi32>
  %5 = "pt.add"(%4, %3) : (block<16xi32>, block<16xi32>) -> block<16xi32>
  %6 = "pt.cmp"(%5, %3) {predicate = "lt"} : (block<16xi32>, block<16xi32>) -> block<16xi1>
  %7 = "pt.select"(%6, %5, %3) : (block<16xi1>, block<16xi32>, block<16xi32>) -> block<16xi32>
  %8 = "pt.shl"(%7, %3) : (block<16xi32>, block<16xi32>) -> block<16xi32>
  %9 = "pt.expand_dims"(%7) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %10 = "pt.broadcast"(%9) : (block<16x1xi32>) -> block<16x16xi32>
  %11 = "pt.expand_dims"(%8) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %12 = "pt.broadcast"(%11) : (block<16x1xi32>) -> block<16x16xi32>
  %13 = "pt.expand_dims"(%8) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %14 = "pt.broadcast"(%13) : (block<1x16xi32>) -> block<16x16xi32>
  %15 = "pt.add"(%10, %12) : (block<16x16xi32>, block<16x16xi32>) -> block<16x16xi32>
  %16 = "pt.add"(%15, %14) : (block<16x16xi32>, block<16x16xi32>) -> block<16x16xi32>
  %17 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
  %18 = "pt.addptr"(%17, %16) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  %19 = "pt.expand_dims"(%7) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %20 = "pt.broadcast"(%19) : (block<1x16xi32>) -> block<16x16xi32>
  %21 = "pt.cast"(%20) : (block<16x16xi32>) -> block<16x16xf32>
  "pt.store"(%18, %21) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "bounded_depth"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %3 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %4 = "pt.mul"(%2, %3) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %5 = "pt.add"(%4, %3) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %6 = "pt.cmp"(%5, %3) {predicate = "lt"} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi1, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %7 = "pt.select"(%6, %5, %3) : (block<16xi1, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %8 = "pt.shl"(%7, %3) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %9 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %10 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %11 = "pt.mul"(%9, %10) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %12 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %13 = "pt.add"(%11, %12) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %14 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %15 = "pt.cmp"(%13, %14) {predicate = "lt"} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi1, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %16 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %17 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %18 = "pt.mul"(%16, %17) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %19 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %20 = "pt.add"(%18, %19) : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %21 = "pt.splat"(%1) : (i32) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %22 = "pt.select"(%15, %20, %21) : (block<16xi1, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>, block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %23 = "pt.expand_dims"(%22) {axis = 1} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %24 = "pt.broadcast"(%23) : (block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %25 = "simt.convert_layout"(%8) : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>
  %26 = "pt.expand_dims"(%25) {axis = 1} : (block<16xi32, #slice<dim = 1, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %27 = "pt.broadcast"(%26) : (block<16x1xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %28 = "pt.expand_dims"(%8) {axis = 0} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %29 = "pt.broadcast"(%28) : (block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %30 = "pt.add"(%24, %27) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %31 = "pt.add"(%30, %29) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %32 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %33 = "pt.addptr"(%32, %31) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %34 = "pt.expand_dims"(%7) {axis = 0} : (block<16xi32, #slice<dim = 0, parent = #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>>) -> block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %35 = "pt.broadcast"(%34) : (block<1x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  %36 = "pt.cast"(%35) : (block<16x16xi32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>
  "pt.store"(%33, %36) : (block<16x16xptr<f32, 1>, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>, block<16x16xf32, #blocked<spt = [1, 1], tpw = [1, 16], wpc = [2, 1], order = [1, 0]>>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "bounded_depth"} : () -> ()
