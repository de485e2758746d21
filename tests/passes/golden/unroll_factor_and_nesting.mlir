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
  %18 = "pt.sub"(%5, %2) : (i32, i32) -> i32
  %19 = "pt.constant"() {value = 0} : () -> i32
  %20 = "pt.add"(%18, %19) : (i32, i32) -> i32
  %21 = "pt.constant"() {value = 1} : () -> i32
  %22 = "pt.div"(%20, %21) : (i32, i32) -> i32
  %23 = "pt.constant"() {value = 0} : () -> i32
  %24 = "pt.max"(%22, %23) : (i32, i32) -> i32
  %25 = "pt.constant"() {value = 2} : () -> i32
  %26 = "pt.div"(%24, %25) : (i32, i32) -> i32
  %27 = "pt.constant"() {value = 2} : () -> i32
  %28 = "pt.mul"(%26, %27) : (i32, i32) -> i32
  %29 = "pt.add"(%2, %28) : (i32, i32) -> i32
  %30 = "pt.constant"() {value = 1} : () -> i32
  %31 = "pt.constant"() {value = 2} : () -> i32
  "scf.for"(%2, %29, %31) ({
  ^bb0(%32: i32):
    "pt.store"(%0, %32) : (ptr<i32, 1>, i32) -> ()
    %33 = "pt.add"(%32, %30) : (i32, i32) -> i32
    "pt.store"(%0, %33) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "scf.for"(%29, %5, %3) ({
  ^bb0(%34: i32):
    "pt.store"(%0, %34) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  %35 = "pt.sub"(%1, %2) : (i32, i32) -> i32
  %36 = "pt.constant"() {value = 0} : () -> i32
  %37 = "pt.add"(%35, %36) : (i32, i32) -> i32
  %38 = "pt.constant"() {value = 1} : () -> i32
  %39 = "pt.div"(%37, %38) : (i32, i32) -> i32
  %40 = "pt.constant"() {value = 0} : () -> i32
  %41 = "pt.max"(%39, %40) : (i32, i32) -> i32
  %42 = "pt.constant"() {value = 4} : () -> i32
  %43 = "pt.div"(%41, %42) : (i32, i32) -> i32
  %44 = "pt.constant"() {value = 4} : () -> i32
  %45 = "pt.mul"(%43, %44) : (i32, i32) -> i32
  %46 = "pt.add"(%2, %45) : (i32, i32) -> i32
  %47 = "pt.constant"() {value = 1} : () -> i32
  %48 = "pt.constant"() {value = 2} : () -> i32
  %49 = "pt.constant"() {value = 3} : () -> i32
  %50 = "pt.constant"() {value = 4} : () -> i32
  "scf.for"(%2, %46, %50) ({
  ^bb0(%51: i32):
    "pt.store"(%0, %51) : (ptr<i32, 1>, i32) -> ()
    %52 = "pt.add"(%51, %47) : (i32, i32) -> i32
    "pt.store"(%0, %52) : (ptr<i32, 1>, i32) -> ()
    %53 = "pt.add"(%51, %48) : (i32, i32) -> i32
    "pt.store"(%0, %53) : (ptr<i32, 1>, i32) -> ()
    %54 = "pt.add"(%51, %49) : (i32, i32) -> i32
    "pt.store"(%0, %54) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "scf.for"(%46, %1, %3) ({
  ^bb0(%55: i32):
    "pt.store"(%0, %55) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
