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
    %22 = "pt.cast"(%21) : (i32) -> i64
    %23 = "pt.mul"(%22, %20) : (i64, i64) -> i64
    %24 = "pt.addptr"(%18, %23) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %25 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
    %26 = "pt.cast"(%25) : (block<4xi32>) -> block<4xi64>
    %27 = "pt.splat"(%20) : (i64) -> block<4xi64>
    %28 = "pt.mul"(%26, %27) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %29 = "pt.cast"(%21) : (i32) -> i64
    %30 = "pt.neg"(%29) : (i64) -> i64
    %31 = "pt.cast"(%19) : (i32) -> i64
    %32 = "pt.sub"(%31, %29) : (i64, i64) -> i64
    %33 = "pt.splat"(%30) : (i64) -> block<4xi64>
    %34 = "pt.cmp"(%26, %33) {predicate = "ge"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %35 = "pt.splat"(%32) : (i64) -> block<4xi64>
    %36 = "pt.cmp"(%26, %35) {predicate = "lt"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %37 = "pt.and"(%34, %36) : (block<4xi1>, block<4xi1>) -> block<4xi1>
    %38 = "pt.splat"(%24) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
    %39 = "pt.addptr"(%38, %28) : (block<4xptr<f32, 1>>, block<4xi64>) -> block<4xptr<f32, 1>>
    %40 = "pt.constant"() {value = nan} : () -> block<4xf32>
    %41 = "pt.load"(%39, %37, %40) : (block<4xptr<f32, 1>>, block<4xi1>, block<4xf32>) -> block<4xf32>
    %42 = "pt.cast"(%21) : (i32) -> i64
    %43 = "pt.mul"(%42, %3) : (i64, i64) -> i64
    %44 = "pt.addptr"(%1, %43) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %45 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
    %46 = "pt.cast"(%45) : (block<4xi32>) -> block<4xi64>
    %47 = "pt.splat"(%3) : (i64) -> block<4xi64>
    %48 = "pt.mul"(%46, %47) : (block<4xi64>, block<4xi64>) -> block<4xi64>
    %49 = "pt.cast"(%21) : (i32) -> i64
    %50 = "pt.neg"(%49) : (i64) -> i64
    %51 = "pt.cast"(%2) : (i32) -> i64
    %52 = "pt.sub"(%51, %49) : (i64, i64) -> i64
    %53 = "pt.splat"(%50) : (i64) -> block<4xi64>
    %54 = "pt.cmp"(%46, %53) {predicate = "ge"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %55 = "pt.splat"(%52) : (i64) -> block<4xi64>
    %56 = "pt.cmp"(%46, %55) {predicate = "lt"} : (block<4xi64>, block<4xi64>) -> block<4xi1>
    %57 = "pt.and"(%54, %56) : (block<4xi1>, block<4xi1>) -> block<4xi1>
    %58 = "pt.splat"(%44) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
    %59 = "pt.addptr"(%58, %48) : (block<4xptr<f32, 1>>, block<4xi64>) -> block<4xptr<f32, 1>>
    "pt.store"(%59, %41, %57) : (block<4xptr<f32, 1>>, block<4xf32>, block<4xi1>) -> ()
    %60 = "pt.constant"() {value = 4} : () -> i32
    %61 = "pt.add"(%21, %60) : (i32, i32) -> i32
    "scf.yield"(%18, %19, %20, %61) : (ptr<f32, 1>, i32, i64, i32) -> ()
  }) : (ptr<f32, 1>, i32, i64, i32) -> (ptr<f32, 1>, i32, i64, i32)
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32, i64, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
