// RUN: canonicalize
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.constant"() {value = 1} : () -> i1
  %3 = "scf.if"(%2) ({
  ^bb0:
    %4 = "pt.mul"(%0, %0) : (i32, i32) -> i32 loc("k.py":4:8)
    "pt.store"(%1, %4) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"(%4) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%0) : (i32) -> ()
  }) : (i1) -> i32
  %5 = "pt.cmp"(%3, %3) {predicate = "ne"} : (i32, i32) -> i1
  %6 = "scf.if"(%5) ({
  ^bb0:
    "scf.yield"(%3) : (i32) -> ()
  }, {
  ^bb0:
    %7 = "pt.add"(%3, %0) : (i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }) : (i1) -> i32
  "pt.store"(%1, %6) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: ptr<i32, 1>):
  %2 = "pt.mul"(%0, %0) : (i32, i32) -> i32 loc("k.py":4:8)
  "pt.store"(%1, %2) : (ptr<i32, 1>, i32) -> ()
  %3 = "pt.add"(%2, %0) : (i32, i32) -> i32
  "pt.store"(%1, %3) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
