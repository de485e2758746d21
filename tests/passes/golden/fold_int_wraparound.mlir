// RUN: fold
"func.func"() ({
^bb0(%0: ptr<i8, 1>, %1: ptr<u8, 1>, %2: ptr<i64, 1>, %3: ptr<i1, 1>):
  %4 = "pt.constant"() {value = 100} : () -> i8
  %5 = "pt.constant"() {value = 100} : () -> i8
  %6 = "pt.add"(%4, %5) : (i8, i8) -> i8 loc("k.py":5:12)
  "pt.store"(%0, %6) : (ptr<i8, 1>, i8) -> ()
  %7 = "pt.mul"(%4, %5) : (i8, i8) -> i8
  "pt.store"(%0, %7) : (ptr<i8, 1>, i8) -> ()
  %8 = "pt.constant"() {value = 200} : () -> u8
  %9 = "pt.constant"() {value = 100} : () -> u8
  %10 = "pt.add"(%8, %9) : (u8, u8) -> u8
  "pt.store"(%1, %10) : (ptr<u8, 1>, u8) -> ()
  %11 = "pt.sub"(%9, %8) : (u8, u8) -> u8
  "pt.store"(%1, %11) : (ptr<u8, 1>, u8) -> ()
  %12 = "pt.constant"() {value = 9223372036854775807} : () -> i64
  %13 = "pt.constant"() {value = 1} : () -> i64
  %14 = "pt.add"(%12, %13) : (i64, i64) -> i64
  "pt.store"(%2, %14) : (ptr<i64, 1>, i64) -> ()
  %15 = "pt.constant"() {value = 1} : () -> i1
  %16 = "pt.add"(%15, %15) : (i1, i1) -> i1
  "pt.store"(%3, %16) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i8, 1>, ptr<u8, 1>, ptr<i64, 1>, ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i8, 1>, %1: ptr<u8, 1>, %2: ptr<i64, 1>, %3: ptr<i1, 1>):
  %4 = "pt.constant"() {value = -56} : () -> i8 loc("k.py":5:12)
  "pt.store"(%0, %4) : (ptr<i8, 1>, i8) -> ()
  %5 = "pt.constant"() {value = 16} : () -> i8
  "pt.store"(%0, %5) : (ptr<i8, 1>, i8) -> ()
  %6 = "pt.constant"() {value = 44} : () -> u8
  "pt.store"(%1, %6) : (ptr<u8, 1>, u8) -> ()
  %7 = "pt.constant"() {value = 156} : () -> u8
  "pt.store"(%1, %7) : (ptr<u8, 1>, u8) -> ()
  %8 = "pt.constant"() {value = -9223372036854775808} : () -> i64
  "pt.store"(%2, %8) : (ptr<i64, 1>, i64) -> ()
  %9 = "pt.constant"() {value = 0} : () -> i1
  "pt.store"(%3, %9) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i8, 1>, ptr<u8, 1>, ptr<i64, 1>, ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
