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
  %25, %26, %27 = "scf.for"(%19, %20, %20, %18, %13, %17) ({
  ^bb0(%28: i32, %29: block<16x16xf32>, %30: block<16x16xptr<f16, 1>>, %31: block<16x16xptr<f16, 1>>):
    %32 = "pt.mul"(%28, %21) : (i32, i32) -> i32
    %33 = "pt.sub"(%3, %32) : (i32, i32) -> i32
    %34 = "pt.splat"(%33) : (i32) -> block<1x16xi32>
    %35 = "pt.cmp"(%10, %34) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
    %36 = "pt.broadcast"(%35) : (block<1x16xi1>) -> block<16x16xi1>
    %37 = "pt.load"(%30, %36, %22) : (block<16x16xptr<f16, 1>>, block<16x16xi1>, block<16x16xf16>) -> block<16x16xf16>
    %38 = "pt.load"(%31) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %39 = "pt.dot"(%37, %38, %29) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %40 = "pt.addptr"(%30, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %41 = "pt.addptr"(%31, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%39, %40, %41) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  %42 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %43 = "pt.addptr"(%42, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %44 = "pt.broadcast"(%43) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %45 = "pt.addptr"(%44, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%45, %25) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
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
  %25 = "pt.local_alloc"() {shape = [3, 16, 16]} : () -> ptr<f16, 3>
  %26 = "pt.local_alloc"() {shape = [3, 16, 16]} : () -> ptr<f16, 3>
  %27 = "pt.constant"() {value = 0} : () -> i32
  %28 = "pt.mul"(%27, %20) : (i32, i32) -> i32
  %29 = "pt.add"(%19, %28) : (i32, i32) -> i32
  %30 = "pt.mul"(%29, %21) : (i32, i32) -> i32
  %31 = "pt.sub"(%3, %30) : (i32, i32) -> i32
  %32 = "pt.splat"(%31) : (i32) -> block<1x16xi32>
  %33 = "pt.cmp"(%10, %32) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
  %34 = "pt.broadcast"(%33) : (block<1x16xi1>) -> block<16x16xi1>
  %35 = "pt.addptr"(%13, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %36 = "pt.addptr"(%17, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %37 = "pt.cmp"(%29, %20) {predicate = "lt"} : (i32, i32) -> i1
  %38 = "pt.constant"() {value = 0} : () -> i32
  %39 = "pt.splat"(%37) : (i1) -> block<16x16xi1>
  %40 = "pt.and"(%34, %39) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
  "pt.async_copy"(%13, %25, %38, %40) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %41 = "pt.splat"(%37) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%17, %26, %38, %41) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %42 = "pt.constant"() {value = 1} : () -> i32
  %43 = "pt.mul"(%42, %20) : (i32, i32) -> i32
  %44 = "pt.add"(%19, %43) : (i32, i32) -> i32
  %45 = "pt.mul"(%44, %21) : (i32, i32) -> i32
  %46 = "pt.sub"(%3, %45) : (i32, i32) -> i32
  %47 = "pt.splat"(%46) : (i32) -> block<1x16xi32>
  %48 = "pt.cmp"(%10, %47) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
  %49 = "pt.broadcast"(%48) : (block<1x16xi1>) -> block<16x16xi1>
  %50 = "pt.addptr"(%35, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %51 = "pt.addptr"(%36, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %52 = "pt.cmp"(%44, %20) {predicate = "lt"} : (i32, i32) -> i1
  %53 = "pt.constant"() {value = 1} : () -> i32
  %54 = "pt.splat"(%52) : (i1) -> block<16x16xi1>
  %55 = "pt.and"(%49, %54) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
  "pt.async_copy"(%35, %25, %53, %55) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %56 = "pt.splat"(%52) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%36, %26, %53, %56) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %57, %58, %59 = "scf.for"(%19, %20, %20, %18, %50, %51) ({
  ^bb0(%60: i32, %61: block<16x16xf32>, %62: block<16x16xptr<f16, 1>>, %63: block<16x16xptr<f16, 1>>):
    "pt.async_wait"() {pending = 1} : () -> ()
    %64 = "pt.sub"(%60, %19) : (i32, i32) -> i32
    %65 = "pt.div"(%64, %20) : (i32, i32) -> i32
    %66 = "pt.constant"() {value = 3} : () -> i32
    %67 = "pt.rem"(%65, %66) : (i32, i32) -> i32
    %68 = "pt.constant"() {value = 2} : () -> i32
    %69 = "pt.add"(%65, %68) : (i32, i32) -> i32
    %70 = "pt.rem"(%69, %66) : (i32, i32) -> i32
    %71 = "pt.constant"() {value = 2} : () -> i32
    %72 = "pt.mul"(%71, %20) : (i32, i32) -> i32
    %73 = "pt.add"(%60, %72) : (i32, i32) -> i32
    %74 = "pt.mul"(%73, %21) : (i32, i32) -> i32
    %75 = "pt.sub"(%3, %74) : (i32, i32) -> i32
    %76 = "pt.splat"(%75) : (i32) -> block<1x16xi32>
    %77 = "pt.cmp"(%10, %76) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
    %78 = "pt.broadcast"(%77) : (block<1x16xi1>) -> block<16x16xi1>
    %79 = "pt.cmp"(%73, %20) {predicate = "lt"} : (i32, i32) -> i1
    %80 = "pt.splat"(%79) : (i1) -> block<16x16xi1>
    %81 = "pt.and"(%78, %80) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
    "pt.async_copy"(%62, %25, %70, %81) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    %82 = "pt.splat"(%79) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%63, %26, %70, %82) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    "pt.async_commit"() : () -> ()
    %83 = "pt.local_load"(%25, %67) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %84 = "pt.local_load"(%26, %67) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %85 = "pt.dot"(%83, %84, %61) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %86 = "pt.addptr"(%62, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %87 = "pt.addptr"(%63, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%85, %86, %87) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  "pt.async_wait"() {pending = 0} : () -> ()
  %88 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %89 = "pt.addptr"(%88, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %90 = "pt.broadcast"(%89) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %91 = "pt.addptr"(%90, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%91, %57) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
