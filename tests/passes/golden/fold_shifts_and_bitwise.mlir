// RUN: fold
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>):
  %2 = "pt.constant"() {value = -8} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "pt.constant"() {value = 32} : () -> i32
  %5 = "pt.shr"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%0, %5) : (ptr<i32, 1>, i32) -> ()
  %6 = "pt.shl"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%0, %6) : (ptr<i32, 1>, i32) -> ()
  %7 = "pt.shl"(%3, %4) : (i32, i32) -> i32
  "pt.store"(%0, %7) : (ptr<i32, 1>, i32) -> ()
  %8 = "pt.constant"() {value = 4294967288} : () -> u32
  %9 = "pt.constant"() {value = 1} : () -> u32
  %10 = "pt.shr"(%8, %9) : (u32, u32) -> u32
  "pt.store"(%1, %10) : (ptr<u32, 1>, u32) -> ()
  %11 = "pt.constant"() {value = 12} : () -> i32
  %12 = "pt.constant"() {value = 10} : () -> i32
  %13 = "pt.and"(%11, %12) : (i32, i32) -> i32
  "pt.store"(%0, %13) : (ptr<i32, 1>, i32) -> ()
  %14 = "pt.or"(%11, %12) : (i32, i32) -> i32
  "pt.store"(%0, %14) : (ptr<i32, 1>, i32) -> ()
  %15 = "pt.xor"(%11, %12) : (i32, i32) -> i32
  "pt.store"(%0, %15) : (ptr<i32, 1>, i32) -> ()
  %16 = "pt.not"(%11) : (i32) -> i32
  "pt.store"(%0, %16) : (ptr<i32, 1>, i32) -> ()
  %17 = "pt.not"(%9) : (u32) -> u32
  "pt.store"(%1, %17) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>):
  %2 = "pt.constant"() {value = 1} : () -> i32
  %3 = "pt.constant"() {value = 32} : () -> i32
  %4 = "pt.constant"() {value = -4} : () -> i32
  "pt.store"(%0, %4) : (ptr<i32, 1>, i32) -> ()
  %5 = "pt.constant"() {value = -16} : () -> i32
  "pt.store"(%0, %5) : (ptr<i32, 1>, i32) -> ()
  %6 = "pt.shl"(%2, %3) : (i32, i32) -> i32
  "pt.store"(%0, %6) : (ptr<i32, 1>, i32) -> ()
  %7 = "pt.constant"() {value = 2147483644} : () -> u32
  "pt.store"(%1, %7) : (ptr<u32, 1>, u32) -> ()
  %8 = "pt.constant"() {value = 8} : () -> i32
  "pt.store"(%0, %8) : (ptr<i32, 1>, i32) -> ()
  %9 = "pt.constant"() {value = 14} : () -> i32
  "pt.store"(%0, %9) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.constant"() {value = 6} : () -> i32
  "pt.store"(%0, %10) : (ptr<i32, 1>, i32) -> ()
  %11 = "pt.constant"() {value = -13} : () -> i32
  "pt.store"(%0, %11) : (ptr<i32, 1>, i32) -> ()
  %12 = "pt.constant"() {value = 4294967294} : () -> u32
  "pt.store"(%1, %12) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
