// RUN: simt-guard-tile-stores
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i64, %4: i32, %5: i32):
  %6 = "pt.constant"() {value = 1} : () -> i64
  %7 = "pt.make_tensor_desc"(%0, %1, %2, %3, %6) {argument = "c_desc"} : (ptr<f32, 1>, i32, i32, i64, i64) -> tensordesc<block<16x16xf32>>
  %8 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  "pt.desc_store"(%7, %8, %4, %5) : (tensordesc<block<16x16xf32>>, block<16x16xf32>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}], arg_names = ["c_desc", "c_desc.shape.0", "c_desc.shape.1", "c_desc.strides.0", "row", "col"], function_type = !(ptr<f32, 1>, i32, i32, i64, i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i64, %4: i32, %5: i32):
  %6 = "pt.constant"() {value = 1} : () -> i64
  %7 = "pt.make_tensor_desc"(%0, %1, %2, %3, %6) {argument = "c_desc"} : (ptr<f32, 1>, i32, i32, i64, i64) -> tensordesc<block<16x16xf32>>
  %8 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %9 = "pt.constant"() {value = 0} : () -> i64
  %10 = "pt.cast"(%4) : (i32) -> i64
  %11 = "pt.cmp"(%10, %9) {predicate = "ge"} : (i64, i64) -> i1
  %12 = "pt.cast"(%1) : (i32) -> i64
  %13 = "pt.cmp"(%10, %12) {predicate = "lt"} : (i64, i64) -> i1
  %14 = "pt.and"(%11, %13) : (i1, i1) -> i1
  %15 = "pt.cast"(%5) : (i32) -> i64
  %16 = "pt.cmp"(%15, %9) {predicate = "ge"} : (i64, i64) -> i1
  %17 = "pt.cast"(%2) : (i32) -> i64
  %18 = "pt.cmp"(%15, %17) {predicate = "lt"} : (i64, i64) -> i1
  %19 = "pt.and"(%16, %18) : (i1, i1) -> i1
  %20 = "pt.and"(%14, %19) : (i1, i1) -> i1
  "scf.if"(%20) ({
  ^bb0:
    "pt.desc_store"(%7, %8, %4, %5) : (tensordesc<block<16x16xf32>>, block<16x16xf32>, i32, i32) -> ()
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
    %21 = "pt.cast"(%4) : (i32) -> i64
    %22 = "pt.mul"(%21, %3) : (i64, i64) -> i64
    %23 = "pt.addptr"(%0, %22) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %24 = "pt.cast"(%5) : (i32) -> i64
    %25 = "pt.mul"(%24, %6) : (i64, i64) -> i64
    %26 = "pt.addptr"(%23, %25) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %27 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
    %28 = "pt.cast"(%27) : (block<16xi32>) -> block<16xi64>
    %29 = "pt.expand_dims"(%28) {axis = 1} : (block<16xi64>) -> block<16x1xi64>
    %30 = "pt.splat"(%3) : (i64) -> block<16x1xi64>
    %31 = "pt.mul"(%29, %30) : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi64>
    %32 = "pt.broadcast"(%31) : (block<16x1xi64>) -> block<16x16xi64>
    %33 = "pt.cast"(%4) : (i32) -> i64
    %34 = "pt.neg"(%33) : (i64) -> i64
    %35 = "pt.cast"(%1) : (i32) -> i64
    %36 = "pt.sub"(%35, %33) : (i64, i64) -> i64
    %37 = "pt.splat"(%34) : (i64) -> block<16x1xi64>
    %38 = "pt.cmp"(%29, %37) {predicate = "ge"} : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi1>
    %39 = "pt.splat"(%36) : (i64) -> block<16x1xi64>
    %40 = "pt.cmp"(%29, %39) {predicate = "lt"} : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi1>
    %41 = "pt.and"(%38, %40) : (block<16x1xi1>, block<16x1xi1>) -> block<16x1xi1>
    %42 = "pt.broadcast"(%41) : (block<16x1xi1>) -> block<16x16xi1>
    %43 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
    %44 = "pt.cast"(%43) : (block<16xi32>) -> block<16xi64>
    %45 = "pt.expand_dims"(%44) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
    %46 = "pt.splat"(%6) : (i64) -> block<1x16xi64>
    %47 = "pt.mul"(%45, %46) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
    %48 = "pt.broadcast"(%47) : (block<1x16xi64>) -> block<16x16xi64>
    %49 = "pt.add"(%32, %48) : (block<16x16xi64>, block<16x16xi64>) -> block<16x16xi64>
    %50 = "pt.cast"(%5) : (i32) -> i64
    %51 = "pt.neg"(%50) : (i64) -> i64
    %52 = "pt.cast"(%2) : (i32) -> i64
    %53 = "pt.sub"(%52, %50) : (i64, i64) -> i64
    %54 = "pt.splat"(%51) : (i64) -> block<1x16xi64>
    %55 = "pt.cmp"(%45, %54) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %56 = "pt.splat"(%53) : (i64) -> block<1x16xi64>
    %57 = "pt.cmp"(%45, %56) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %58 = "pt.and"(%55, %57) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
    %59 = "pt.broadcast"(%58) : (block<1x16xi1>) -> block<16x16xi1>
    %60 = "pt.and"(%42, %59) : (block<16x16xi1>, block<16x16xi1>) -> block<16x16xi1>
    %61 = "pt.splat"(%26) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
    %62 = "pt.addptr"(%61, %49) : (block<16x16xptr<f32, 1>>, block<16x16xi64>) -> block<16x16xptr<f32, 1>>
    "pt.store"(%62, %8, %60) : (block<16x16xptr<f32, 1>>, block<16x16xf32>, block<16x16xi1>) -> ()
    "scf.yield"() : () -> ()
  }) : (i1) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}], arg_names = ["c_desc", "c_desc.shape.0", "c_desc.shape.1", "c_desc.strides.0", "row", "col"], function_type = !(ptr<f32, 1>, i32, i32, i64, i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
