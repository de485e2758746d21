// RUN: inline,canonicalize,cse,licm,unroll,canonicalize,cse,dce
"func.func"() ({
^bb0(%0: block<64xf32>, %1: f32):
  %2 = "pt.splat"(%1) : (f32) -> block<64xf32>
  %3 = "pt.mul"(%0, %2) : (block<64xf32>, block<64xf32>) -> block<64xf32> loc("k.py":3:11)
  "func.return"(%3) : (block<64xf32>) -> ()
}) {function_type = !(block<64xf32>, f32) -> (block<64xf32>), sym_name = "scale"} : () -> ()
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "pt.program_id"() {axis = 0} : () -> i32
  %4 = "pt.constant"() {value = 64} : () -> i32
  %5 = "pt.mul"(%3, %4) : (i32, i32) -> i32
  %6 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %7 = "pt.splat"(%5) : (i32) -> block<64xi32>
  %8 = "pt.add"(%7, %6) : (block<64xi32>, block<64xi32>) -> block<64xi32>
  %9 = "pt.splat"(%2) : (i32) -> block<64xi32>
  %10 = "pt.cmp"(%8, %9) {predicate = "lt"} : (block<64xi32>, block<64xi32>) -> block<64xi1>
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %12 = "pt.addptr"(%11, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  %13 = "pt.load"(%12, %10) : (block<64xptr<f32, 1>>, block<64xi1>) -> block<64xf32>
  %14 = "pt.constant"() {value = 0} : () -> i32
  %15 = "pt.constant"() {value = 2} : () -> i32
  %16 = "pt.constant"() {value = 1} : () -> i32
  %17 = "scf.for"(%14, %15, %16, %13) ({
  ^bb0(%18: i32, %19: block<64xf32>):
    %20 = "pt.constant"() {value = 0.5} : () -> f32
    %21 = "func.call"(%19, %20) {callee = "scale"} : (block<64xf32>, f32) -> block<64xf32>
    %22 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
    "scf.yield"(%21) : (block<64xf32>) -> ()
  }) {unroll = 2} : (i32, i32, i32, block<64xf32>) -> block<64xf32>
  %23 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %24 = "pt.addptr"(%23, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  "pt.store"(%24, %17, %10) : (block<64xptr<f32, 1>>, block<64xf32>, block<64xi1>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "pt.program_id"() {axis = 0} : () -> i32
  %4 = "pt.constant"() {value = 64} : () -> i32
  %5 = "pt.mul"(%3, %4) : (i32, i32) -> i32
  %6 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %7 = "pt.splat"(%5) : (i32) -> block<64xi32>
  %8 = "pt.add"(%7, %6) : (block<64xi32>, block<64xi32>) -> block<64xi32>
  %9 = "pt.splat"(%2) : (i32) -> block<64xi32>
  %10 = "pt.cmp"(%8, %9) {predicate = "lt"} : (block<64xi32>, block<64xi32>) -> block<64xi1>
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %12 = "pt.addptr"(%11, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  %13 = "pt.load"(%12, %10) : (block<64xptr<f32, 1>>, block<64xi1>) -> block<64xf32>
  %14 = "pt.constant"() {value = 0.5} : () -> block<64xf32>
  %15 = "pt.mul"(%13, %14) : (block<64xf32>, block<64xf32>) -> block<64xf32> loc("k.py":3:11)
  %16 = "pt.mul"(%15, %14) : (block<64xf32>, block<64xf32>) -> block<64xf32> loc("k.py":3:11)
  %17 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %18 = "pt.addptr"(%17, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  "pt.store"(%18, %16, %10) : (block<64xptr<f32, 1>>, block<64xf32>, block<64xi1>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}, {}], function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
