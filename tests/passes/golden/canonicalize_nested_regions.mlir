// RUN: canonicalize
"func.func"() ({
^bb0(%0: i32, %1: i1, %2: i32, %3: ptr<i32, 1>):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "scf.for"(%4, %0, %5, %2) ({
  ^bb0(%7: i32, %8: i32):
    %9 = "pt.mul"(%8, %5) : (i32, i32) -> i32
    %10 = "scf.if"(%1) ({
    ^bb0:
      %11 = "pt.add"(%9, %4) : (i32, i32) -> i32
      %12 = "pt.add"(%11, %7) : (i32, i32) -> i32
      "scf.yield"(%12) : (i32) -> ()
    }, {
    ^bb0:
      %13 = "pt.sub"(%9, %9) : (i32, i32) -> i32
      "scf.yield"(%13) : (i32) -> ()
    }) : (i1) -> i32
    "scf.yield"(%10) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  "pt.store"(%3, %6) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i1, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: i1, %2: i32, %3: ptr<i32, 1>):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "scf.for"(%4, %0, %5, %2) ({
  ^bb0(%7: i32, %8: i32):
    %9 = "scf.if"(%1) ({
    ^bb0:
      %10 = "pt.add"(%8, %7) : (i32, i32) -> i32
      "scf.yield"(%10) : (i32) -> ()
    }, {
    ^bb0:
      %11 = "pt.constant"() {value = 0} : () -> i32
      "scf.yield"(%11) : (i32) -> ()
    }) : (i1) -> i32
    "scf.yield"(%9) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  "pt.store"(%3, %6) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i1, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
