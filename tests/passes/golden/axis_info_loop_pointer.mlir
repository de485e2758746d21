// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 64} : () -> i32
  %4 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %5 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %6 = "pt.addptr"(%5, %4) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  %7 = "pt.constant"() {value = 0.0} : () -> block<64xf32>
  %8 = "pt.splat"(%3) : (i32) -> block<64xi32>
  %9, %10 = "scf.for"(%2, %1, %3, %7, %6) ({
  ^bb0(%11: i32, %12: block<64xf32>, %13: block<64xptr<f32, 1>>):
    %14 = "pt.load"(%13) : (block<64xptr<f32, 1>>) -> block<64xf32>
    %15 = "pt.add"(%12, %14) : (block<64xf32>, block<64xf32>) -> block<64xf32>
    %16 = "pt.addptr"(%13, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
    "scf.yield"(%15, %16) : (block<64xf32>, block<64xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<64xf32>, block<64xptr<f32, 1>>) -> (block<64xf32>, block<64xptr<f32, 1>>)
  "pt.store"(%6, %9) : (block<64xptr<f32, 1>>, block<64xf32>) -> ()
  %17 = "pt.constant"() {value = 1} : () -> i32
  %18, %19 = "scf.for"(%2, %1, %17, %7, %6) ({
  ^bb0(%20: i32, %21: block<64xf32>, %22: block<64xptr<f32, 1>>):
    %23 = "pt.splat"(%17) : (i32) -> block<64xi32>
    %24 = "pt.addptr"(%22, %23) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
    "scf.yield"(%21, %24) : (block<64xf32>, block<64xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<64xf32>, block<64xptr<f32, 1>>) -> (block<64xf32>, block<64xptr<f32, 1>>)
  "pt.store"(%19, %18) : (block<64xptr<f32, 1>>, block<64xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "sum"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 64} : () -> i32
  %4 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32>
  %5 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<64xptr<f32, 1>>
  %6 = "pt.addptr"(%5, %4) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
  %7 = "pt.constant"() {value = 0.0} : () -> block<64xf32>
  %8 = "pt.splat"(%3) : (i32) -> block<64xi32>
  %9, %10 = "scf.for"(%2, %1, %3, %7, %6) ({
  ^bb0(%11: i32, %12: block<64xf32>, %13: block<64xptr<f32, 1>>):
    %14 = "pt.load"(%13) : (block<64xptr<f32, 1>>) -> block<64xf32>
    %15 = "pt.add"(%12, %14) : (block<64xf32>, block<64xf32>) -> block<64xf32>
    %16 = "pt.addptr"(%13, %8) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
    "scf.yield"(%15, %16) : (block<64xf32>, block<64xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<64xf32>, block<64xptr<f32, 1>>) -> (block<64xf32>, block<64xptr<f32, 1>>)
  "pt.store"(%6, %9) : (block<64xptr<f32, 1>>, block<64xf32>) -> ()
  %17 = "pt.constant"() {value = 1} : () -> i32
  %18, %19 = "scf.for"(%2, %1, %17, %7, %6) ({
  ^bb0(%20: i32, %21: block<64xf32>, %22: block<64xptr<f32, 1>>):
    %23 = "pt.splat"(%17) : (i32) -> block<64xi32>
    %24 = "pt.addptr"(%22, %23) : (block<64xptr<f32, 1>>, block<64xi32>) -> block<64xptr<f32, 1>>
    "scf.yield"(%21, %24) : (block<64xf32>, block<64xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<64xf32>, block<64xptr<f32, 1>>) -> (block<64xf32>, block<64xptr<f32, 1>>)
  "pt.store"(%19, %18) : (block<64xptr<f32, 1>>, block<64xf32>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {divisibility = 16}], function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "sum"} : () -> ()
// %0: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %1: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %2: contiguity = [1], divisibility = [1073741824], constancy = [1], constant_value = 0
// %3: contiguity = [1], divisibility = [64], constancy = [1], constant_value = 64
// %4: contiguity = [64], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %5: contiguity = [1], divisibility = [16], constancy = [64], constant_value = <none>
// %6: contiguity = [64], divisibility = [16], constancy = [1], constant_value = <none>
// %7: contiguity = [1], divisibility = [1], constancy = [64], constant_value = <none>
// %8: contiguity = [1], divisibility = [64], constancy = [64], constant_value = 64
// %9: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %10: contiguity = [64], divisibility = [16], constancy = [1], constant_value = <none>
// %11: contiguity = [1], divisibility = [64], constancy = [1], constant_value = <none>
// %12: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %13: contiguity = [64], divisibility = [16], constancy = [1], constant_value = <none>
// %14: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %15: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %16: contiguity = [64], divisibility = [16], constancy = [1], constant_value = <none>
// %17: contiguity = [1], divisibility = [1], constancy = [1], constant_value = 1
// %18: contiguity = [1], divisibility = [1], constancy = [64], constant_value = <none>
// %19: contiguity = [64], divisibility = [4], constancy = [1], constant_value = <none>
// %20: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %21: contiguity = [1], divisibility = [1], constancy = [64], constant_value = <none>
// %22: contiguity = [64], divisibility = [4], constancy = [1], constant_value = <none>
// %23: contiguity = [1], divisibility = [1], constancy = [64], constant_value = 1
// %24: contiguity = [64], divisibility = [4], constancy = [1], constant_value = <none>
