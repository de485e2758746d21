// RUN:
// PRINT-ANALYSIS: axis-info
"func.func"() ({
^bb0(%0: block<128xptr<i32, 1>>):
  %1 = "pt.make_range"() {end = 128, start = 0} : () -> block<128xi32>
  %2 = "pt.constant"() {value = 64} : () -> block<128xi32>
  %3 = "pt.constant"() {value = 66} : () -> block<128xi32>
  %4 = "pt.constant"() {value = 1} : () -> block<128xi32>
  %5 = "pt.constant"() {value = 2} : () -> block<128xi32>
  %6 = "pt.div"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %7 = "pt.div"(%1, %3) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %8 = "pt.rem"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %9 = "pt.rem"(%1, %4) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %10 = "pt.rem"(%2, %1) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %11 = "pt.shl"(%1, %5) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %12 = "pt.shr"(%2, %5) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %13 = "pt.sub"(%1, %4) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %14 = "pt.sub"(%4, %1) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %15 = "pt.add"(%2, %3) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %16 = "pt.and"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  "pt.store"(%0, %6) : (block<128xptr<i32, 1>>, block<128xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<128xptr<i32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<128xptr<i32, 1>>):
  %1 = "pt.make_range"() {end = 128, start = 0} : () -> block<128xi32>
  %2 = "pt.constant"() {value = 64} : () -> block<128xi32>
  %3 = "pt.constant"() {value = 66} : () -> block<128xi32>
  %4 = "pt.constant"() {value = 1} : () -> block<128xi32>
  %5 = "pt.constant"() {value = 2} : () -> block<128xi32>
  %6 = "pt.div"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %7 = "pt.div"(%1, %3) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %8 = "pt.rem"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %9 = "pt.rem"(%1, %4) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %10 = "pt.rem"(%2, %1) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %11 = "pt.shl"(%1, %5) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %12 = "pt.shr"(%2, %5) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %13 = "pt.sub"(%1, %4) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %14 = "pt.sub"(%4, %1) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %15 = "pt.add"(%2, %3) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  %16 = "pt.and"(%1, %2) : (block<128xi32>, block<128xi32>) -> block<128xi32>
  "pt.store"(%0, %6) : (block<128xptr<i32, 1>>, block<128xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<128xptr<i32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// %0: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %1: contiguity = [128], divisibility = [1073741824], constancy = [1], constant_value = <none>
// %2: contiguity = [1], divisibility = [64], constancy = [128], constant_value = 64
// %3: contiguity = [1], divisibility = [2], constancy = [128], constant_value = 66
// %4: contiguity = [1], divisibility = [1], constancy = [128], constant_value = 1
// %5: contiguity = [1], divisibility = [2], constancy = [128], constant_value = 2
// %6: contiguity = [1], divisibility = [1], constancy = [64], constant_value = <none>
// %7: contiguity = [1], divisibility = [1], constancy = [2], constant_value = <none>
// %8: contiguity = [64], divisibility = [64], constancy = [1], constant_value = <none>
// %9: contiguity = [1], divisibility = [1073741824], constancy = [128], constant_value = 0
// %10: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %11: contiguity = [1], divisibility = [4], constancy = [1], constant_value = <none>
// %12: contiguity = [1], divisibility = [16], constancy = [128], constant_value = 16
// %13: contiguity = [128], divisibility = [1], constancy = [1], constant_value = <none>
// %14: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
// %15: contiguity = [1], divisibility = [2], constancy = [128], constant_value = 130
// %16: contiguity = [1], divisibility = [1], constancy = [1], constant_value = <none>
