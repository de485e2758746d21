// RUN: simt-kernel-tensor-maps{target=cuda:sm_90a num_warps=4}
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: ptr<f32, 1>, %6: i32):
  %7 = "pt.constant"() {value = 1} : () -> i64
  %8 = "pt.make_tensor_desc"(%0, %1, %2, %3, %7) : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
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
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}], arg_names = ["a_ptr", "M", "K", "stride_am", "b_ptr", "c_ptr", "K_tiles"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: ptr<f32, 1>, %6: i32, %7: ptr<i8, 1>):
  %8 = "pt.constant"() {value = 1} : () -> i64
  %9 = "pt.program_id"() {axis = 2} : () -> i32
  %10 = "pt.cast"(%9) : (i32) -> i64
  %11 = "pt.num_programs"() {axis = 1} : () -> i32
  %12 = "pt.cast"(%11) : (i32) -> i64
  %13 = "pt.mul"(%10, %12) : (i64, i64) -> i64
  %14 = "pt.program_id"() {axis = 1} : () -> i32
  %15 = "pt.cast"(%14) : (i32) -> i64
  %16 = "pt.add"(%13, %15) : (i64, i64) -> i64
  %17 = "pt.num_programs"() {axis = 0} : () -> i32
  %18 = "pt.cast"(%17) : (i32) -> i64
  %19 = "pt.mul"(%16, %18) : (i64, i64) -> i64
  %20 = "pt.program_id"() {axis = 0} : () -> i32
  %21 = "pt.cast"(%20) : (i32) -> i64
  %22 = "pt.add"(%19, %21) : (i64, i64) -> i64
  %23 = "pt.constant"() {value = 128} : () -> i64
  %24 = "pt.mul"(%22, %23) : (i64, i64) -> i64
  %25 = "pt.addptr"(%7, %24) : (ptr<i8, 1>, i64) -> ptr<i8, 1>
  %26 = "pt.make_tensor_map"(%25, %0, %1, %2, %3, %8) : (ptr<i8, 1>, ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x16xf16>>
  %27 = "pt.constant"() {value = 0.0} : () -> block<64x16xf32>
  %28 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %29 = "pt.expand_dims"(%28) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %30 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %31 = "pt.mul"(%29, %30) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %32 = "pt.splat"(%4) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %33 = "pt.addptr"(%32, %31) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %34 = "pt.expand_dims"(%28) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %35 = "pt.broadcast"(%34) : (block<1x16xi32>) -> block<16x16xi32>
  %36 = "pt.broadcast"(%33) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %37 = "pt.addptr"(%36, %35) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %38 = "pt.constant"() {value = 16} : () -> i32
  %39 = "pt.div"(%6, %38) : (i32, i32) -> i32
  %40 = "pt.constant"() {value = 0} : () -> i32
  %41 = "pt.constant"() {value = 1} : () -> i32
  %42 = "pt.constant"() {value = 0} : () -> i32
  %43 = "pt.local_alloc"() {shape = [1, 16, 16]} : () -> ptr<f16, 3>
  "pt.async_copy"(%37, %43, %42) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32) -> ()
  "pt.async_commit"() : () -> ()
  %44 = "pt.local_alloc"() {shape = [3, 64, 16]} : () -> ptr<f16, 3>
  %45 = "pt.local_alloc"() {shape = [3, 1]} : () -> ptr<i64, 3>
  "pt.tile_barriers_init"(%45) {arrivals = 1} : (ptr<i64, 3>) -> ()
  %46 = "pt.constant"() {value = 0} : () -> i32
  %47 = "pt.mul"(%46, %41) : (i32, i32) -> i32
  %48 = "pt.add"(%40, %47) : (i32, i32) -> i32
  %49 = "pt.mul"(%48, %38) : (i32, i32) -> i32
  %50 = "pt.cmp"(%48, %39) {predicate = "lt"} : (i32, i32) -> i1
  %51 = "pt.constant"() {value = 0} : () -> i32
  "pt.async_tile_copy"(%26, %44, %51, %45, %50, %40, %49) : (tensordesc<block<64x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
  "pt.async_commit"() : () -> ()
  %52 = "scf.for"(%40, %39, %41, %27) ({
  ^bb0(%53: i32, %54: block<64x16xf32>):
    "pt.async_wait"() {pending = 0} : () -> ()
    %55 = "pt.sub"(%53, %40) : (i32, i32) -> i32
    %56 = "pt.div"(%55, %41) : (i32, i32) -> i32
    %57 = "pt.constant"() {value = 3} : () -> i32
    %58 = "pt.rem"(%56, %57) : (i32, i32) -> i32
    %59 = "pt.constant"() {value = 1} : () -> i32
    %60 = "pt.add"(%56, %59) : (i32, i32) -> i32
    %61 = "pt.rem"(%60, %57) : (i32, i32) -> i32
    %62 = "pt.constant"() {value = 1} : () -> i32
    %63 = "pt.mul"(%62, %41) : (i32, i32) -> i32
    %64 = "pt.add"(%53, %63) : (i32, i32) -> i32
    %65 = "pt.mul"(%64, %38) : (i32, i32) -> i32
    %66 = "pt.cmp"(%64, %39) {predicate = "lt"} : (i32, i32) -> i1
    "pt.async_tile_copy"(%26, %44, %61, %45, %66, %40, %65) : (tensordesc<block<64x16xf16>>, ptr<f16, 3>, i32, ptr<i64, 3>, i1, i32, i32) -> ()
    "pt.async_commit"() : () -> ()
    %67 = "pt.div"(%56, %57) : (i32, i32) -> i32
    %68 = "pt.constant"() {value = 2} : () -> i32
    %69 = "pt.rem"(%67, %68) : (i32, i32) -> i32
    "pt.tile_barrier_wait"(%45, %58, %69) : (ptr<i64, 3>, i32, i32) -> ()
    %70 = "pt.local_load"(%44, %58) : (ptr<f16, 3>, i32) -> block<64x16xf16>
    %71 = "pt.local_load"(%43, %42) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %72 = "pt.dot"(%70, %71, %54) : (block<64x16xf16>, block<16x16xf16>, block<64x16xf32>) -> block<64x16xf32>
    "scf.yield"(%72) : (block<64x16xf32>) -> ()
  }) : (i32, i32, i32, block<64x16xf32>) -> block<64x16xf32>
  "pt.async_wait"() {pending = 0} : () -> ()
  "pt.tile_barriers_release"(%45) : (ptr<i64, 3>) -> ()
  %73 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %74 = "pt.expand_dims"(%73) {axis = 1} : (block<64xi32>) -> block<64x1xi32>
  %75 = "pt.constant"() {value = 16} : () -> block<64x1xi32>
  %76 = "pt.mul"(%74, %75) : (block<64x1xi32>, block<64x1xi32>) -> block<64x1xi32>
  %77 = "pt.splat"(%5) : (ptr<f32, 1>) -> block<64x1xptr<f32, 1>>
  %78 = "pt.addptr"(%77, %76) : (block<64x1xptr<f32, 1>>, block<64x1xi32>) -> block<64x1xptr<f32, 1>>
  %79 = "pt.broadcast"(%34) : (block<1x16xi32>) -> block<64x16xi32>
  %80 = "pt.broadcast"(%78) : (block<64x1xptr<f32, 1>>) -> block<64x16xptr<f32, 1>>
  %81 = "pt.addptr"(%80, %79) : (block<64x16xptr<f32, 1>>, block<64x16xi32>) -> block<64x16xptr<f32, 1>>
  "pt.store"(%81, %52) : (block<64x16xptr<f32, 1>>, block<64x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}, {}], arg_names = ["a_ptr", "M", "K", "stride_am", "b_ptr", "c_ptr", "K_tiles", "scratch.global"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32, ptr<i8, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
