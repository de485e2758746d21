// RUN: lower-tensor-memory
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32, %3: i64, %4: i1):
  %5 = "pt.make_tensor_desc"(%0, %2, %3) : (ptr<f32, 1>, i32, i64) -> tensordesc<block<4xf32>, nan>
  %6 = "pt.make_tensor_desc"(%1, %2, %3) : (ptr<f32, 1>, i32, i64) -> tensordesc<block<4xf32>, nan>
  %7 = "scf.if"(%4) ({
  ^bb0:
    "scf.yield"(%5) : (tensordesc<block<4xf32>, nan>) -> ()
  }, {
  ^bb0:
    "scf.yield"(%6) : (tensordesc<block<4xf32>, nan>) -> ()
  }) : (i1) -> tensordesc<block<4xf32>, nan>
  %8 = "pt.constant"() {value = 0} : () -> i32
  %9, %10 = "scf.while"(%7, %8) ({
  ^bb0(%11: tensordesc<block<4xf32>, nan>, %12: i32):
    %13 = "pt.cmp"(%12, %2) {predicate = "lt"} : (i32, i32) -> i1
    "scf.condition"(%13, %11, %12) : (i1, tensordesc<block<4xf32>, nan>, i32) -> ()
  }, {
  ^bb0(%14: tensordesc<block<4xf32>, nan>, %15: i32):
    %16 = "pt.desc_load"(%14, %15) : (tensordesc<block<4xf32>, nan>, i32) -> block<4xf32>
    "pt.desc_store"(%6, %16, %15) : (tensordesc<block<4xf32>, nan>, block<4xf32>, i32) -> ()
    %17 = "pt.constant"() {value = 4} : () -> i32
    %18 = "pt.add"(%15, %17) : (i32, i32) -> i32
    "scf.yield"(%14, %18) : (tensordesc<block<4xf32>, nan>, i32) -> ()
  }) : (tensordesc<block<4xf32>, nan>, i32) -> (tensordesc<block<4xf32>, nan>, i32)
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32, i64, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32, %3: i64, %4: i1):
  %5, %6, %7 = "scf.if"(%4) ({
  ^bb0:
    "scf.yield"(%0, %2, %3) : (ptr<f32, 1>, i32, i64) -> ()
  }, {
  ^bb0:
    "scf.yield"(%1, %2, %3) : (ptr<f32, 1>, i32, i64) -> ()
  }) : (i1) -> (ptr<f32, 1>, i32, i64)
  %8 = "pt.constant"() {value = 0} : () -> i32
  %9, %10, %11, %12 = "scf.while"(%5, %6, %7, %8) ({
  ^bb0(%13: ptr<f32, 1>, %14: i32, %15: i64, %16: i32):
    %17 = "pt.cmp"(%16, %2) {predicate = "lt"} : (i32, i32) -> i1
    "scf.condition"(%17, %13, %14, %15, %16) : (i1, ptr<f32, 1>, i32, i64, i32) -> ()
  }, {
  ^bb0(%18: ptr<f32, 1>, %19: i32, %20: i64, %21: i32):
    %22 = "pt.splat"(%18) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
    %23 = "pt.cast"(%21) : (i32) -> i64
    %24 = "pt.splat"(%23) : (i64) -> block<4xi64>
    %25 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
    %26 = "pt.cast"(%25) : (block<4xi32>) -> block<4xi64>
    %27 = "pt.add"(%24, %26) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %28 = "pt.splat"(%20) : (i64) -> block<4xi64>
    %29 = "pt.mul"(%27, %28) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %30 = "pt.addptr"(%22, %29) : (block<4xptr<f32, 1>>, block<4xi64>) -> block<4xptr<f32, 1>>
    %31 = "pt.constant"() {value = 0} : () -> i64
    %32 = "pt.splat"(%31) : (i64) -> block<4xi64>
    %33 = "pt.cast"(%19) : (i32) -> i64
    %34 = "pt.splat"(%33) : (i64) -> block<4xi64>
    %35 = "pt.cmp"(%27, %32) {predicate = "ge"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %36 = "pt.cmp"(%27, %34) {predicate = "lt"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %37 = "pt.and"(%35, %36) : (block<4xi1>, block<4xi1>) -> block<4xi1>
    %38 = "pt.constant"() {value = nan} : () -> block<4xf32>
    %39 = "pt.load"(%30, %37, %38) : (block<4xptr<f32, 1>>, block<4xi1>, block<4xf32>) -> block<4xf32>
    %40 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
    %41 = "pt.cast"(%21) : (i32) -> i64
    %42 = "pt.splat"(%41) : (i64) -> block<4xi64>
    %43 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
    %44 = "pt.cast"(%43) : (block<4xi32>) -> block<4xi64>
    %45 = "pt.add"(%42, %44) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %46 = "pt.splat"(%3) : (i64) -> block<4xi64>
    %47 = "pt.mul"(%45, %46) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %48 = "pt.addptr"(%40, %47) : (block<4xptr<f32, 1>>, block<4xi64>) -> block<4xptr<f32, 1>>
    %49 = "pt.constant"() {value = 0} : () -> i64
    %50 = "pt.splat"(%49) : (i64) -> block<4xi64>
    %51 = "pt.cast"(%2) : (i32) -> i64
    %52 = "pt.splat"(%51) : (i64) -> block<4xi64>
    %53 = "pt.cmp"(%45, %50) {predicate = "ge"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %54 = "pt.cmp"(%45, %52) {predicate = "lt"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %55 = "pt.and"(%53, %54) : (block<4xi1>, block<4xi1>) -> block<4xi1>
    "pt.store"(%48, %39, %55) : (block<4xptr<f32, 1>>, block<4xf32>, block<4xi1>) -> ()
    %56 = "pt.constant"() {value = 4} : () -> i32
    %57 = "pt.add"(%21, %56) : (i32, i32) -> i32
    "scf.yield"(%18, %19, %20, %57) : (ptr<f32, 1>, i32, i64, i32) -> ()
  }) : (ptr<f32, 1>, i32, i64, i32) -> (ptr<f32, 1>, i32, i64, i32)
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32, i64, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
