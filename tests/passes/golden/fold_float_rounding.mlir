// RUN: fold
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f16, 1>, %2: ptr<f64, 1>, %3: ptr<bf16, 1>):
  %4 = "pt.constant"() {value = 0.1} : () -> f32
  %5 = "pt.constant"() {value = 0.2} : () -> f32
  %6 = "pt.add"(%4, %5) : (f32, f32) -> f32
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> ()
  %7 = "pt.constant"() {value = 1.0} : () -> f32
  %8 = "pt.constant"() {value = 3.0} : () -> f32
  %9 = "pt.div"(%7, %8) : (f32, f32) -> f32
  "pt.store"(%0, %9) : (ptr<f32, 1>, f32) -> ()
  %10 = "pt.constant"() {value = 0.0} : () -> f32
  %11 = "pt.div"(%7, %10) : (f32, f32) -> f32
  "pt.store"(%0, %11) : (ptr<f32, 1>, f32) -> ()
  %12 = "pt.constant"() {value = 3e+38} : () -> f32
  %13 = "pt.mul"(%12, %8) : (f32, f32) -> f32
  "pt.store"(%0, %13) : (ptr<f32, 1>, f32) -> ()
  %14 = "pt.constant"() {value = -5.5} : () -> f32
  %15 = "pt.rem"(%14, %8) : (f32, f32) -> f32
  "pt.store"(%0, %15) : (ptr<f32, 1>, f32) -> ()
  %16 = "pt.constant"() {value = 2048.0} : () -> f16
  %17 = "pt.constant"() {value = 1.0} : () -> f16
  %18 = "pt.add"(%16, %17) : (f16, f16) -> f16
  "pt.store"(%1, %18) : (ptr<f16, 1>, f16) -> ()
  %19 = "pt.constant"() {value = 0.1} : () -> f64
  %20 = "pt.constant"() {value = 0.2} : () -> f64
  %21 = "pt.add"(%19, %20) : (f64, f64) -> f64
  "pt.store"(%2, %21) : (ptr<f64, 1>, f64) -> ()
  %22 = "pt.constant"() {value = 1.0} : () -> bf16
  %23 = "pt.add"(%22, %22) : (bf16, bf16) -> bf16
  "pt.store"(%3, %23) : (ptr<bf16, 1>, bf16) -> ()
  %24 = "pt.max"(%14, %8) : (f32, f32) -> f32
  "pt.store"(%0, %24) : (ptr<f32, 1>, f32) -> ()
  %25 = "pt.neg"(%14) : (f32) -> f32
  "pt.store"(%0, %25) : (ptr<f32, 1>, f32) -> ()
  %26 = "pt.abs"(%14) : (f32) -> f32
  "pt.store"(%0, %26) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f16, 1>, ptr<f64, 1>, ptr<bf16, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f16, 1>, %2: ptr<f64, 1>, %3: ptr<bf16, 1>):
  %4 = "pt.constant"() {value = 0.30000001192092896} : () -> f32
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> ()
  %5 = "pt.constant"() {value = 1.0} : () -> f32
  %6 = "pt.constant"() {value = 3.0} : () -> f32
  %7 = "pt.constant"() {value = 0.3333333432674408} : () -> f32
  "pt.store"(%0, %7) : (ptr<f32, 1>, f32) -> ()
  %8 = "pt.constant"() {value = 0.0} : () -> f32
  %9 = "pt.div"(%5, %8) : (f32, f32) -> f32
  "pt.store"(%0, %9) : (ptr<f32, 1>, f32) -> ()
  %10 = "pt.constant"() {value = 3e+38} : () -> f32
  %11 = "pt.mul"(%10, %6) : (f32, f32) -> f32
  "pt.store"(%0, %11) : (ptr<f32, 1>, f32) -> ()
  %12 = "pt.constant"() {value = -2.5} : () -> f32
  "pt.store"(%0, %12) : (ptr<f32, 1>, f32) -> ()
  %13 = "pt.constant"() {value = 2048.0} : () -> f16
  "pt.store"(%1, %13) : (ptr<f16, 1>, f16) -> ()
  %14 = "pt.constant"() {value = 0.30000000000000004} : () -> f64
  "pt.store"(%2, %14) : (ptr<f64, 1>, f64) -> ()
  %15 = "pt.constant"() {value = 1.0} : () -> bf16
  %16 = "pt.add"(%15, %15) : (bf16, bf16) -> bf16
  "pt.store"(%3, %16) : (ptr<bf16, 1>, bf16) -> ()
  %17 = "pt.constant"() {value = 3.0} : () -> f32
  "pt.store"(%0, %17) : (ptr<f32, 1>, f32) -> ()
  %18 = "pt.constant"() {value = 5.5} : () -> f32
  "pt.store"(%0, %18) : (ptr<f32, 1>, f32) -> ()
  %19 = "pt.constant"() {value = 5.5} : () -> f32
  "pt.store"(%0, %19) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f16, 1>, ptr<f64, 1>, ptr<bf16, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
