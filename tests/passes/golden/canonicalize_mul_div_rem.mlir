// RUN: canonicalize
"func.func"() ({
^bb0(%0: block<4xi32>, %1: f32, %2: block<4xptr<i32, 1>>, %3: ptr<f32, 1>):
  %4 = "pt.constant"() {value = 1} : () -> block<4xi32>
  %5 = "pt.constant"() {value = 0} : () -> block<4xi32>
  %6 = "pt.mul"(%0, %4) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %7 = "pt.mul"(%4, %6) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %8 = "pt.div"(%7, %4) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %9 = "pt.rem"(%8, %4) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %10 = "pt.mul"(%8, %5) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %11 = "pt.add"(%8, %9) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  %12 = "pt.add"(%11, %10) : (block<4xi32>, block<4xi32>) -> block<4xi32>
  "pt.store"(%2, %12) : (block<4xptr<i32, 1>>, block<4xi32>) -> ()
  %13 = "pt.constant"() {value = 1.0} : () -> f32
  %14 = "pt.constant"() {value = 0.0} : () -> f32
  %15 = "pt.mul"(%1, %13) : (f32, f32) -> f32
  %16 = "pt.div"(%15, %13) : (f32, f32) -> f32
  %17 = "pt.mul"(%16, %14) : (f32, f32) -> f32
  "pt.store"(%3, %17) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4xi32>, f32, block<4xptr<i32, 1>>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<4xi32>, %1: f32, %2: block<4xptr<i32, 1>>, %3: ptr<f32, 1>):
  "pt.store"(%2, %0) : (block<4xptr<i32, 1>>, block<4xi32>) -> ()
  %4 = "pt.constant"() {value = 0.0} : () -> f32
  %5 = "pt.mul"(%1, %4) : (f32, f32) -> f32
  "pt.store"(%3, %5) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4xi32>, f32, block<4xptr<i32, 1>>, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
