// RUN: inline
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
  "func.return"(%1) : (i32) -> ()
}) {function_type = !(i32) -> (i32), noinline = true, sym_name = "kept"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "scf.for"(%2, %0, %3, %1) ({
  ^bb0(%5: i32, %6: i32):
    %7 = "pt.add"(%6, %5) : (i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  "func.return"(%4) : (i32) -> ()
}) {function_type = !(i32, i32) -> (i32), sym_name = "looping"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: i1, %2: ptr<i32, 1>):
  %3 = "func.call"(%0) {callee = "kept"} : (i32) -> i32
  %4 = "scf.if"(%1) ({
  ^bb0:
    %5 = "func.call"(%0, %3) {callee = "looping"} : (i32, i32) -> i32
    "scf.yield"(%5) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%3) : (i32) -> ()
  }) : (i1) -> i32
  "pt.store"(%2, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i1, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
  "func.return"(%1) : (i32) -> ()
}) {function_type = !(i32) -> (i32), noinline = true, sym_name = "kept"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32
  %3 = "pt.constant"() {value = 1} : () -> i32
  %4 = "scf.for"(%2, %0, %3, %1) ({
  ^bb0(%5: i32, %6: i32):
    %7 = "pt.add"(%6, %5) : (i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }) : (i32, i32, i32, i32) -> i32
  "func.return"(%4) : (i32) -> ()
}) {function_type = !(i32, i32) -> (i32), sym_name = "looping"} : () -> ()
"func.func"() ({
^bb0(%0: i32, %1: i1, %2: ptr<i32, 1>):
  %3 = "func.call"(%0) {callee = "kept"} : (i32) -> i32
  %4 = "scf.if"(%1) ({
  ^bb0:
    %5 = "pt.constant"() {value = 0} : () -> i32
    %6 = "pt.constant"() {value = 1} : () -> i32
    %7 = "scf.for"(%5, %0, %6, %3) ({
    ^bb0(%8: i32, %9: i32):
      %10 = "pt.add"(%9, %8) : (i32, i32) -> i32
      "scf.yield"(%10) : (i32) -> ()
    }) : (i32, i32, i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%3) : (i32) -> ()
  }) : (i1) -> i32
  "pt.store"(%2, %4) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, i1, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
