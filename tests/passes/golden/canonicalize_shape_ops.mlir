// RUN: canonicalize
"func.func"() ({
^bb0(%0: f32, %1: block<1x8xf32>, %2: block<4x8xf32>, %3: block<4x8xptr<f32, 1>>, %4: block<32xptr<f32, 1>>):
  %5 = "pt.splat"(%0) : (f32) -> block<1x8xf32>
  %6 = "pt.broadcast"(%5) : (block<1x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %6) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %7 = "pt.broadcast"(%1) : (block<1x8xf32>) -> block<1x8xf32>
  %8 = "pt.broadcast"(%7) : (block<1x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %8) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %9 = "pt.reshape"(%2) : (block<4x8xf32>) -> block<4x8xf32>
  %10 = "pt.reshape"(%9) : (block<4x8xf32>) -> block<8x4xf32>
  %11 = "pt.reshape"(%10) : (block<8x4xf32>) -> block<32xf32>
  "pt.store"(%4, %11) : (block<32xptr<f32, 1>>, block<32xf32>) -> ()
  %12 = "pt.splat"(%0) : (f32) -> block<8xf32>
  %13 = "pt.expand_dims"(%12) {axis = 0} : (block<8xf32>) -> block<1x8xf32>
  %14 = "pt.broadcast"(%13) : (block<1x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %14) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %15 = "pt.permute"(%2) {order = [0, 1]} : (block<4x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %15) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %16 = "pt.cast"(%2) : (block<4x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %16) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, block<1x8xf32>, block<4x8xf32>, block<4x8xptr<f32, 1>>, block<32xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: f32, %1: block<1x8xf32>, %2: block<4x8xf32>, %3: block<4x8xptr<f32, 1>>, %4: block<32xptr<f32, 1>>):
  %5 = "pt.splat"(%0) : (f32) -> block<4x8xf32>
  "pt.store"(%3, %5) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %6 = "pt.broadcast"(%1) : (block<1x8xf32>) -> block<4x8xf32>
  "pt.store"(%3, %6) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  %7 = "pt.reshape"(%2) : (block<4x8xf32>) -> block<32xf32>
  "pt.store"(%4, %7) : (block<32xptr<f32, 1>>, block<32xf32>) -> ()
  %8 = "pt.splat"(%0) : (f32) -> block<4x8xf32>
  "pt.store"(%3, %8) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  "pt.store"(%3, %2) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  "pt.store"(%3, %2) : (block<4x8xptr<f32, 1>>, block<4x8xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(f32, block<1x8xf32>, block<4x8xf32>, block<4x8xptr<f32, 1>>, block<32xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
