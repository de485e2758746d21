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
  %15 = "pt.addptr"(%14, %5) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %17 = "pt.constant"() {value = 16} : () -> block<1x16xi32>
  %18 = "pt.mul"(%10, %17) : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi32>
  %19 = "pt.broadcast"(%18) : (block<1x16xi32>) -> block<16x16xi32>
  %20 = "pt.addptr"(%16, %19) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %21 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %22 = "pt.constant"() {value = 0} : () -> i32
  %23 = "pt.constant"() {value = 1} : () -> i32
  %24 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %25 = "pt.load"(%13) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
  %26, %27 = "scf.for"(%22, %3, %23, %21, %20) ({
  ^bb0(%28: i32, %29: block<16x16xf32>, %30: block<16x16xptr<f16, 1>>):
    %31 = "pt.load"(%30) : (block<16x16xptr<f16, 1>>) -> block<16x16xf16>
    %32 = "pt.dot"(%25, %31, %29) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %33 = "pt.addptr"(%30, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%32, %33) : (block<16x16xf32>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 2} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>)
  %34 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %35 = "pt.addptr"(%34, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %36 = "pt.broadcast"(%35) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %37 = "pt.addptr"(%36, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%37, %26) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
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
  %15 = "pt.addptr"(%14, %5) : (block<16x1xptr<f16, 1>>, block<16x1xi32>) -> block<16x1xptr<f16, 1>>
  %16 = "pt.broadcast"(%15) : (block<16x1xptr<f16, 1>>) -> block<16x16xptr<f16, 1>>
  %17 = "pt.constant"() {value = 16} : () -> block<1x16xi32>
  %18 = "pt.mul"(%10, %17) : (block<1x16xi32>, block<1x16xi32>) -> block<1x16xi32>
  %19 = "pt.broadcast"(%18) : (block<1x16xi32>) -> block<16x16xi32>
  %20 = "pt.addptr"(%16, %19) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %21 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %22 = "pt.constant"() {value = 0} : () -> i32
  %23 = "pt.constant"() {value = 1} : () -> i32
  %24 = "pt.constant"() {value = 256} : () -> block<16x16xi32>
  %25 = "pt.constant"() {value = 0} : () -> i32
  %26 = "pt.local_alloc"() {shape = [1, 16, 16]} : () -> ptr<f16, 3>
  "pt.async_copy"(%13, %26, %25) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32) -> ()
  "pt.async_commit"() : () -> ()
  %27 = "pt.local_alloc"() {order = [0, 1], shape = [2, 16, 16]} : () -> ptr<f16, 3>
  %28 = "pt.constant"() {value = 0} : () -> i32
  %29 = "pt.mul"(%28, %23) : (i32, i32) -> i32
  %30 = "pt.add"(%22, %29) : (i32, i32) -> i32
  %31 = "pt.addptr"(%20, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
  %32 = "pt.cmp"(%30, %3) {predicate = "lt"} : (i32, i32) -> i1
  %33 = "pt.constant"() {value = 0} : () -> i32
  %34 = "pt.splat"(%32) : (i1) -> block<16x16xi1>
  "pt.async_copy"(%20, %27, %33, %34) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
  "pt.async_commit"() : () -> ()
  %35, %36 = "scf.for"(%22, %3, %23, %21, %31) ({
  ^bb0(%37: i32, %38: block<16x16xf32>, %39: block<16x16xptr<f16, 1>>):
    "pt.async_wait"() {pending = 0} : () -> ()
    %40 = "pt.sub"(%37, %22) : (i32, i32) -> i32
    %41 = "pt.div"(%40, %23) : (i32, i32) -> i32
    %42 = "pt.constant"() {value = 2} : () -> i32
    %43 = "pt.rem"(%41, %42) : (i32, i32) -> i32
    %44 = "pt.constant"() {value = 1} : () -> i32
    %45 = "pt.add"(%41, %44) : (i32, i32) -> i32
    %46 = "pt.rem"(%45, %42) : (i32, i32) -> i32
    %47 = "pt.constant"() {value = 1} : () -> i32
    %48 = "pt.mul"(%47, %23) : (i32, i32) -> i32
    %49 = "pt.add"(%37, %48) : (i32, i32) -> i32
    %50 = "pt.cmp"(%49, %3) {predicate = "lt"} : (i32, i32) -> i1
    %51 = "pt.splat"(%50) : (i1) -> block<16x16xi1>
    "pt.async_copy"(%39, %27, %46, %51) : (block<16x16xptr<f16, 1>>, ptr<f16, 3>, i32, block<16x16xi1>) -> ()
    "pt.async_commit"() : () -> ()
    %52 = "pt.local_load"(%27, %43) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %53 = "pt.local_load"(%26, %25) : (ptr<f16, 3>, i32) -> block<16x16xf16>
    %54 = "pt.dot"(%53, %52, %38) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
    %55 = "pt.addptr"(%39, %24) : (block<16x16xptr<f16, 1>>, block<16x16xi32>) -> block<16x16xptr<f16, 1>>
    "scf.yield"(%54, %55) : (block<16x16xf32>, block<16x16xptr<f16, 1>>) -> ()
  }) {num_stages = 2} : (i32, i32, i32, block<16x16xf32>, block<16x16xptr<f16, 1>>) -> (block<16x16xf32>, block<16x16xptr<f16, 1>>)
  "pt.async_wait"() {pending = 0} : () -> ()
  %56 = "pt.splat"(%2) : (ptr<f32, 1>) -> block<16x1xptr<f32, 1>>
  %57 = "pt.addptr"(%56, %7) : (block<16x1xptr<f32, 1>>, block<16x1xi32>) -> block<16x1xptr<f32, 1>>
  %58 = "pt.broadcast"(%57) : (block<16x1xptr<f32, 1>>) -> block<16x16xptr<f32, 1>>
  %59 = "pt.addptr"(%58, %11) : (block<16x16xptr<f32, 1>>, block<16x16xi32>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%59, %35) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f16, 1>, ptr<f16, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
