// RUN: dce
"func.func"() ({
^bb0(%0: i32, %1: i32):
  %2 = "scf.while"(%0) ({
  ^bb0(%3: i32):
    %4 = "pt.cmp"(%3, %1) {predicate = "lt"} : (i32, i32) -> i1
    %5 = "pt.add"(%3, %3) : (i32, i32) -> i32
    "scf.condition"(%4, %3) : (i1, i32) -> ()
  }, {
  ^bb0(%6: i32):
    %7 = "pt.add"(%6, %6) : (i32, i32) -> i32
    "scf.yield"(%7) : (i32) -> ()
  }) : (i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: i32):
  %2 = "scf.while"(%0) ({
  ^bb0(%3: i32):
    %4 = "pt.cmp"(%3, %1) {predicate = "lt"} : (i32, i32) -> i1
    "scf.condition"(%4, %3) : (i1, i32) -> ()
  }, {
  ^bb0(%5: i32):
    %6 = "pt.add"(%5, %5) : (i32, i32) -> i32
    "scf.yield"(%6) : (i32) -> ()
  }) : (i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
