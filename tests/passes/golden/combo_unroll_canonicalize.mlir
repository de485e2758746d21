// RUN: unroll,canonicalize
"func.func"() ({
^bb0(%0: block<4xptr<i32, 1>>, %1: block<4xi32>):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "pt.constant"() {value = 4} : () -> i32
  %5 = "scf.for"(%2, %4, %3, %1) ({
  ^bb0(%6: i32, %7: block<4xi32>):
    %8 = "pt.mul"(%6, %6) : (i32, i32) -> i32
    %9 = "pt.splat"(%8) : (i32) -> block<4xi32>
    %10 = "pt.add"(%7, %9) : (block<4xi32>, block<4xi32>) -> block<4xi32>
    "scf.yield"(%10) : (block<4xi32>) -> ()
  }) {unroll = 4} : (i32, i32, i32, block<4xi32>) -> block<4xi32>
  "pt.store"(%0, %5) : (block<4xptr<i32, 1>>, block<4xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4xptr<i32, 1>>, block<4xi32>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<4xptr<i32, 1>>, %1: block<4xi32>):
  %2 = "pt.constant"() {value = 1} : () -> block<4xi32>
  %3 = "pt.add"(%1, %2) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %4 = "pt.constant"() {value = 4} : () -> block<4xi32>
  %5 = "pt.add"(%3, %4) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %6 = "pt.constant"() {value = 9} : () -> block<4xi32>
  %7 = "pt.add"(%5, %6) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  "pt.store"(%0, %7) : (block<4xptr<i32, 1>>, block<4xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4xptr<i32, 1>>, block<4xi32>) -> (), kernel = true, sym_name = "k"} : () -> ()
