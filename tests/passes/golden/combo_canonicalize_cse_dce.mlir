// RUN: canonicalize,cse,dce
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: ptr<i32, 1>):
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.add"(%0, %3) : (i32, i32) -> i32
  %5 = "pt.mul"(%4, %1) : (i32, i32) -> i32
  %6 = "pt.mul"(%1, %0) : (i32, i32) -> i32
  %7 = "pt.sub"(%5, %6) : (i32, i32) -> i32
  %8 = "pt.add"(%5, %6) : (i32, i32) -> i32
  %9 = "pt.load"(%2) : (ptr<i32, 1>) -> i32
  "pt.store"(%2, %7) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %8) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: ptr<i32, 1>):
  %3 = "pt.mul"(%0, %1) : (i32, i32) -> i32
  %4 = "pt.sub"(%3, %3) : (i32, i32) -> i32
  %5 = "pt.add"(%3, %3) : (i32, i32) -> i32
  "pt.store"(%2, %4) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %5) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
