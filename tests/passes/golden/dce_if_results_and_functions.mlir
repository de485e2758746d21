// RUN: dce
"func.func"() ({
^bb0(%0: i32):
  "func.return"(%0) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "unused"} : () -> ()
"func.func"() ({
^bb0(%0: i32):
  %1 = "func.call"(%0) {callee = "leaf"} : (i32) -> i32
  "func.return"(%1) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "only_called_by_unused"} : () -> ()
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
  "func.return"(%1) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "leaf"} : () -> ()
"func.func"() ({
^bb0(%0: i1, %1: i32, %2: ptr<i32, 1>):
  %3, %4 = "scf.if"(%0) ({
  ^bb0:
    %5 = "pt.add"(%1, %1) : (i32, i32) -> i32
    %6 = "pt.mul"(%1, %1) : (i32, i32) -> i32
    "scf.yield"(%5, %6) : (i32, i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%1, %1) : (i32, i32) -> ()
  }) : (i1) -> (i32, i32)
  "pt.store"(%2, %4) : (ptr<i32, 1>, i32) -> ()
  %7 = "scf.if"(%0) ({
  ^bb0:
    "pt.store"(%2, %1) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"(%1) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%1) : (i32) -> ()
  }) : (i1) -> i32
  %8 = "scf.if"(%0) ({
  ^bb0:
    "scf.yield"(%1) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%1) : (i32) -> ()
  }) : (i1) -> i32
  %9 = "func.call"(%1) {callee = "leaf"} : (i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i1, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.add"(%0, %0) : (i32, i32) -> i32
  "func.return"(%1) : (i32) -> ()
}) {function_type = !(i32) -> (i32), sym_name = "leaf"} : () -> ()
"func.func"() ({
^bb0(%0: i1, %1: i32, %2: ptr<i32, 1>):
  %3 = "scf.if"(%0) ({
  ^bb0:
    %4 = "pt.mul"(%1, %1) : (i32, i32) -> i32
    "scf.yield"(%4) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%1) : (i32) -> ()
  }) : (i1) -> i32
  "pt.store"(%2, %3) : (ptr<i32, 1>, i32) -> ()
  "scf.if"(%0) ({
  ^bb0:
    "pt.store"(%2, %1) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }, {
  ^bb0:
    "scf.yield"() : () -> ()
  }) : (i1) -> ()
  %5 = "func.call"(%1) {callee = "leaf"} : (i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i1, i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
