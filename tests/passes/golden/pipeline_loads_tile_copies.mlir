// RUN: simt-pipeline-loads{target=cuda:sm_90a num_warps=4 num_stages=2}
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: ptr<f32, 1>, %6: i32):
  %7 = "pt.constant"() {value = 1} : () -> i64
  %8 = "pt.make_tensor_desc"(%0, %1, %2, %3, %7) {argument = "a_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
  %9 = "pt.constant"() {value = 0.0} : () -> block<64x16xf32>
  %10 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %11 = "pt.expand_dims"(%10) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %12 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %13 = "pt.mul"(%11, %12) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %14 = "pt.splat"(%4) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %15 = "pt.addptr"(%14, %13) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.expand_dims"(%10) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %17 = "pt.broadcast"(%16) : (block<1x16xi32>) -> block<16x16xi32>
  %18 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %19 = "pt.addptr"(%18, %17) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %20 = "pt.load"(%19) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
  %21 = "pt.constant"() {value = 16} : () -> i32
  %22 = "pt.div"(%6, %21) : (i32, i32) -> i32
  %23 = "pt.constant"() {value = 0} : () -> i32
  %24 = "pt.constant"() {value = 1} : () -> i32
  %25 = "scf.for"(%23, %22, %24, %9) ({
  ^bb0(%26: i32, %27: block<64x16xf32>):
    %28 = "pt.mul"(%26, %21) : (i32, i32) -> i32
    %29 = "pt.desc_load"(%8, %23, %28) : (tensordesc<block<64x16xf16>>, i32, i32) -> block<64x16xf16>
    %30 = "pt.dot"(%29, %20, %27) : (block<64x16xf16>, block<16x16xf16>, block<64x16xf32>) -> block<64x16xf32>
    "scf.yield"(%30) : (block<64x16xf32>) -> ()
  }) : (i32, i32, i32, block<64x16xf32>) -> block<64x16xf32>
  %31 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %32 = "pt.expand_dims"(%31) {axis = 1} : (block<64xi32>) -> block<64x1xi32>
  %33 = "pt.constant"() {value = 16} : () -> block<64x1xi32>
  %34 = "pt.mul"(%32, %33) : (block<64x1xi32>, block<64x1xi32>) -> block<64x1xi32>
  %35 = "pt.splat"(%5) : (ptr<f32, 1>) -> block<64x1xptr<f32, 1>>
  %36 = "pt.addptr"(%35, %34) : (block<64x1xptr<f32, 1>>, block<64x1xi32>) -> block<64x1xptr<f32, 1>>
  %37 = "pt.broadcast"(%16) : (block<1x16xi32>) -> block<64x16xi32>
  %38 = "pt.broadcast"(%36) : (block<64x1xptr<f32, 1>>) -> block<64x16xptr<f32, 1>>
  %39 = "pt.addptr"(%38, %37) : (block<64x16xptr<f32, 1>>, block<64x16xi32>) -> block<64x16xptr<f32, 1>>
  "pt.store"(%39, %25) : (block<64x16xptr<f32, 1>>, block<64x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_ptr", "c_ptr", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: ptr<f32, 1>, %6: i32):
  %7 = "pt.constant"() {value = 1} : () -> i64
  %8 = "pt.make_tensor_desc"(%0, %1, %2, %3, %7) {argument = "a_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
  %9 = "pt.constant"() {value = 0.0} : () -> block<64x16xf32>
  %10 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %11 = "pt.expand_dims"(%10) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %12 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %13 = "pt.mul"(%11, %12) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %14 = "pt.splat"(%4) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %15 = "pt.addptr"(%14, %13) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.expand_dims"(%10) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %17 = "pt.broadcast"(%16) : (block<1x16xi32>) -> block<16x16xi32>
  %18 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %19 = "pt.addptr"(%18, %17) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %20 = "pt.constant"() {value = 16} : () -> i32
  %21 = "pt.div"(%6, %20) : (i32, i32) -> i32
  %22 = "pt.constant"() {value = 0} : () -> i32
  %23 = "pt.constant"() {value = 1} : () -> i32
  %24 = "pt.constant"() {value = 0} : () -> i32
  %25 = "pt.local_alloc"() {shape = [1, 16, 16]} : () -> ptr<f16, 3>
  "pt.async_copy"(%19, %25, %24) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32) -> ()
  "pt.async_commit"() : () -> ()
  %26 = "pt.local_alloc"() {shape = [3, 64, 16]} : () -> ptr<f16, 3>
  %27 = "pt.local_alloc"() {shape = [3, 1]} : () -> ptr<i64, 3>
  "pt.tile_barriers_init"(%27) {arrivals = 1} : (ptr<i64, 3>) -> ()
  %28 = "pt.constant"() {value = 0} : () -> i32
  %29 = "pt.mul"(%28, %23) : (i32, i32) -> i32
  %30 = "pt.add"(%22, %29) : (i32, i32) -> i32
  %31 = "pt.mul"(%30, %20) : (i32, i32) -> i32
  %32 = "pt.cmp"(%30, %21) {predicate = "lt"} : (i32, i32) -> i1
  %33 = "pt.constant"() {value = 0} : () -> i32
  "pt.async_tile_copy"(%8, %26, %33, %27, %32, %22, %31) : (tensordesc<block<64x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
  "pt.async_commit"() : () -> ()
  %34 = "scf.for"(%22, %21, %23, %9) ({
  ^bb0(%35: i32, %36: block<64x16xf32>):
    "pt.async_wait"() {pending = 0} : () -> ()
    %37 = "pt.sub"(%35, %22) : (i32, i32) -> i32
    %38 = "pt.div"(%37, %23) : (i32, i32) -> i32
    %39 = "pt.constant"() {value = 3} : () -> i32
    %40 = "pt.rem"(%38, %39) : (i32, i32) -> i32
    %41 = "pt.constant"() {value = 1} : () -> i32
    %42 = "pt.add"(%38, %41) : (i32, i32) -> i32
    %43 = "pt.rem"(%42, %39) : (i32, i32) -> i32
    %44 = "pt.constant"() {value = 1} : () -> i32
    %45 = "pt.mul"(%44, %23) : (i32, i32) -> i32
    %46 = "pt.add"(%35, %45) : (i32, i32) -> i32
    %47 = "pt.mul"(%46, %20) : (i32, i32) -> i32
    %48 = "pt.cmp"(%46, %21) {predicate = "lt"} : (i32, i32) -> i1
    "pt.async_tile_copy"(%8, %26, %43, %27, %48, %22, %47) : (tensordesc<block<64x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
    "pt.async_commit"() : () -> ()
    %49 = "pt.div"(%38, %39) : (i32, i32) -> i32
    %50 = "pt.constant"() {value = 2} : () -> i32
    %51 = "pt.rem"(%49, %50) : (i32, i32) -> i32
    "pt.tile_barrier_wait"(%27, %40, %51) : (ptr<i64, 3>, i32, i32) -> ()
    %52 = "pt.local_load"(%26, %40) : (ptr<f16, 3>, i32) -> block<64x16xf16>
    %53 = "pt.local_load"(%25, %24) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %54 = "pt.dot"(%52, %53, %36) : (block<64x16xf16>, block<16x16xf16>, block<64x16xf32>) -> block<64x16xf32>
    "scf.yield"(%54) : (block<64x16xf32>) -> ()
  }) : (i32, i32, i32, block<64x16xf32>) -> block<64x16xf32>
  "pt.async_wait"() {pending = 0} : () -> ()
  "pt.tile_barriers_release"(%27) : (ptr<i64, 3>) -> ()
  %55 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %56 = "pt.expand_dims"(%55) {axis = 1} : (block<64xi32>) -> block<64x1xi32>
  %57 = "pt.constant"() {value = 16} : () -> block<64x1xi32>
  %58 = "pt.mul"(%56, %57) : (block<64x1xi32>, block<64x1xi32>) -> block<64x1xi32>
  %59 = "pt.splat"(%5) : (ptr<f32, 1>) -> block<64x1xptr<f32, 1>>
  %60 = "pt.addptr"(%59, %58) : (block<64x1xptr<f32, 1>>, block<64x1xi32>) -> block<64x1xptr<f32, 1>>
  %61 = "pt.broadcast"(%16) : (block<1x16xi32>) -> block<64x16xi32>
  %62 = "pt.broadcast"(%60) : (block<64x1xptr<f32, 1>>) -> block<64x16xptr<f32, 1>>
  %63 = "pt.addptr"(%62, %61) : (block<64x16xptr<f32, 1>>, block<64x16xi32>) -> block<64x16xptr<f32, 1>>
  "pt.store"(%63, %34) : (block<64x16xptr<f32, 1>>, block<64x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_ptr", "c_ptr", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
