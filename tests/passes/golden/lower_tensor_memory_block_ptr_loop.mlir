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
    %13 = "pt.cast"(%12) : (i32) -> i64
    %14 = "pt.mul"(%13, %1) : (i64, i64) -> i64
    %15 = "pt.addptr"(%0, %14) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
    %16 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32>
    %17 = "pt.cast"(%16) : (block<2xi32>) -> block<2xi64>
    %18 = "pt.expand_dims"(%17) {axis = 1} : (block<2xi64>) -> block<2x1xi64>
    %19 = "pt.splat"(%2) : (i64) -> block<2x1xi64>
    %20 = "pt.mul"(%18, %19) : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi64>
    %21 = "pt.broadcast"(%20) : (block<2x1xi64>) -> block<2x16xi64>
    %22 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
    %23 = "pt.cast"(%22) : (block<16xi32>) -> block<16xi64>
    %24 = "pt.expand_dims"(%23) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
    %25 = "pt.splat"(%1) : (i64) -> block<1x16xi64>
    %26 = "pt.mul"(%24, %25) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
    %27 = "pt.broadcast"(%26) : (block<1x16xi64>) -> block<2x16xi64>
    %28 = "pt.add"(%21, %27) : (block<2x16xi64>, block<2x16xi64>) -> block<2x16xi64>
    %29 = "pt.neg"(%13) : (i64) -> i64
    %30 = "pt.sub"(%2, %13) : (i64, i64) -> i64
    %31 = "pt.splat"(%29) : (i64) -> block<1x16xi64>
    %32 = "pt.cmp"(%24, %31) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %33 = "pt.splat"(%30) : (i64) -> block<1x16xi64>
    %34 = "pt.cmp"(%24, %33) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
    %35 = "pt.and"(%32, %34) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
    %36 = "pt.broadcast"(%35) : (block<1x16xi1>) -> block<2x16xi1>
    %37 = "pt.splat"(%15) : (ptr<f16, 1>) -> block<2x16xptr<f16, 1>>
    %38 = "pt.addptr"(%37, %28) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
    %39 = "pt.constant"() {value = 0} : () -> block<2x16xf16>
    %40 = "pt.load"(%38, %36, %39) : (block<2x16xptr<f16, 1>>, block<2x16xi1>, block<2x16xf16>) -> block<2x16xf16>
    %41 = "pt.cast"(%40) : (block<2x16xf16>) -> block<2x16xf32>
    %42 = "pt.add"(%11, %41) : (block<2x16xf32>, block<2x16xf32>) -> block<2x16xf32>
    %43 = "pt.add"(%12, %6) : (i32, i32) -> i32
    "scf.yield"(%42, %43) : (block<2x16xf32>, i32) -> ()
  }) : (i32, i32, i32, block<2x16xf32>, i32) -> (block<2x16xf32>, i32)
  %44 = "pt.cast"(%8) : (block<2x16xf32>) -> block<2x16xf16>
  %45 = "pt.cast"(%9) : (i32) -> i64
  %46 = "pt.mul"(%45, %1) : (i64, i64) -> i64
  %47 = "pt.addptr"(%0, %46) : (ptr<f16, 1>, i64) -> ptr<f16, 1>
  %48 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32>
  %49 = "pt.cast"(%48) : (block<2xi32>) -> block<2xi64>
  %50 = "pt.expand_dims"(%49) {axis = 1} : (block<2xi64>) -> block<2x1xi64>
  %51 = "pt.splat"(%2) : (i64) -> block<2x1xi64>
  %52 = "pt.mul"(%50, %51) : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi64>
  %53 = "pt.broadcast"(%52) : (block<2x1xi64>) -> block<2x16xi64>
  %54 = "pt.constant"() {value = 0} : () -> block<2x1xi64>
  %55 = "pt.cmp"(%50, %54) {predicate = "ge"} : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi1>
  %56 = "pt.splat"(%1) : (i64) -> block<2x1xi64>
  %57 = "pt.cmp"(%50, %56) {predicate = "lt"} : (block<2x1xi64>, block<2x1xi64>) -> block<2x1xi1>
  %58 = "pt.and"(%55, %57) : (block<2x1xi1>, block<2x1xi1>) -> block<2x1xi1>
  %59 = "pt.broadcast"(%58) : (block<2x1xi1>) -> block<2x16xi1>
  %60 = "pt.make_range"() {end = 16, start = 0} : () -> block<16xi32>
  %61 = "pt.cast"(%60) : (block<16xi32>) -> block<16xi64>
  %62 = "pt.expand_dims"(%61) {axis = 0} : (block<16xi64>) -> block<1x16xi64>
  %63 = "pt.splat"(%1) : (i64) -> block<1x16xi64>
  %64 = "pt.mul"(%62, %63) : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi64>
  %65 = "pt.broadcast"(%64) : (block<1x16xi64>) -> block<2x16xi64>
  %66 = "pt.add"(%53, %65) : (block<2x16xi64>, block<2x16xi64>) -> block<2x16xi64>
  %67 = "pt.neg"(%45) : (i64) -> i64
  %68 = "pt.sub"(%2, %45) : (i64, i64) -> i64
  %69 = "pt.splat"(%67) : (i64) -> block<1x16xi64>
  %70 = "pt.cmp"(%62, %69) {predicate = "ge"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
  %71 = "pt.splat"(%68) : (i64) -> block<1x16xi64>
  %72 = "pt.cmp"(%62, %71) {predicate = "lt"} : (block<1x16xi64>, block<1x16xi64>) -> block<1x16xi1>
  %73 = "pt.and"(%70, %72) : (block<1x16xi1>, block<1x16xi1>) -> block<1x16xi1>
  %74 = "pt.broadcast"(%73) : (block<1x16xi1>) -> block<2x16xi1>
  %75 = "pt.and"(%59, %74) : (block<2x16xi1>, block<2x16xi1>) -> block<2x16xi1>
  %76 = "pt.splat"(%47) : (ptr<f16, 1>) -> block<2x16xptr<f16, 1>>
  %77 = "pt.addptr"(%76, %66) : (block<2x16xptr<f16, 1>>, block<2x16xi64>) -> block<2x16xptr<f16, 1>>
  "pt.store"(%77, %44, %75) : (block<2x16xptr<f16, 1>>, block<2x16xf16>, block<2x16xi1>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i64, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
