// RUN: inline,cse,dce
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 3} : () -> i32
  %2 = "pt.mul"(%0, %1) : (i32, i32) -> i32
  "func.return"(%2) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "triple"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "func.call"(%0) {callee = "triple"} : (i32) -> i32
  %3 = "func.call"(%0) {callee = "triple"} : (i32) -> i32
  %4 = "pt.add"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%1, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.constant"() {value = 3} : () -> i32
  %3 = "pt.mul"(%0, %2) : (i32, i32) -> i32
  %4 = "pt.add"(%3, %3) : (i32, i32) -> i32
  "pt.store"(%1, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
