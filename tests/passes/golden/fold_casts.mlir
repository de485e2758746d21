// RUN: fold
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i32, 1>, %2: ptr<i8, 1>, %3: ptr<i1, 1>, %4: ptr<u32, 1>, %5: ptr<f16, 1>):
  %6 = "pt.constant"() {value = 16777217} : () -> i32
  %7 = "pt.cast"(%6) : (i32) -> f32
  "pt.store"(%0, %7) : (ptr<f32, 1>, f32) -> ()
  %8 = "pt.constant"() {value = -2.7} : () -> f32
  %9 = "pt.cast"(%8) : (f32) -> i32
  "pt.store"(%1, %9) : (ptr<i32, 1>, i32) -> ()
  %10 = "pt.cast"(%8) : (f32) -> i1
  "pt.store"(%3, %10) : (ptr<i1, 1>, i1) -> ()
  %11 = "pt.constant"() {value = 300} : () -> i32
  %12 = "pt.cast"(%11) : (i32) -> i8
  "pt.store"(%2, %12) : (ptr<i8, 1>, i8) -> ()
  %13 = "pt.constant"() {value = -1} : () -> i8
  %14 = "pt.cast"(%13) : (i8) -> u32
  "pt.store"(%4, %14) : (ptr<u32, 1>, u32) -> ()
  %15 = "pt.constant"() {value = 3000000000.0} : () -> f32
  %16 = "pt.cast"(%15) : (f32) -> i32
  "pt.store"(%1, %16) : (ptr<i32, 1>, i32) -> ()
  %17 = "pt.cast"(%15) : (f32) -> u32
  "pt.store"(%4, %17) : (ptr<u32, 1>, u32) -> ()
  %18 = "pt.constant"() {value = 0.1} : () -> f32
  %19 = "pt.cast"(%18) : (f32) -> f16
  "pt.store"(%5, %19) : (ptr<f16, 1>, f16) -> ()
  %20 = "pt.cast"(%18) {rounding = "rtz"} : (f32) -> f16
  "pt.store"(%5, %20) : (ptr<f16, 1>, f16) -> ()
  %21 = "pt.cast"(%11) : (i32) -> i1
  "pt.store"(%3, %21) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<i32, 1>, ptr<i8, 1>, ptr<i1, 1>, ptr<u32, 1>, ptr<f16, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i32, 1>, %2: ptr<i8, 1>, %3: ptr<i1, 1>, %4: ptr<u32, 1>, %5: ptr<f16, 1>):
  %6 = "pt.constant"() {value = 16777216.0} : () -> f32
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> ()
  %7 = "pt.constant"() {value = -2} : () -> i32
  "pt.store"(%1, %7) : (ptr<i32, 1>, i32) -> ()
  %8 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%3, %8) : (ptr<i1, 1>, i1) -> ()
  %9 = "pt.constant"() {value = 44} : () -> i8
  "pt.store"(%2, %9) : (ptr<i8, 1>, i8) -> ()
  %10 = "pt.constant"() {value = 4294967295} : () -> u32
  "pt.store"(%4, %10) : (ptr<u32, 1>, u32) -> ()
  %11 = "pt.constant"() {value = 3000000000.0} : () -> f32
  %12 = "pt.cast"(%11) : (f32) -> i32
  "pt.store"(%1, %12) : (ptr<i32, 1>, i32) -> ()
  %13 = "pt.constant"() {value = 3000000000} : () -> u32
  "pt.store"(%4, %13) : (ptr<u32, 1>, u32) -> ()
  %14 = "pt.constant"() {value = 0.1} : () -> f32
  %15 = "pt.constant"() {value = 0.0999755859375} : () -> f16
  "pt.store"(%5, %15) : (ptr<f16, 1>, f16) -> ()
  %16 = "pt.cast"(%14) {rounding = "rtz"} : (f32) -> f16
  "pt.store"(%5, %16) : (ptr<f16, 1>, f16) -> ()
  %17 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%3, %17) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<i32, 1>, ptr<i8, 1>, ptr<i1, 1>, ptr<u32, 1>, ptr<f16, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
