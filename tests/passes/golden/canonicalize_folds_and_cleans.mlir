// RUN: canonicalize
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.constant"() {value = 2} : () -> i32
  %3 = "pt.constant"() {value = 3} : () -> i32
  %4 = "pt.add"(%2, %3) : (i32, i32) -> i32 loc("k.py":3:9)
  %5 = "pt.mul"(%2, %3) : (i32, i32) -> i32
  %6 = "pt.sub"(%5, %4) : (i32, i32) -> i32
  %7 = "pt.mul"(%0, %6) : (i32, i32) -> i32
  %8 = "pt.mul"(%0, %0) : (i32, i32) -> i32
  %9 = "pt.program_id"() {axis = 0} : () -> i32
  %10 = "pt.add"(%7, %9) : (i32, i32) -> i32
  "pt.store"(%1, %10) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.program_id"() {axis = 0} : () -> i32
  %3 = "pt.add"(%0, %2) : (i32, i32) -> i32
  "pt.store"(%1, %3) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
