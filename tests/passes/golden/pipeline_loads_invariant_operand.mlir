// RUN: pipeline-loads
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: ptr<f16, 1>, %2: ptr<f32, 1>, %3: i32):
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.expand_dims"(%4) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %6 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %7 = "pt.mul"(%5, %6) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %8 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %9 = "pt.addptr"(%8, %7) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %10 = "pt.expand_dims"(%4) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %11 = "pt.broadcast"(%10) : (block<1x16xi32>) -> block<16x16xi32>
  %12 = "pt.broadcast"(%9) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %13 = "pt.addptr"(%12, %11) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %14 = "pt.splat"(%1) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %15 = "pt.addptr"(%14, %7) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %17 = "pt.addptr"(%16, %11) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %18 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %19 = "pt.constant"() {value = 0} : () -> i32
  %20 = "pt.constant"() {value = 1} : () -> i32
  %21 = "pt.constant"() {value = 16} : () -> i32
  %22 = "pt.constant"() {value = 0.0} : () -> block<16x16xf16>
  %23 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %24 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %25 = "pt.load"(%13) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
  %26, %27, %28 = "scf.for"(%19, %20, %20, %18, %13, %17) ({
  ^bb0(%29: i32, %30: block<16x16xf32>, %31: block<16x16xptr<f16, 1>>, %32: block<16x16xptr<f16, 1>>):
    %33 = "pt.load"(%32) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %34 = "pt.dot"(%25, %33, %30) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %35 = "pt.addptr"(%31, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %36 = "pt.addptr"(%32, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%34, %35, %36) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  %37 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %38 = "pt.addptr"(%37, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %39 = "pt.broadcast"(%38) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %40 = "pt.addptr"(%39, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%40, %26) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: ptr<f16, 1>, %2: ptr<f32, 1>, %3: i32):
  %4 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %5 = "pt.expand_dims"(%4) {axis = 1} : (block<16xi32>) -> block<16x1xi32>
  %6 = "pt.constant"() {value = 16} : () -> block<16x1xi32>
  %7 = "pt.mul"(%5, %6) : (block<16x1xi32>, block<16x1xi32>) -> block<16x1xi32>
  %8 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %9 = "pt.addptr"(%8, %7) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %10 = "pt.expand_dims"(%4) {axis = 0} : (block<16xi32>) -> block<1x16xi32>
  %11 = "pt.broadcast"(%10) : (block<1x16xi32>) -> block<16x16xi32>
  %12 = "pt.broadcast"(%9) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %13 = "pt.addptr"(%12, %11) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %14 = "pt.splat"(%1) : (ptr<f16, 1>) -> block<16x1xptr<f16, 1>>
  %15 = "pt.addptr"(%14, %7) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %17 = "pt.addptr"(%16, %11) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %18 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %19 = "pt.constant"() {value = 0} : () -> i32
  %20 = "pt.constant"() {value = 1} : () -> i32
  %21 = "pt.constant"() {value = 16} : () -> i32
  %22 = "pt.constant"() {value = 0.0} : () -> block<16x16xf16>
  %23 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %24 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %25 = "pt.constant"() {value = 0} : () -> i32
  %26 = "pt.local_alloc"() {shape = [1, 16, 16]} : () -> ptr<f16, 3>
  "pt.async_copy"(%13, %26, %25) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32) -> ()
  "pt.async_commit"() : () -> ()
  %27 = "pt.local_alloc"() {shape = [3, 16, 16]} : () -> ptr<f16, 3>
  %28 = "pt.constant"() {value = 0} : () -> i32
  %29 = "pt.mul"(%28, %20) : (i32, i32) -> i32
  %30 = "pt.add"(%19, %29) : (i32, i32) -> i32
  %31 = "pt.addptr"(%17, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %32 = "pt.cmp"(%30, %20) {predicate = "lt"} : (i32, i32) -> i1
  %33 = "pt.constant"() {value = 0} : () -> i32
  %34 = "pt.splat"(%32) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%17, %27, %33, %34) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %35 = "pt.constant"() {value = 1} : () -> i32
  %36 = "pt.mul"(%35, %20) : (i32, i32) -> i32
  %37 = "pt.add"(%19, %36) : (i32, i32) -> i32
  %38 = "pt.addptr"(%31, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %39 = "pt.cmp"(%37, %20) {predicate = "lt"} : (i32, i32) -> i1
  %40 = "pt.constant"() {value = 1} : () -> i32
  %41 = "pt.splat"(%39) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%31, %27, %40, %41) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %42, %43, %44 = "scf.for"(%19, %20, %20, %18, %13, %38) ({
  ^bb0(%45: i32, %46: block<16x16xf32>, %47: block<16x16xptr<f16, 1>>, %48: block<16x16xptr<f16, 1>>):
    "pt.async_wait"() {pending = 1} : () -> ()
    %49 = "pt.sub"(%45, %19) : (i32, i32) -> i32
    %50 = "pt.div"(%49, %20) : (i32, i32) -> i32
    %51 = "pt.constant"() {value = 3} : () -> i32
    %52 = "pt.rem"(%50, %51) : (i32, i32) -> i32
    %53 = "pt.constant"() {value = 2} : () -> i32
    %54 = "pt.add"(%50, %53) : (i32, i32) -> i32
    %55 = "pt.rem"(%54, %51) : (i32, i32) -> i32
    %56 = "pt.constant"() {value = 2} : () -> i32
    %57 = "pt.mul"(%56, %20) : (i32, i32) -> i32
    %58 = "pt.add"(%45, %57) : (i32, i32) -> i32
    %59 = "pt.cmp"(%58, %20) {predicate = "lt"} : (i32, i32) -> i1
    %60 = "pt.splat"(%59) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%48, %27, %55, %60) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    "pt.async_commit"() : () -> ()
    %61 = "pt.local_load"(%27, %52) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %62 = "pt.local_load"(%26, %25) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %63 = "pt.dot"(%62, %61, %46) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %64 = "pt.addptr"(%47, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %65 = "pt.addptr"(%48, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%63, %64, %65) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  "pt.async_wait"() {pending = 0} : () -> ()
  %66 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %67 = "pt.addptr"(%66, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %68 = "pt.broadcast"(%67) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %69 = "pt.addptr"(%68, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%69, %42) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
