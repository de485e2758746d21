// RUN: fold
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = -3} : () -> i32
  %4 = "pt.constant"() {value = 2} : () -> i32
  %5 = "pt.max"(%3, %4) : (i32, i32) -> i32
  "pt.store"(%0, %5) : (ptr<i32, 1>, i32) -> ()
  %6 = "pt.min"(%3, %4) : (i32, i32) -> i32
  "pt.store"(%0, %6) : (ptr<i32, 1>, i32) -> ()
  %7 = "pt.constant"() {value = 4294967293} : () -> u32
  %8 = "pt.constant"() {value = 2} : () -> u32
  %9 = "pt.max"(%7, %8) : (u32, u32) -> u32
  "pt.store"(%1, %9) : (ptr<u32, 1>, u32) -> ()
  %10 = "pt.constant"() {value = nan} : () -> f32
  %11 = "pt.constant"() {value = 1.5} : () -> f32
  %12 = "pt.max"(%10, %11) : (f32, f32) -> f32
  "pt.store"(%2, %12) : (ptr<f32, 1>, f32) -> ()
  %13 = "pt.min"(%11, %10) : (f32, f32) -> f32
  "pt.store"(%2, %13) : (ptr<f32, 1>, f32) -> ()
  %14 = "pt.max"(%10, %11) {propagate_nan = true} : (f32, f32) -> f32
  "pt.store"(%2, %14) : (ptr<f32, 1>, f32) -> ()
  %15 = "pt.abs"(%3) : (i32) -> i32
  "pt.store"(%0, %15) : (ptr<i32, 1>, i32) -> ()
  %16 = "pt.neg"(%3) : (i32) -> i32
  "pt.store"(%0, %16) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<u32, 1>, %2: ptr<f32, 1>):
  %3 = "pt.constant"() {value = 2} : () -> i32
  "pt.store"(%0, %3) : (ptr<i32, 1>, i32) -> ()
  %4 = "pt.constant"() {value = -3} : () -> i32
  "pt.store"(%0, %4) : (ptr<i32, 1>, i32) -> ()
  %5 = "pt.constant"() {value = 4294967293} : () -> u32
  "pt.store"(%1, %5) : (ptr<u32, 1>, u32) -> ()
  %6 = "pt.constant"() {value = nan} : () -> f32
  %7 = "pt.constant"() {value = 1.5} : () -> f32
  %8 = "pt.constant"() {value = 1.5} : () -> f32
  "pt.store"(%2, %8) : (ptr<f32, 1>, f32) -> ()
  %9 = "pt.constant"() {value = 1.5} : () -> f32
  "pt.store"(%2, %9) : (ptr<f32, 1>, f32) -> ()
  %10 = "pt.max"(%6, %7) {propagate_nan = true} : (f32, f32) -> f32
  "pt.store"(%2, %10) : (ptr<f32, 1>, f32) -> ()
  %11 = "pt.constant"() {value = 3} : () -> i32
  "pt.store"(%0, %11) : (ptr<i32, 1>, i32) -> ()
  %12 = "pt.constant"() {value = 3} : () -> i32
  "pt.store"(%0, %12) : (ptr<i32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>, ptr<u32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
