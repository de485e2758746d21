// RUN: fold
"func.func"() ({
^bb0(%0: block<4x8xptr<i32, 1>>, %1: block<4x8xi32>, %2: block<4x8xptr<f32, 1>>):
  %3 = "pt.constant"() {value = 3} : () -> i32
  %4 = "pt.splat"(%3) : (i32) -> block<8xi32>
  %5 = "pt.expand_dims"(%4) {axis = 0} : (block<8xi32>) -> block<1x8xi32>
  %6 = "pt.broadcast"(%5) : (block<1x8xi32>) -> block<4x8xi32>
  %7 = "pt.constant"() {value = 4} : () -> block<4x8xi32>
  %8 = "pt.mul"(%6, %7) : (block<4x8xi32>, block<4x8xi32>) -> block<4x8xi32>
  "pt.store"(%0, %8) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  %9 = "pt.add"(%1, %8) : (block<4x8xi32>, block<4x8xi32>) -> block<4x8xi32>
  "pt.store"(%0, %9) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  %10 = "pt.constant"() {value = 1} : () -> i1
  %11 = "pt.splat"(%10) : (i1) -> block<4x8xi1>
  %12 = "pt.select"(%11, %1, %8) : (block<4x8xi1>, block<4x8xi32>, block<4x8xi32>) -> block<4x8xi32>
  "pt.store"(%0, %12) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  %13 = "pt.cast"(%8) : (block<4x8xi32>) -> block<4x8xf32>
  "pt.store"(%2, %13) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %14 = "pt.permute"(%7) {order = [1, 0]} : (block<4x8xi32>) -> block<8x4xi32>
  %15 = "pt.reshape"(%14) : (block<8x4xi32>) -> block<4x8xi32>
  "pt.store"(%0, %15) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4x8xptr<i32, 1>>, block<4x8xi32>, block<4x8xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<4x8xptr<i32, 1>>, %1: block<4x8xi32>, %2: block<4x8xptr<f32, 1>>):
  %3 = "pt.constant"() {value = 12} : () -> block<4x8xi32>
  "pt.store"(%0, %3) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  %4 = "pt.add"(%1, %3) : (block<4x8xi32>, block<4x8xi32>) -> block<4x8xi32>
  "pt.store"(%0, %4) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  "pt.store"(%0, %1) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  %5 = "pt.constant"() {value = 12.0} : () -> block<4x8xf32>
  "pt.store"(%2, %5) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %6 = "pt.constant"() {value = 4} : () -> block<4x8xi32>
  "pt.store"(%0, %6) : (block<4x8xptr<i32, 1>>, block<4x8xi32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<4x8xptr<i32, 1>>, block<4x8xi32>, block<4x8xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
