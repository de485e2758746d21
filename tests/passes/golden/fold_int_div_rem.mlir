// RUN: fold
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>):
  %2 = "pt.constant"() {value = -7} : () -> i32
  %3 = "pt.constant"() {value = 7} : () -> i32
  %4 = "pt.constant"() {value = 2} : () -> i32
  %5 = "pt.constant"() {value = -2} : () -> i32
  %6 = "pt.constant"() {value = 0} : () -> i32
  %7 = "pt.div"(%2, %4) : (i32, i32) -> i32
  "pt.store"(%0, %7) : (ptr<i32, 1>, i32) -> ()
  %8 = "pt.rem"(%2, %4) : (i32, i32) -> i32
  "pt.store"(%0, %8) : (ptr<i32, 1>, i32) -> ()
  %9 = "pt.div"(%3, %5) : (i32, i32) -> i32
  "pt.store"(%0, %9) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.rem"(%3, %5) : (i32, i32) -> i32
  "pt.store"(%0, %10) : (ptr<i32, 1>, i32) -> ()
  %11 = "pt.div"(%3, %6) : (i32, i32) -> i32
  "pt.store"(%0, %11) : (ptr<i32, 1>, i32) -> ()
  %12 = "pt.rem"(%3, %6) : (i32, i32) -> i32
  "pt.store"(%0, %12) : (ptr<i32, 1>, i32) -> ()
  %13 = "pt.constant"() {value = -2147483648} : () -> i32
  %14 = "pt.constant"() {value = -1} : () -> i32
  %15 = "pt.div"(%13, %14) : (i32, i32) -> i32
  "pt.store"(%0, %15) : (ptr<i32, 1>, i32) -> ()
  %16 = "pt.constant"() {value = 4294967295} : () -> u32
  %17 = "pt.constant"() {value = 2} : () -> u32
  %18 = "pt.div"(%16, %17) : (u32, u32) -> u32
  "pt.store"(%1, %18) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>):
  %2 = "pt.constant"() {value = 7} : () -> i32
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.constant"() {value = -3} : () -> i32
  "pt.store"(%0, %4) : (ptr<i32, 1>, i32) -> ()
  %5 = "pt.constant"() {value = -1} : () -> i32
  "pt.store"(%0, %5) : (ptr<i32, 1>, i32) -> ()
  %6 = "pt.constant"() {value = -3} : () -> i32
  "pt.store"(%0, %6) : (ptr<i32, 1>, i32) -> ()
  %7 = "pt.constant"() {value = 1} : () -> i32
  "pt.store"(%0, %7) : (ptr<i32, 1>, i32) -> ()
  %8 = "pt.div"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%0, %8) : (ptr<i32, 1>, i32) -> ()
  %9 = "pt.rem"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%0, %9) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.constant"() {value = -2147483648} : () -> i32
  "pt.store"(%0, %10) : (ptr<i32, 1>, i32) -> ()
  %11 = "pt.constant"() {value = 2147483647} : () -> u32
  "pt.store"(%1, %11) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
