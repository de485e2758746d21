// RUN: cse
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: i1, %3: ptr<i32, 1>):
  %4 = "pt.mul"(%0, %0) : (i32, i32) -> i32
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6 = "pt.constant"() {value = 1} : () -> i32
  %7 = "scf.for"(%5, %1, %6, %5) ({
  ^bb0(%8: i32, %9: i32):
    %10 = "pt.mul"(%0, %0) : (i32, i32) -> i32
    %11 = "pt.constant"() {value = 1} : () -> i32
    %12 = "pt.add"(%9, %10) : (i32, i32) -> i32
    %13 = "pt.add"(%12, %11) : (i32, i32) -> i32
    "scf.yield"(%13) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  %14 = "scf.if"(%2) ({
  ^bb0:
    %15 = "pt.add"(%0, %7) : (i32, i32) -> i32
    "scf.yield"(%15) : (i32) -> ()
  }, {
  ^bb0:
    %16 = "pt.add"(%0, %7) : (i32, i32) -> i32
    "scf.yield"(%16) : (i32) -> ()
  }) : (i1) -> i32
  %17 = "pt.add"(%0, %7) : (i32, i32) -> i32
  %18 = "pt.add"(%14, %17) : (i32, i32) -> i32
  "pt.store"(%3, %18) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%3, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, i1, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: i32, %2: i1, %3: ptr<i32, 1>):
  %4 = "pt.mul"(%0, %0) : (i32, i32) -> i32
  %5 = "pt.constant"() {value = 0} : () -> i32
  %6 = "pt.constant"() {value = 1} : () -> i32
  %7 = "scf.for"(%5, %1, %6, %5) ({
  ^bb0(%8: i32, %9: i32):
    %10 = "pt.add"(%9, %4) : (i32, i32) -> i32
    %11 = "pt.add"(%10, %6) : (i32, i32) -> i32
    "scf.yield"(%11) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  %12 = "scf.if"(%2) ({
  ^bb0:
    %13 = "pt.add"(%0, %7) : (i32, i32) -> i32
    "scf.yield"(%13) : (i32) -> ()
  }, {
  ^bb0:
    %14 = "pt.add"(%0, %7) : (i32, i32) -> i32
    "scf.yield"(%14) : (i32) -> ()
  }) : (i1) -> i32
  %15 = "pt.add"(%0, %7) : (i32, i32) -> i32
  %16 = "pt.add"(%12, %15) : (i32, i32) -> i32
  "pt.store"(%3, %16) : (ptr<i32, 1>, i32) -> ()
  "pt.store"(%3, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i32, i1, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
