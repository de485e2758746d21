// RUN: licm
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32, %2: i32):
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  "scf.for"(%3, %1, %4) ({
  ^bb0(%5: i32):
    "scf.for"(%3, %1, %4) ({
    ^bb0(%6: i32):
      %7 = "pt.mul"(%2, %1) : (i32, i32) -> i32
      %8 = "pt.add"(%7, %5) : (i32, i32) -> i32
      %9 = "pt.add"(%8, %6) : (i32, i32) -> i32
      %10 = "pt.addptr"(%0, %9) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
      "pt.store"(%10, %9) : (ptr<i32, 1>, i32) -> ()
      "scf.yield"() : () -> ()
    }) : (i32, i32, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32, %2: i32):
  %3 = "pt.constant"() {value = 0} : () -> i32
  %4 = "pt.constant"() {value = 1} : () -> i32
  %5 = "pt.mul"(%2, %1) : (i32, i32) -> i32
  "scf.for"(%3, %1, %4) ({
  ^bb0(%6: i32):
    %7 = "pt.add"(%5, %6) : (i32, i32) -> i32
    "scf.for"(%3, %1, %4) ({
    ^bb0(%8: i32):
      %9 = "pt.add"(%7, %8) : (i32, i32) -> i32
      %10 = "pt.addptr"(%0, %9) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
      "pt.store"(%10, %9) : (ptr<i32, 1>, i32) -> ()
      "scf.yield"() : () -> ()
    }) : (i32, i32, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
