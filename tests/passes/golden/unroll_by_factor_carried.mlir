// RUN: unroll
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i64, %2: i64):
  %3 = "pt.constant"() {value = 3} : () -> i64
  %4 = "pt.constant"() {value = 0.0} : () -> f32
  %5 = "scf.for"(%1, %2, %3, %4) ({
  ^bb0(%6: i64, %7: f32):
    %8 = "pt.addptr"(%0, %6) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %9 = "pt.load"(%8) : (ptr<f32, 1>) -> f32
    %10 = "pt.add"(%7, %9) : (f32, f32) -> f32
    "scf.yield"(%10) : (f32) -> ()
  }) {num_stages = 2, unroll = 2} : (i64, i64, i64, f32) -> f32
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i64, i64) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i64, %2: i64):
  %3 = "pt.constant"() {value = 3} : () -> i64
  %4 = "pt.constant"() {value = 0.0} : () -> f32
  %5 = "pt.sub"(%2, %1) : (i64, i64) -> i64
  %6 = "pt.constant"() {value = 2} : () -> i64
  %7 = "pt.add"(%5, %6) : (i64, i64) -> i64
  %8 = "pt.constant"() {value = 3} : () -> i64
  %9 = "pt.div"(%7, %8) : (i64, i64) -> i64
  %10 = "pt.constant"() {value = 0} : () -> i64
  %11 = "pt.max"(%9, %10) : (i64, i64) -> i64
  %12 = "pt.constant"() {value = 2} : () -> i64
  %13 = "pt.div"(%11, %12) : (i64, i64) -> i64
  %14 = "pt.constant"() {value = 6} : () -> i64
  %15 = "pt.mul"(%13, %14) : (i64, i64) -> i64
  %16 = "pt.add"(%1, %15) : (i64, i64) -> i64
  %17 = "pt.constant"() {value = 3} : () -> i64
  %18 = "pt.constant"() {value = 6} : () -> i64
  %19 = "scf.for"(%1, %16, %18, %4) ({
  ^bb0(%20: i64, %21: f32):
    %22 = "pt.addptr"(%0, %20) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %23 = "pt.load"(%22) : (ptr<f32, 1>) -> f32
    %24 = "pt.add"(%21, %23) : (f32, f32) -> f32
    %25 = "pt.add"(%20, %17) : (i64, i64) -> i64
    %26 = "pt.addptr"(%0, %25) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %27 = "pt.load"(%26) : (ptr<f32, 1>) -> f32
    %28 = "pt.add"(%24, %27) : (f32, f32) -> f32
    "scf.yield"(%28) : (f32) -> ()
  }) {num_stages = 2} : (i64, i64, i64, f32) -> f32
  %29 = "scf.for"(%16, %2, %3, %19) ({
  ^bb0(%30: i64, %31: f32):
    %32 = "pt.addptr"(%0, %30) : (ptr<f32, 1>, i64) -> ptr<f32, 1>
    %33 = "pt.load"(%32) : (ptr<f32, 1>) -> f32
    %34 = "pt.add"(%31, %33) : (f32, f32) -> f32
    "scf.yield"(%34) : (f32) -> ()
  }) {num_stages = 2} : (i64, i64, i64, f32) -> f32
  "pt.store"(%0, %29) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i64, i64) -> (), kernel = true, sym_name = "k"} : () -> ()
