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
  %20 = "pt.constant"() {value = 8} : () -> i32
  %21 = "pt.constant"() {value = 1} : () -> i32
  %22 = "pt.constant"() {value = 16} : () -> i32
  %23 = "pt.constant"() {value = 0.0} : () -> block<16x16xf16>
  %24 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %25 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %26, %27, %28 = "scf.for"(%19, %20, %21, %18, %13, %17) ({
  ^bb0(%29: i32, %30: block<16x16xf32>, %31: block<16x16xptr<f16, 1>>, %32: block<16x16xptr<f16, 1>>):
    %33 = "pt.mul"(%29, %22) : (i32, i32) -> i32
    %34 = "pt.sub"(%3, %33) : (i32, i32) -> i32
    %35 = "pt.splat"(%34) : (i32) -> block<1x16xi32>
    %36 = "pt.cmp"(%10, %35) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
    %37 = "pt.broadcast"(%36) : (block<1x16xi1>) -> block<16x16xi1>
    %38 = "pt.load"(%31, %37, %23) : (block<16x16xptr<f16, 1>>, block<16x16xi1>, block<16x16xf16>) -> block<16x16xf16>
    %39 = "pt.load"(%32) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %40 = "pt.dot"(%38, %39, %30) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %41 = "pt.addptr"(%31, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %42 = "pt.addptr"(%32, %25) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%40, %41, %42) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  %43 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %44 = "pt.addptr"(%43, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %45 = "pt.broadcast"(%44) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %46 = "pt.addptr"(%45, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%46, %26) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
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
  %20 = "pt.constant"() {value = 8} : () -> i32
  %21 = "pt.constant"() {value = 1} : () -> i32
  %22 = "pt.constant"() {value = 16} : () -> i32
  %23 = "pt.constant"() {value = 0.0} : () -> block<16x16xf16>
  %24 = "pt.constant"() {value = 16} : () -> block<16x16xi32>
  %25 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %26 = "pt.local_alloc"() {shape = [3, 16, 16]} : () -> ptr<f16, 3>
  %27 = "pt.local_alloc"() {shape = [3, 16, 16]} : () -> ptr<f16, 3>
  %28 = "pt.constant"() {value = 0} : () -> i32
  %29 = "pt.mul"(%28, %21) : (i32, i32) -> i32
  %30 = "pt.add"(%19, %29) : (i32, i32) -> i32
  %31 = "pt.mul"(%30, %22) : (i32, i32) -> i32
  %32 = "pt.sub"(%3, %31) : (i32, i32) -> i32
  %33 = "pt.splat"(%32) : (i32) -> block<1x16xi32>
  %34 = "pt.cmp"(%10, %33) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
  %35 = "pt.broadcast"(%34) : (block<1x16xi1>) -> block<16x16xi1>
  %36 = "pt.addptr"(%13, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %37 = "pt.addptr"(%17, %25) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %38 = "pt.cmp"(%30, %20) {predicate = "lt"} : (i32, i32) -> i1
  %39 = "pt.constant"() {value = 0} : () -> i32
  %40 = "pt.splat"(%38) : (i1) -> block<16x16xi1>
  %41 = "pt.and"(%35, %40) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
  "pt.async_copy"(%13, %26, %39, %41) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %42 = "pt.splat"(%38) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%17, %27, %39, %42) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %43 = "pt.constant"() {value = 1} : () -> i32
  %44 = "pt.mul"(%43, %21) : (i32, i32) -> i32
  %45 = "pt.add"(%19, %44) : (i32, i32) -> i32
  %46 = "pt.mul"(%45, %22) : (i32, i32) -> i32
  %47 = "pt.sub"(%3, %46) : (i32, i32) -> i32
  %48 = "pt.splat"(%47) : (i32) -> block<1x16xi32>
  %49 = "pt.cmp"(%10, %48) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
  %50 = "pt.broadcast"(%49) : (block<1x16xi1>) -> block<16x16xi1>
  %51 = "pt.addptr"(%36, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %52 = "pt.addptr"(%37, %25) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %53 = "pt.cmp"(%45, %20) {predicate = "lt"} : (i32, i32) -> i1
  %54 = "pt.constant"() {value = 1} : () -> i32
  %55 = "pt.splat"(%53) : (i1) -> block<16x16xi1>
  %56 = "pt.and"(%50, %55) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
  "pt.async_copy"(%36, %26, %54, %56) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  %57 = "pt.splat"(%53) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%37, %27, %54, %57) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %58, %59, %60 = "scf.for"(%19, %20, %21, %18, %51, %52) ({
  ^bb0(%61: i32, %62: block<16x16xf32>, %63: block<16x16xptr<f16, 1>>, %64: block<16x16xptr<f16, 1>>):
    "pt.async_wait"() {pending = 1} : () -> ()
    %65 = "pt.sub"(%61, %19) : (i32, i32) -> i32
    %66 = "pt.div"(%65, %21) : (i32, i32) -> i32
    %67 = "pt.constant"() {value = 3} : () -> i32
    %68 = "pt.rem"(%66, %67) : (i32, i32) -> i32
    %69 = "pt.constant"() {value = 2} : () -> i32
    %70 = "pt.add"(%66, %69) : (i32, i32) -> i32
    %71 = "pt.rem"(%70, %67) : (i32, i32) -> i32
    %72 = "pt.constant"() {value = 2} : () -> i32
    %73 = "pt.mul"(%72, %21) : (i32, i32) -> i32
    %74 = "pt.add"(%61, %73) : (i32, i32) -> i32
    %75 = "pt.mul"(%74, %22) : (i32, i32) -> i32
    %76 = "pt.sub"(%3, %75) : (i32, i32) -> i32
    %77 = "pt.splat"(%76) : (i32) -> block<1x16xi32>
    %78 = "pt.cmp"(%10, %77) {predicate = "lt"} : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi1>
    %79 = "pt.broadcast"(%78) : (block<1x16xi1>) -> block<16x16xi1>
    %80 = "pt.cmp"(%74, %20) {predicate = "lt"} : (i32, i32) -> i1
    %81 = "pt.splat"(%80) : (i1) -> block<16x16xi1>
    %82 = "pt.and"(%79, %81) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
    "pt.async_copy"(%63, %26, %71, %82) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    %83 = "pt.splat"(%80) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%64, %27, %71, %83) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    "pt.async_commit"() : () -> ()
    %84 = "pt.local_load"(%26, %68) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %85 = "pt.local_load"(%27, %68) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %86 = "pt.dot"(%84, %85, %62) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %87 = "pt.addptr"(%63, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    %88 = "pt.addptr"(%64, %25) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%86, %87, %88) : (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 3} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>, block<16x16xptr<f16, 1>>)
  "pt.async_wait"() {pending = 0} : () -> ()
  %89 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %90 = "pt.addptr"(%89, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %91 = "pt.broadcast"(%90) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %92 = "pt.addptr"(%91, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%92, %58) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
