// RUN: unroll
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "pt.constant"() {value = 2} : () -> i32
  %5 = "pt.constant"() {value = 4} : () -> i32
  "scf.for"(%2, %5, %4) ({
  ^bb0(%6: i32):
    %7 = "pt.add"(%6, %3) : (i32, i32) -> i32
    "scf.for"(%2, %7, %3) ({
    ^bb0(%8: i32):
      %9 = "pt.addptr"(%0, %8) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
      "pt.store"(%9, %6) : (ptr<i32, 1>, i32) -> ()
      "scf.yield"() : () -> ()
    }) {static = true} : (i32, i32, i32) -> ()
    "scf.yield"() : () -> ()
  }) {unroll = 2} : (i32, i32, i32) -> ()
  "scf.for"(%2, %5, %3) ({
  ^bb0(%10: i32):
    "pt.store"(%0, %10) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) {unroll = 2} : (i32, i32, i32) -> ()
  "scf.for"(%2, %1, %3) ({
  ^bb0(%11: i32):
    "pt.store"(%0, %11) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) {unroll = 4} : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "pt.constant"() {value = 2} : () -> i32
  %5 = "pt.constant"() {value = 4} : () -> i32
  %6 = "pt.constant"() {value = 0} : () -> i32
  %7 = "pt.add"(%6, %3) : (i32, i32) -> i32
  %8 = "pt.constant"() {value = 0} : () -> i32
  %9 = "pt.addptr"(%0, %8) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
  "pt.store"(%9, %6) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.constant"() {value = 2} : () -> i32
  %11 = "pt.add"(%10, %3) : (i32, i32) -> i32
  %12 = "pt.constant"() {value = 0} : () -> i32
  %13 = "pt.addptr"(%0, %12) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
  "pt.store"(%13, %10) : (ptr<i32, 1>, i32) -> ()
  %14 = "pt.constant"() {value = 1} : () -> i32
  %15 = "pt.addptr"(%0, %14) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
  "pt.store"(%15, %10) : (ptr<i32, 1>, i32) -> ()
  %16 = "pt.constant"() {value = 2} : () -> i32
  %17 = "pt.addptr"(%0, %16) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
  "pt.store"(%17, %10) : (ptr<i32, 1>, i32) -> ()
  "scf.for"(%2, %5, %3) ({
  ^bb0(%18: i32):
    "pt.store"(%0, %18) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) {unroll = 2} : (i32, i32, i32) -> ()
  "scf.for"(%2, %1, %3) ({
  ^bb0(%19: i32):
    "pt.store"(%0, %19) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) {unroll = 4} : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
