// RUN: simt-pipeline-loads{target=cuda:sm_90a num_warps=4 num_stages=2}
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: i32, %6: i32, %7: i64, %8: i32):
  %9 = "pt.constant"() {value = 1} : () -> i64
  %10 = "pt.make_tensor_desc"(%0, %1, %2, %3, %9) {argument = "a_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
  %11 = "pt.make_tensor_desc"(%4, %5, %6, %7, %9) {argument = "b_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<32x16xf16>>
  %12 = "pt.constant"() {value = 0.0} : () -> block<64x32xf32>
  %13 = "pt.constant"() {value = 0} : () -> i32
  %14 = "pt.constant"() {value = 1} : () -> i32
  %15 = "pt.desc_load"(%10, %13, %13) : (tensordesc<block<64x16xf16>>, i32, i32) -> block<64x16xf16>
  %16 = "pt.constant"() {value = 32} : () -> i32
  %17 = "pt.div"(%8, %16) : (i32, i32) -> i32
  %18 = "scf.for"(%13, %17, %14, %12) ({
  ^bb0(%19: i32, %20: block<64x32xf32>):
    %21 = "pt.mul"(%19, %16) : (i32, i32) -> i32
    %22 = "pt.desc_load"(%11, %21, %13) : (tensordesc<block<32x16xf16>>, i32, i32) -> block<32x16xf16>
    %23 = "pt.permute"(%22) {order = [1, 0]} : (block<32x16xf16>) -> block<16x32xf16>
    %24 = "pt.dot"(%15, %23, %20) : (block<64x16xf16>, block<16x32xf16>, block<64x32xf32>) -> block<64x32xf32>
    "scf.yield"(%24) : (block<64x32xf32>) -> ()
  }) : (i32, i32, i32, block<64x32xf32>) -> block<64x32xf32>
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_desc", "b_desc.shape.0", "b_desc.shape.1", "b_desc.strides.0", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: i32, %6: i32, %7: i64, %8: i32):
  %9 = "pt.constant"() {value = 1} : () -> i64
  %10 = "pt.make_tensor_desc"(%0, %1, %2, %3, %9) {argument = "a_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
  %11 = "pt.make_tensor_desc"(%4, %5, %6, %7, %9) {argument = "b_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<32x16xf16>>
  %12 = "pt.constant"() {value = 0.0} : () -> block<64x32xf32>
  %13 = "pt.constant"() {value = 0} : () -> i32
  %14 = "pt.constant"() {value = 1} : () -> i32
  %15 = "pt.constant"() {value = 32} : () -> i32
  %16 = "pt.div"(%8, %15) : (i32, i32) -> i32
  %17 = "pt.constant"() {value = 0} : () -> i32
  %18 = "pt.local_alloc"() {shape = [1, 64, 16]} : () -> ptr<f16, 3>
  %19 = "pt.local_alloc"() {shape = [1, 1]} : () -> ptr<i64, 3>
  "pt.tile_barriers_init"(%19) {arrivals = 1} : (ptr<i64, 3>) -> ()
  %20 = "pt.constant"() {value = 1} : () -> i1
  "pt.async_tile_copy"(%10, %18, %17, %19, %20, %13, %13) : (tensordesc<block<64x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
  %21 = "pt.local_alloc"() {order = [0, 1], shape = [3, 16, 32]} : () -> ptr<f16, 3>
  %22 = "pt.local_alloc"() {shape = [3, 1]} : () -> ptr<i64, 3>
  "pt.tile_barriers_init"(%22) {arrivals = 1} : (ptr<i64, 3>) -> ()
  %23 = "pt.constant"() {value = 0} : () -> i32
  %24 = "pt.mul"(%23, %14) : (i32, i32) -> i32
  %25 = "pt.add"(%13, %24) : (i32, i32) -> i32
  %26 = "pt.mul"(%25, %15) : (i32, i32) -> i32
  %27 = "pt.cmp"(%25, %16) {predicate = "lt"} : (i32, i32) -> i1
  %28 = "pt.constant"() {value = 0} : () -> i32
  "pt.async_tile_copy"(%11, %21, %28, %22, %27, %26, %13) : (tensordesc<block<32x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
  %29 = "pt.constant"() {value = 0} : () -> i32
  "pt.tile_barrier_wait"(%19, %29, %29) : (ptr<i64, 3>, i32, i32) -> ()
  %30 = "scf.for"(%13, %16, %14, %12) ({
  ^bb0(%31: i32, %32: block<64x32xf32>):
    "pt.barrier"() : () -> ()
    %33 = "pt.sub"(%31, %13) : (i32, i32) -> i32
    %34 = "pt.div"(%33, %14) : (i32, i32) -> i32
    %35 = "pt.constant"() {value = 3} : () -> i32
    %36 = "pt.rem"(%34, %35) : (i32, i32) -> i32
    %37 = "pt.constant"() {value = 1} : () -> i32
    %38 = "pt.add"(%34, %37) : (i32, i32) -> i32
    %39 = "pt.rem"(%38, %35) : (i32, i32) -> i32
    %40 = "pt.constant"() {value = 1} : () -> i32
    %41 = "pt.mul"(%40, %14) : (i32, i32) -> i32
    %42 = "pt.add"(%31, %41) : (i32, i32) -> i32
    %43 = "pt.mul"(%42, %15) : (i32, i32) -> i32
    %44 = "pt.cmp"(%42, %16) {predicate = "lt"} : (i32, i32) -> i1
    "pt.async_tile_copy"(%11, %21, %39, %22, %44, %43, %13) : (tensordesc<block<32x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
    %45 = "pt.div"(%34, %35) : (i32, i32) -> i32
    %46 = "pt.constant"() {value = 2} : () -> i32
    %47 = "pt.rem"(%45, %46) : (i32, i32) -> i32
    "pt.tile_barrier_wait"(%22, %36, %47) : (ptr<i64, 3>, i32, i32) -> ()
    %48 = "pt.local_load"(%21, %36) : (ptr<f16, 3>, i32) -> block<16x32xf16>
    %49 = "pt.local_load"(%18, %17) : (ptr<f16, 3>, i32) -> block<64x16xf16>
    %50 = "pt.dot"(%49, %48, %32) : (block<64x16xf16>, block<16x32xf16>, block<64x32xf32>) -> block<64x32xf32>
    "scf.yield"(%50) : (block<64x32xf32>) -> ()
  }) : (i32, i32, i32, block<64x32xf32>) -> block<64x32xf32>
  "pt.tile_barriers_release"(%22) : (ptr<i64, 3>) -> ()
  "pt.tile_barriers_release"(%19) : (ptr<i64, 3>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_desc", "b_desc.shape.0", "b_desc.shape.1", "b_desc.strides.0", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
