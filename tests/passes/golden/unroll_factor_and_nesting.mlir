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
    "scf.for"(%6, %7, %3) ({
    ^bb0(%8: i32):
      %9 = "pt.addptr"(%0, %8) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
      "pt.store"(%9, %6) : (ptr<i32, 1>, i32) -> ()
      "scf.yield"() : () -> ()
    }) {unroll = 1} : (i32, i32, i32) -> ()
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
  %12 = "pt.constant"() {value = 2} : () -> i32
  %13 = "pt.addptr"(%0, %12) : (ptr<i32, 1>, i32) -> ptr<i32, 1>
  "pt.store"(%13, %10) : (ptr<i32, 1>, i32) -> ()
  %14 = "pt.sub"(%5, %2) : (i32, i32) -> i32
  %15 = "pt.constant"() {value = 0} : () -> i32
  %16 = "pt.add"(%14, %15) : (i32, i32) -> i32
  %17 = "pt.constant"() {value = 1} : () -> i32
  %18 = "pt.div"(%16, %17) : (i32, i32) -> i32
  %19 = "pt.constant"() {value = 0} : () -> i32
  %20 = "pt.max"(%18, %19) : (i32, i32) -> i32
  %21 = "pt.constant"() {value = 2} : () -> i32
  %22 = "pt.div"(%20, %21) : (i32, i32) -> i32
  %23 = "pt.constant"() {value = 2} : () -> i32
  %24 = "pt.mul"(%22, %23) : (i32, i32) -> i32
  %25 = "pt.add"(%2, %24) : (i32, i32) -> i32
  %26 = "pt.constant"() {value = 1} : () -> i32
  %27 = "pt.constant"() {value = 2} : () -> i32
  "scf.for"(%2, %25, %27) ({
  ^bb0(%28: i32):
    "pt.store"(%0, %28) : (ptr<i32, 1>, i32) -> ()
    %29 = "pt.add"(%28, %26) : (i32, i32) -> i32
    "pt.store"(%0, %29) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "scf.for"(%25, %5, %3) ({
  ^bb0(%30: i32):
    "pt.store"(%0, %30) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  %31 = "pt.sub"(%1, %2) : (i32, i32) -> i32
  %32 = "pt.constant"() {value = 0} : () -> i32
  %33 = "pt.add"(%31, %32) : (i32, i32) -> i32
  %34 = "pt.constant"() {value = 1} : () -> i32
  %35 = "pt.div"(%33, %34) : (i32, i32) -> i32
  %36 = "pt.constant"() {value = 0} : () -> i32
  %37 = "pt.max"(%35, %36) : (i32, i32) -> i32
  %38 = "pt.constant"() {value = 4} : () -> i32
  %39 = "pt.div"(%37, %38) : (i32, i32) -> i32
  %40 = "pt.constant"() {value = 4} : () -> i32
  %41 = "pt.mul"(%39, %40) : (i32, i32) -> i32
  %42 = "pt.add"(%2, %41) : (i32, i32) -> i32
  %43 = "pt.constant"() {value = 1} : () -> i32
  %44 = "pt.constant"() {value = 2} : () -> i32
  %45 = "pt.constant"() {value = 3} : () -> i32
  %46 = "pt.constant"() {value = 4} : () -> i32
  "scf.for"(%2, %42, %46) ({
  ^bb0(%47: i32):
    "pt.store"(%0, %47) : (ptr<i32, 1>, i32) -> ()
    %48 = "pt.add"(%47, %43) : (i32, i32) -> i32
    "pt.store"(%0, %48) : (ptr<i32, 1>, i32) -> ()
    %49 = "pt.add"(%47, %44) : (i32, i32) -> i32
    "pt.store"(%0, %49) : (ptr<i32, 1>, i32) -> ()
    %50 = "pt.add"(%47, %45) : (i32, i32) -> i32
    "pt.store"(%0, %50) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "scf.for"(%42, %1, %3) ({
  ^bb0(%51: i32):
    "pt.store"(%0, %51) : (ptr<i32, 1>, i32) -> ()
    "scf.yield"() : () -> ()
  }) : (i32, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
