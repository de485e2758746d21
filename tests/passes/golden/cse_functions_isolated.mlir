// RUN: cse
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 7} : () -> i32
  %2 = "pt.add"(%0, %1) : (i32, i32) -> i32
  "func.return"(%2) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "f"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.constant"() {value = 7} : () -> i32
  %3 = "pt.constant"() {value = 7} : () -> i32
  %4 = "func.call"(%0) {callee = "f"} : (i32) -> i32
  %5 = "func.call"(%0) {callee = "f"} : (i32) -> i32
  %6 = "pt.add"(%4, %5) : (i32, i32) -> i32
  %7 = "pt.add"(%6, %2) : (i32, i32) -> i32
  %8 = "pt.add"(%7, %3) : (i32, i32) -> i32
  "pt.store"(%1, %8) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 7} : () -> i32
  %2 = "pt.add"(%0, %1) : (i32, i32) -> i32
  "func.return"(%2) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "f"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.constant"() {value = 7} : () -> i32
  %3 = "func.call"(%0) {callee = "f"} : (i32) -> i32
  %4 = "func.call"(%0) {callee = "f"} : (i32) -> i32
  %5 = "pt.add"(%3, %4) : (i32, i32) -> i32
  %6 = "pt.add"(%5, %2) : (i32, i32) -> i32
  %7 = "pt.add"(%6, %2) : (i32, i32) -> i32
  "pt.store"(%1, %7) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
