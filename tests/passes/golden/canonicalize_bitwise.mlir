// RUN: canonicalize
"func.func"() ({
^bb0(%0: u32, %1: u32, %2: ptr<u32, 1>):
  %3 = "pt.constant"() {value = 0} : () -> u32
  %4 = "pt.and"(%0, %0) : (u32, u32) -> u32
  %5 = "pt.or"(%4, %4) : (u32, u32) -> u32
  %6 = "pt.or"(%3, %5) : (u32, u32) -> u32
  %7 = "pt.xor"(%6, %3) : (u32, u32) -> u32
  %8 = "pt.shl"(%7, %3) : (u32, u32) -> u32
  %9 = "pt.shr"(%8, %3) : (u32, u32) -> u32
  "pt.store"(%2, %9) : (ptr<u32, 1>, u32) -> ()
  %10 = "pt.xor"(%1, %1) : (u32, u32) -> u32
  %11 = "pt.and"(%1, %3) : (u32, u32) -> u32
  %12 = "pt.or"(%10, %11) : (u32, u32) -> u32
  "pt.store"(%2, %12) : (ptr<u32, 1>, u32) -> ()
  %13 = "pt.shl"(%1, %0) : (u32, u32) -> u32
  "pt.store"(%2, %13) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(u32, u32, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: u32, %1: u32, %2: ptr<u32, 1>):
  "pt.store"(%2, %0) : (ptr<u32, 1>, u32) -> ()
  %3 = "pt.constant"() {value = 0} : () -> u32
  "pt.store"(%2, %3) : (ptr<u32, 1>, u32) -> ()
  %4 = "pt.shl"(%1, %0) : (u32, u32) -> u32
  "pt.store"(%2, %4) : (ptr<u32, 1>, u32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(u32, u32, ptr<u32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
