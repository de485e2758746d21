// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: ptr<i64, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %3 = "pt.splat"(%0) : (ptr<i64, 1>) -> block<32xptr<i64, 1>>
  %4 = "pt.addptr"(%3, %2) : (block<32xptr<i64, 1>>, block<32xi32>) -> block<32xptr<i64, 1>>
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6, %7 = "scf.while"(%4, %5) ({
  ^bb0(%8: block<32xptr<i64, 1>>, %9: i32):
    %10 = "pt.cmp"(%9, %1) {predicate = "lt"} : (i32, i32) -> i1
    "scf.condition"(%10, %8, %9) : (i1, block<32xptr<i64, 1>>, i32) -> ()
  }, {
  ^bb0(%11: block<32xptr<i64, 1>>, %12: i32):
    %13 = "pt.constant"() {value = 2} : () -> i32
    %14 = "pt.splat"(%13) : (i32) -> block<32xi32>
    %15 = "pt.addptr"(%11, %14) : (block<32xptr<i64, 1>>, block<32xi32>) -> block<32xptr<i64, 1>>
    %16 = "pt.add"(%12, %13) : (i32, i32) -> i32
    "scf.yield"(%15, %16) : (block<32xptr<i64, 1>>, i32) -> ()
  }) : (block<32xptr<i64, 1>>, i32) -> (block<32xptr<i64, 1>>, i32)
  %17 = "pt.load"(%6) : (block<32xptr<i64, 1>>) -> block<32xi64>
  "pt.store"(%6, %17) : (block<32xptr<i64, 1>>, block<32xi64>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<i64, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i64, 1>, %1: i32):
  %2 = "pt.make_range"() {end = 32, start = 0} : () -> block<32xi32>
  %3 = "pt.splat"(%0) : (ptr<i64, 1>) -> block<32xptr<i64, 1>>
  %4 = "pt.addptr"(%3, %2) : (block<32xptr<i64, 1>>, block<32xi32>) -> block<32xptr<i64, 1>>
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6, %7 = "scf.while"(%4, %5) ({
  ^bb0(%8: block<32xptr<i64, 1>>, %9: i32):
    %10 = "pt.cmp"(%9, %1) {predicate = "lt"} : (i32, i32) -> i1
    "scf.condition"(%10, %8, %9) : (i1, block<32xptr<i64, 1>>, i32) -> ()
  }, {
  ^bb0(%11: block<32xptr<i64, 1>>, %12: i32):
    %13 = "pt.constant"() {value = 2} : () -> i32
    %14 = "pt.splat"(%13) : (i32) -> block<32xi32>
    %15 = "pt.addptr"(%11, %14) : (block<32xptr<i64, 1>>, block<32xi32>) -> block<32xptr<i64, 1>>
    %16 = "pt.add"(%12, %13) : (i32, i32) -> i32
    "scf.yield"(%15, %16) : (block<32xptr<i64, 1>>, i32) -> ()
  }) : (block<32xptr<i64, 1>>, i32) -> (block<32xptr<i64, 1>>, i32)
  %17 = "pt.load"(%6) : (block<32xptr<i64, 1>>) -> block<32xi64>
  "pt.store"(%6, %17) : (block<32xptr<i64, 1>>, block<32xi64>) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}], function_type = !(ptr<i64, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// %0: contiguity = [1], divisibility = [16], constancy = [1], constant_value = <none>
// %1: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %2: contiguity = [32], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %3: contiguity = [1], divisibility = [16], constancy = [32], constant_value = <none>
// %4: contiguity = [32], divisibility = [16], constancy = [1], constant_value = <none>
// %5: contiguity = [1], divisibility = [1073741824], constancy = [1], constant_value = 0
// %6: contiguity = [32], divisibility = [16], constancy = [1], constant_value = <none>
// %7: contiguity = [1], divisibility = [2], constancy = [1], constant_value = <none>
// %8: contiguity = [32], divisibility = [16], constancy = [1], constant_value = <none>
// %9: contiguity = [1], divisibility = [2], constancy = [1], constant_value = <none>
// %10: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %11: contiguity = [32], divisibility = [16], constancy = [1], constant_value = <none>
// %12: contiguity = [1], divisibility = [2], constancy = [1], constant_value = <none>
// %13: contiguity = [1], divisibility = [2], constancy = [1], constant_value = 2
// %14: contiguity = [1], divisibility = [2], constancy = [32], constant_value = 2
// %15: contiguity = [32], divisibility = [16], constancy = [1], constant_value = <none>
// %16: contiguity = [1], divisibility = [2], constancy = [1], constant_value = <none>
// %17: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
