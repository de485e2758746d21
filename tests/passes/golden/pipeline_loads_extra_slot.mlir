// RUN: pipeline-loads{extra_slots=1}
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
  %19 = "pt.constant"() {value = 3} : () -> i32
  %20 = "pt.constant"() {value = 11} : () -> i32
  %21 = "pt.constant"() {value = 1} : () -> i32
  %22 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %23 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %24, %25, %26 = "scf.for"(%19, %20, %21, %18, %13, %17) ({
  ^bb0(%27: i32, %28: block<16x16xf32>, %29: block<16x16xptr<f16, 1>>, %30: block<16x16xptr<f16, 1>>):
    %31 = "pt.load"(%29) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %32 = "pt.load"(%30) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %33 = "pt.dot"(%31, %32, %28) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %34 = "pt.addptr"(%29, %22) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %35 = "pt.addptr"(%30, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%33, %34, %35) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  %36 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %37 = "pt.addptr"(%36, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %38 = "pt.broadcast"(%37) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %39 = "pt.addptr"(%38, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%39, %24) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
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
  %19 = "pt.constant"() {value = 3} : () -> i32
  %20 = "pt.constant"() {value = 11} : () -> i32
  %21 = "pt.constant"() {value = 1} : () -> i32
  %22 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %23 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %24 = "pt.local_alloc"() {shape = [4, 16, 16]} : () -> ptr<f16, 3>
  %25 = "pt.local_alloc"() {shape = [4, 16, 16]} : () -> ptr<f16, 3>
  %26 = "pt.constant"() {value = 0} : () -> i32
  %27 = "pt.mul"(%26, %21) : (i32, i32) -> i32
  %28 = "pt.add"(%19, %27) : (i32, i32) -> i32
  %29 = "pt.addptr"(%13, %22) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %30 = "pt.addptr"(%17, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %31 = "pt.cmp"(%28, %20) {predicate = "lt"} : (i32, i32) -> i1
  %32 = "pt.constant"() {value = 0} : () -> i32
  %33 = "pt.splat"(%31) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%13, %24, %32, %33) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %34 = "pt.splat"(%31) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%17, %25, %32, %34) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %35 = "pt.constant"() {value = 1} : () -> i32
  %36 = "pt.mul"(%35, %21) : (i32, i32) -> i32
  %37 = "pt.add"(%19, %36) : (i32, i32) -> i32
  %38 = "pt.addptr"(%29, %22) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %39 = "pt.addptr"(%30, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %40 = "pt.cmp"(%37, %20) {predicate = "lt"} : (i32, i32) -> i1
  %41 = "pt.constant"() {value = 1} : () -> i32
  %42 = "pt.splat"(%40) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%29, %24, %41, %42) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %43 = "pt.splat"(%40) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%30, %25, %41, %43) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %44, %45, %46 = "scf.for"(%19, %20, %21, %18, %38, %39) ({
  ^bb0(%47: i32, %48: block<16x16xf32>, %49: block<16x16xptr<f16, 1>>, %50: block<16x16xptr<f16, 1>>):
    "pt.async_wait"() {pending = 1} : () -> ()
    %51 = "pt.sub"(%47, %19) : (i32, i32) -> i32
    %52 = "pt.div"(%51, %21) : (i32, i32) -> i32
    %53 = "pt.constant"() {value = 4} : () -> i32
    %54 = "pt.rem"(%52, %53) : (i32, i32) -> i32
    %55 = "pt.constant"() {value = 2} : () -> i32
    %56 = "pt.add"(%52, %55) : (i32, i32) -> i32
    %57 = "pt.rem"(%56, %53) : (i32, i32) -> i32
    %58 = "pt.constant"() {value = 2} : () -> i32
    %59 = "pt.mul"(%58, %21) : (i32, i32) -> i32
    %60 = "pt.add"(%47, %59) : (i32, i32) -> i32
    %61 = "pt.cmp"(%60, %20) {predicate = "lt"} : (i32, i32) -> i1
    %62 = "pt.splat"(%61) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%49, %24, %57, %62) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    %63 = "pt.splat"(%61) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%50, %25, %57, %63) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    "pt.async_commit"() : () -> ()
    %64 = "pt.local_load"(%24, %54) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %65 = "pt.local_load"(%25, %54) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %66 = "pt.dot"(%64, %65, %48) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %67 = "pt.addptr"(%49, %22) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %68 = "pt.addptr"(%50, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%66, %67, %68) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  "pt.async_wait"() {pending = 0} : () -> ()
  %69 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %70 = "pt.addptr"(%69, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %71 = "pt.broadcast"(%70) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %72 = "pt.addptr"(%71, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%72, %44) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
