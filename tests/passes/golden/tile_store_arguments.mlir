// RUN: simt-tile-store-arguments
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: i32, %6: i32, %7: i64, %8: i32):
  %9 = "pt.constant"() {value = 1} : () -> i64
  %10 = "pt.make_tensor_desc"(%0, %1, %2, %3, %9) {argument = "c_desc"} : (ptr<f32, 1>, i32, i32, i64, i64) -> tensordesc<block<64x64xf32>>
  %11 = "pt.make_tensor_desc"(%4, %5, %6, %7, %9) {argument = "d_desc"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<64x64xf16>>
  %12 = "pt.constant"() {value = 0.0} : () -> block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>
  "pt.desc_store"(%10, %12, %8, %8) : (tensordesc<block<64x64xf32>>, block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  %13 = "pt.cast"(%12) : (block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>) -> block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>
  "pt.desc_store"(%11, %13, %8, %1) : (tensordesc<block<64x64xf16>>, block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  "pt.desc_store"(%11, %13, %1, %8) : (tensordesc<block<64x64xf16>>, block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}, {divisibility = 16}, {}], arg_names = ["c_desc", "c_desc.shape.0", "c_desc.shape.1", "c_desc.strides.0", "d_desc", "d_desc.shape.0", "d_desc.shape.1", "d_desc.strides.0", "M"], function_type = !(ptr<f32, 1>, i32, i32, i64, ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32, %3: i64, %4: ptr<f16, 1>, %5: i32, %6: i32, %7: i64, %8: i32, %9: tensordesc<block<64x8xf32>>, %10: tensordesc<block<64x64xf16>>):
  %11 = "pt.constant"() {value = 1} : () -> i64
  %12 = "pt.constant"() {value = 0.0} : () -> block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>
  "pt.async_tile_store"(%9, %12, %8, %8) : (tensordesc<block<64x8xf32>>, block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  %13 = "pt.cast"(%12) : (block<64x64xf32, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>) -> block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>
  "pt.async_tile_store"(%10, %13, %8, %1) : (tensordesc<block<64x64xf16>>, block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  "pt.async_tile_store"(%10, %13, %1, %8) : (tensordesc<block<64x64xf16>>, block<64x64xf16, #linear<register = [[0, 1], [8, 0], [0, 8], [0, 16], [0, 32]], lane = [[0, 2], [0, 4], [1, 0], [2, 0], [4, 0]], warp = [[16, 0], [32, 0]], shape = [64, 64]>>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {arg_attrs = [{divisibility = 16}, {}, {}, {divisibility = 16}, {divisibility = 16}, {}, {}, {divisibility = 16}, {}, {}, {}], arg_names = ["c_desc", "c_desc.shape.0", "c_desc.shape.1", "c_desc.strides.0", "d_desc", "d_desc.shape.0", "d_desc.shape.1", "d_desc.strides.0", "M", "c_desc.tensormap", "d_desc.tensormap"], function_type = !(ptr<f32, 1>, i32, i32, i64, ptr<f16, 1>, i32, i32, i64, i32, tensordesc<block<64x8xf32>>, tensordesc<block<64x64xf16>>) -> (), kernel = true, sym_name = "k"} : () -> ()
