// RUN: simt-lower-uncopied-tiles{target=cuda:sm_90a num_warps=4}
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
}) {arg_attrs = [{divisibility = 16}, {}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_ptr", "c_ptr", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: ptr<f32, 1>, %6: i32):
  %7 = "pt.constant"() {value = 1} : () -> i64
  %8 = "pt.constant"() {value = 0.0} : () -> block<64x16xf32>
  %9 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %10 = "pt.expand_dims"(%9) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %11 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %12 = "pt.mul"(%10, %11) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %13 = "pt.splat"(%4) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %14 = "pt.addptr"(%13, %12) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %15 = "pt.expand_dims"(%9) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %16 = "pt.broadcast"(%15) : (block<1x16xi32>) -> block<16x16xi32>
  %17 = "pt.broadcast"(%14) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %18 = "pt.addptr"(%17, %16) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %19 = "pt.load"(%18) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
  %20 = "pt.constant"() {value = 16} : () -> i32
  %21 = "pt.div"(%6, %20) : (i32, i32) -> i32
  %22 = "pt.constant"() {value = 0} : () -> i32
  %23 = "pt.constant"() {value = 1} : () -> i32
  %24 = "scf.for"(%22, %21, %23, %8) ({
  ^bb0(%25: i32, %26: block<64x16xf32>):
    %27 = "pt.mul"(%25, %20) : (i32, i32) -> i32
    %28 = "pt.cast"(%22) : (i32) -> i64
    %29 = "pt.mul"(%28, %3) : (i64, i64) -> i64
    %30 = "pt.addptr"(%0, %29) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
    %31 = "pt.cast"(%27) : (i32) -> i64
    %32 = "pt.mul"(%31, %7) : (i64, i64) -> i64
    %33 = "pt.addptr"(%30, %32) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
    %34 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
    %35 = "pt.cast"(%34) : (block<64xi32>) -> block<64xi64>
    %36 = "pt.expand_dims"(%35) {axis = 1} : (block<64xi64>) -> block<64x1xi64>
    %37 = "pt.splat"(%3) : (i64) -> block<64x1xi64>
    %38 = "pt.mul"(%36, %37) : (block<64x1xi64>, block<64x1xi64>) -> block<64x1xi64>
    %39 = "pt.broadcast"(%38) : (block<64x1xi64>) -> block<64x16xi64>
    %40 = "pt.cast"(%22) : (i32) -> i64
    %41 = "pt.neg"(%40) : (i64) -> i64
    %42 = "pt.cast"(%1) : (i32) -> i64
    %43 = "pt.sub"(%42, %40) : (i64, i64) -> i64
    %44 = "pt.splat"(%41) : (i64) -> block<64x1xi64>
    %45 = "pt.cmp"(%36, %44) {predicate = "ge"} : (block<64x1xi64>, block<64x1xi64>) -> block<64x1xi1>
    %46 = "pt.splat"(%43) : (i64) -> block<64x1xi64>
    %47 = "pt.cmp"(%36, %46) {predicate = "lt"} : (block<64x1xi64>, block<64x1xi64>) -> block<64x1xi1>
    %48 = "pt.and"(%45, %47) : (block<64x1xi1>, block<64x1xi1>) -> block<64x1xi1>
    %49 = "pt.broadcast"(%48) : (block<64x1xi1>) -> block<64x16xi1>
    %50 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
    %51 = "pt.cast"(%50) : (block<16xi32>) -> block<16xi64>
    %52 = "pt.expand_dims"(%51) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
    %53 = "pt.splat"(%7) : (i64) -> block<1x16xi64>
    %54 = "pt.mul"(%52, %53) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
    %55 = "pt.broadcast"(%54) : (block<1x16xi64>) -> block<64x16xi64>
    %56 = "pt.add"(%39, %55) : (block<64x16xi64>, block<64x16xi64>) -> block<64x16xi64>
    %57 = "pt.cast"(%27) : (i32) -> i64
    %58 = "pt.neg"(%57) : (i64) -> i64
    %59 = "pt.cast"(%2) : (i32) -> i64
    %60 = "pt.sub"(%59, %57) : (i64, i64) -> i64
    %61 = "pt.splat"(%58) : (i64) -> block<1x16xi64>
    %62 = "pt.cmp"(%52, %61) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %63 = "pt.splat"(%60) : (i64) -> block<1x16xi64>
    %64 = "pt.cmp"(%52, %63) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %65 = "pt.and"(%62, %64) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
    %66 = "pt.broadcast"(%65) : (block<1x16xi1>) -> block<64x16xi1>
    %67 = "pt.and"(%49, %66) : (block<64x16xi1>, block<64x16xi1>) -> block<64x16xi1>
    %68 = "pt.splat"(%33) : (ptr<f16, 1>) -> block<64x16xptr<f16, 1>>
    %69 = "pt.addptr"(%68, %56) : (block<64x16xptr<f16, 1>>, block<64x16xi64>) -> block<64x16xptr<f16, 1>>
    %70 = "pt.constant"() {value = 0} : () -> block<64x16xf16>
    %71 = "pt.load"(%69, %67, %70) : (block<64x16xptr<f16, 1>>, block<64x16xi1>, block<64x16xf16>) -> block<64x16xf16>
    %72 = "pt.dot"(%71, %19, %26) : (block<64x16xf16>, block<16x16xf16>, block<64x16xf32>) -> block<64x16xf32>
    "scf.yield"(%72) : (block<64x16xf32>) -> ()
  }) : (i32, i32, i32, block<64x16xf32>) -> block<64x16xf32>
  %73 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %74 = "pt.expand_dims"(%73) {axis = 1} : (block<64xi32>) -> block<64x1xi32>
  %75 = "pt.constant"() {value = 16} : () -> block<64x1xi32>
  %76 = "pt.mul"(%74, %75) : (block<64x1xi32>, block<64x1xi32>) -> block<64x1xi32>
  %77 = "pt.splat"(%5) : (ptr<f32, 1>) -> block<64x1xptr<f32, 1>>
  %78 = "pt.addptr"(%77, %76) : (block<64x1xptr<f32, 1>>, block<64x1xi32>) -> block<64x1xptr<f32, 1>>
  %79 = "pt.broadcast"(%15) : (block<1x16xi32>) -> block<64x16xi32>
  %80 = "pt.broadcast"(%78) : (block<64x1xptr<f32, 1>>) -> block<64x16xptr<f32, 1>>
  %81 = "pt.addptr"(%80, %79) : (block<64x16xptr<f32, 1>>, block<64x16xi32>) -> block<64x16xptr<f32, 1>>
  "pt.store"(%81, %24) : (block<64x16xptr<f32, 1>>, block<64x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}], arg_names = ["a_desc", "a_desc.shape.0", "a_desc.shape.1", "a_desc.strides.0", "b_ptr", "c_ptr", "K"], function_type = !(ptr<f16, 1>, i32, i32, i64, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
