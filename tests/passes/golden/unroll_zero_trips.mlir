// RUN: unroll
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 4} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "scf.for"(%2, %2, %3, %1) ({
  ^bb0(%5: i32, %6: i32):
    %7 = "pt.add"(%6, %5) : (i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }) {static = true} : (i32, i32, i32, i32) -> i32
  "pt.store"(%0, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 4} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  "pt.store"(%0, %1) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
