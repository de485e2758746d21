// RUN: cse
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: ptr<i32, 1>):
  %3 = "pt.add"(%0, %1) : (i32, i32) -> i32
  %4 = "pt.add"(%1, %0) : (i32, i32) -> i32
  %5 = "pt.sub"(%0, %1) : (i32, i32) -> i32
  %6 = "pt.sub"(%1, %0) : (i32, i32) -> i32
  %7 = "pt.mul"(%3, %5) : (i32, i32) -> i32
  %8 = "pt.mul"(%4, %5) : (i32, i32) -> i32
  "pt.store"(%2, %7) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %8) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %6) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: ptr<i32, 1>):
  %3 = "pt.add"(%0, %1) : (i32, i32) -> i32
  %4 = "pt.sub"(%0, %1) : (i32, i32) -> i32
  %5 = "pt.sub"(%1, %0) : (i32, i32) -> i32
  %6 = "pt.mul"(%3, %4) : (i32, i32) -> i32
  "pt.store"(%2, %6) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %6) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%2, %5) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
