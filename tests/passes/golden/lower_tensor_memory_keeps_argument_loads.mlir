// RUN: lower-tensor-memory{keep_argument_loads=true}
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: i32):
  %5 = "pt.constant"() {value = 1} : () -> i64
  %6 = "pt.make_tensor_desc"(%0, %1, %2, %3, %5) {argument = "a"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<16x32xf16>>
  %7 = "pt.constant"() {value = 0} : () -> i32
  %8 = "pt.desc_load"(%6, %7, %4) : (tensordesc<block<16x32xf16>>, i32, i32) -> block<16x32xf16>
  "pt.desc_store"(%6, %8, %4, %7) : (tensordesc<block<16x32xf16>>, block<16x32xf16>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: i32):
  %5 = "pt.constant"() {value = 1} : () -> i64
  %6 = "pt.make_tensor_desc"(%0, %1, %2, %3, %5) {argument = "a"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<16x32xf16>>
  %7 = "pt.constant"() {value = 0} : () -> i32
  %8 = "pt.desc_load"(%6, %7, %4) : (tensordesc<block<16x32xf16>>, i32, i32) -> block<16x32xf16>
  %9 = "pt.cast"(%4) : (i32) -> i64
  %10 = "pt.mul"(%9, %3) : (i64, i64) -> i64
  %11 = "pt.addptr"(%0, %10) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
  %12 = "pt.cast"(%7) : (i32) -> i64
  %13 = "pt.mul"(%12, %5) : (i64, i64) -> i64
  %14 = "pt.addptr"(%11, %13) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
  %15 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %16 = "pt.cast"(%15) : (block<16xi32>) -> block<16xi64>
  %17 = "pt.expand_dims"(%16) {axis = 1} : (block<16xi64>) -> block<16x1xi64>
  %18 = "pt.splat"(%3) : (i64) -> block<16x1xi64>
  %19 = "pt.mul"(%17, %18) : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi64>
  %20 = "pt.broadcast"(%19) : (block<16x1xi64>) -> block<16x32xi64>
  %21 = "pt.cast"(%4) : (i32) -> i64
  %22 = "pt.neg"(%21) : (i64) -> i64
  %23 = "pt.cast"(%1) : (i32) -> i64
  %24 = "pt.sub"(%23, %21) : (i64, i64) -> i64
  %25 = "pt.splat"(%22) : (i64) -> block<16x1xi64>
  %26 = "pt.cmp"(%17, %25) {predicate = "ge"} : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi1>
  %27 = "pt.splat"(%24) : (i64) -> block<16x1xi64>
  %28 = "pt.cmp"(%17, %27) {predicate = "lt"} : (block<16x1xi64>, block<16x1xi64>) -> block<16x1xi1>
  %29 = "pt.and"(%26, %28) : (block<16x1xi1>, block<16x1xi1>) -> block<16x1xi1>
  %30 = "pt.broadcast"(%29) : (block<16x1xi1>) -> block<16x32xi1>
  %31 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %32 = "pt.cast"(%31) : (block<32xi32>) -> block<32xi64>
  %33 = "pt.expand_dims"(%32) {axis = 0} : (block<32xi64>) -> block<1x32xi64>
  %34 = "pt.splat"(%5) : (i64) -> block<1x32xi64>
  %35 = "pt.mul"(%33, %34) : (block<1x32xi64>, block<1x32xi64>) -> block<1x32xi64>
  %36 = "pt.broadcast"(%35) : (block<1x32xi64>) -> block<16x32xi64>
  %37 = "pt.add"(%20, %36) : (block<16x32xi64>, block<16x32xi64>) -> block<16x32xi64>
  %38 = "pt.cast"(%7) : (i32) -> i64
  %39 = "pt.neg"(%38) : (i64) -> i64
  %40 = "pt.cast"(%2) : (i32) -> i64
  %41 = "pt.sub"(%40, %38) : (i64, i64) -> i64
  %42 = "pt.splat"(%39) : (i64) -> block<1x32xi64>
  %43 = "pt.cmp"(%33, %42) {predicate = "ge"} : (block<1x32xi64>, block<1x32xi64>) -> block<1x32xi1>
  %44 = "pt.splat"(%41) : (i64) -> block<1x32xi64>
  %45 = "pt.cmp"(%33, %44) {predicate = "lt"} : (block<1x32xi64>, block<1x32xi64>) -> block<1x32xi1>
  %46 = "pt.and"(%43, %45) : (block<1x32xi1>, block<1x32xi1>) -> block<1x32xi1>
  %47 = "pt.broadcast"(%46) : (block<1x32xi1>) -> block<16x32xi1>
  %48 = "pt.and"(%30, %47) : (block<16x32xi1>, block<16x32xi1>) -> block<16x32xi1>
  %49 = "pt.splat"(%14) : (ptr<f16, 1>) -> block<16x32xptr<f16, 1>>
  %50 = "pt.addptr"(%49, %37) : (block<16x32xptr<f16, 1>>, block<16x32xi64>) -> block<16x32xptr<f16, 1>>
  "pt.store"(%50, %8, %48) : (block<16x32xptr<f16, 1>>, block<16x32xf16>, block<16x32xi1>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
