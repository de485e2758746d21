// RUN: lower-tensor-memory,canonicalize,cse,dce
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i64, %2: i64, %3: i32):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.constant"() {value = 16} : () -> i32
  %7 = "pt.constant"() {value = 0.0} : () -> block<2x16xf32>
  %8 = "pt.make_block_ptr"(%0, %1, %2, %2, %1, %4, %4) {order = [1, 0]} : (ptr<f16, 1>, i64, i64, i64, i64, i32, i32) -> ptr<block<2x16xf16>, 1>
  %9, %10 = "scf.for"(%4, %3, %5, %7, %8) ({
  ^bb0(%11: i32, %12: block<2x16xf32>, %13: ptr<block<2x16xf16>, 1>):
    %14 = "pt.block_load"(%13) {boundary_check = [1], padding = "zero"} : (ptr<block<2x16xf16>, 1>) -> block<2x16xf16>
    %15 = "pt.cast"(%14) : (block<2x16xf16>) -> block<2x16xf32>
    %16 = "pt.add"(%12, %15) : (block<2x16xf32>, block<2x16xf32>) -> block<2x16xf32>
    %17 = "pt.advance"(%13, %4, %6) : (ptr<block<2x16xf16>, 1>, i32, i32) -> ptr<block<2x16xf16>, 1>
    "scf.yield"(%16, %17) : (block<2x16xf32>, ptr<block<2x16xf16>, 1>) -> ()
  }) : (i32, i32, i32, block<2x16xf32>, ptr<block<2x16xf16>, 1>) -> (block<2x16xf32>, ptr<block<2x16xf16>, 1>)
  %18 = "pt.cast"(%9) : (block<2x16xf32>) -> block<2x16xf16>
  "pt.block_store"(%10, %18) {boundary_check = [0, 1]} : (ptr<block<2x16xf16>, 1>, block<2x16xf16>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i64, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i64, %2: i64, %3: i32):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.constant"() {value = 16} : () -> i32
  %7 = "pt.constant"() {value = 0.0} : () -> block<2x16xf32>
  %8, %9 = "scf.for"(%4, %3, %5, %7, %4) ({
  ^bb0(%10: i32, %11: block<2x16xf32>, %12: i32):
    %13 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<2x16xptr<f16, 1>>
    %14 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32>
    %15 = "pt.cast"(%14) : (block<2xi32>) -> block<2xi64>
    %16 = "pt.expand_dims"(%15) {axis = 1} : (block<2xi64>) -> block<2x1xi64>
    %17 = "pt.splat"(%2) : (i64) -> block<2x1xi64>
    %18 = "pt.mul"(%16, %17) : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi64>
    %19 = "pt.broadcast"(%18) : (block<2x1xi64>) -> block<2x16xi64>
    %20 = "pt.addptr"(%13, %19) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
    %21 = "pt.cast"(%12) : (i32) -> i64
    %22 = "pt.splat"(%21) : (i64) -> block<16xi64>
    %23 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
    %24 = "pt.cast"(%23) : (block<16xi32>) -> block<16xi64>
    %25 = "pt.add"(%22, %24) : (block<16xi64>, block<16xi64>) -> block<16xi64>
    %26 = "pt.expand_dims"(%25) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
    %27 = "pt.splat"(%1) : (i64) -> block<1x16xi64>
    %28 = "pt.mul"(%26, %27) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
    %29 = "pt.broadcast"(%28) : (block<1x16xi64>) -> block<2x16xi64>
    %30 = "pt.addptr"(%20, %29) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
    %31 = "pt.constant"() {value = 0} : () -> block<1x16xi64>
    %32 = "pt.splat"(%2) : (i64) -> block<1x16xi64>
    %33 = "pt.cmp"(%26, %31) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %34 = "pt.cmp"(%26, %32) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %35 = "pt.and"(%33, %34) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
    %36 = "pt.broadcast"(%35) : (block<1x16xi1>) -> block<2x16xi1>
    %37 = "pt.constant"() {value = 0} : () -> block<2x16xf16>
    %38 = "pt.load"(%30, %36, %37) : (block<2x16xptr<f16, 1>>, block<2x16xi1>, block<2x16xf16>) -> block<2x16xf16>
    %39 = "pt.cast"(%38) : (block<2x16xf16>) -> block<2x16xf32>
    %40 = "pt.add"(%11, %39) : (block<2x16xf32>, block<2x16xf32>) -> block<2x16xf32>
    %41 = "pt.add"(%12, %6) : (i32, i32) -> i32
    "scf.yield"(%40, %41) : (block<2x16xf32>, i32) -> ()
  }) : (i32, i32, i32, block<2x16xf32>, i32) -> (block<2x16xf32>, i32)
  %42 = "pt.cast"(%8) : (block<2x16xf32>) -> block<2x16xf16>
  %43 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<2x16xptr<f16, 1>>
  %44 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32>
  %45 = "pt.cast"(%44) : (block<2xi32>) -> block<2xi64>
  %46 = "pt.expand_dims"(%45) {axis = 1} : (block<2xi64>) -> block<2x1xi64>
  %47 = "pt.splat"(%2) : (i64) -> block<2x1xi64>
  %48 = "pt.mul"(%46, %47) : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi64>
  %49 = "pt.broadcast"(%48) : (block<2x1xi64>) -> block<2x16xi64>
  %50 = "pt.addptr"(%43, %49) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
  %51 = "pt.constant"() {value = 0} : () -> block<2x1xi64>
  %52 = "pt.splat"(%1) : (i64) -> block<2x1xi64>
  %53 = "pt.cmp"(%46, %51) {predicate = "ge"} : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi1>
  %54 = "pt.cmp"(%46, %52) {predicate = "lt"} : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi1>
  %55 = "pt.and"(%53, %54) : (block<2x1xi1>, block<2x1xi1>) -> block<2x1xi1>
  %56 = "pt.broadcast"(%55) : (block<2x1xi1>) -> block<2x16xi1>
  %57 = "pt.cast"(%9) : (i32) -> i64
  %58 = "pt.splat"(%57) : (i64) -> block<16xi64>
  %59 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %60 = "pt.cast"(%59) : (block<16xi32>) -> block<16xi64>
  %61 = "pt.add"(%58, %60) : (block<16xi64>, block<16xi64>) -> block<16xi64>
  %62 = "pt.expand_dims"(%61) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
  %63 = "pt.splat"(%1) : (i64) -> block<1x16xi64>
  %64 = "pt.mul"(%62, %63) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
  %65 = "pt.broadcast"(%64) : (block<1x16xi64>) -> block<2x16xi64>
  %66 = "pt.addptr"(%50, %65) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
  %67 = "pt.constant"() {value = 0} : () -> block<1x16xi64>
  %68 = "pt.splat"(%2) : (i64) -> block<1x16xi64>
  %69 = "pt.cmp"(%62, %67) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
  %70 = "pt.cmp"(%62, %68) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
  %71 = "pt.and"(%69, %70) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
  %72 = "pt.broadcast"(%71) : (block<1x16xi1>) -> block<2x16xi1>
  %73 = "pt.and"(%56, %72) : (block<2x16xi1>, block<2x16xi1>) -> block<2x16xi1>
  "pt.store"(%66, %42, %73) : (block<2x16xptr<f16, 1>>, block<2x16xf16>, block<2x16xi1>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i64, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
