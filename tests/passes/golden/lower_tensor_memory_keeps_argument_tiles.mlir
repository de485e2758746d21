// RUN: lower-tensor-memory{keep_copyable_tiles=true}
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: i32):
  %5 = "pt.constant"() {value = 1} : () -> i64
  %6 = "pt.make_tensor_desc"(%0, %1, %2, %3, %5) {argument = "a"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<16x32xf16>>
  %7 = "pt.constant"() {value = 0} : () -> i32
  %8 = "pt.desc_load"(%6, %7, %4) : (tensordesc<block<16x32xf16>>, i32, i32) -> block<16x32xf16>
  "pt.desc_store"(%6, %8, %4, %7) : (tensordesc<block<16x32xf16>>, block<16x32xf16>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f16, 1>, %1: i32, %2: i32, %3: i64, %4: i32):
  %5 = "pt.constant"() {value = 1} : () -> i64
  %6 = "pt.make_tensor_desc"(%0, %1, %2, %3, %5) {argument = "a"} : (ptr<f16, 1>, i32, i32, i64, i64) -> tensordesc<block<16x32xf16>>
  %7 = "pt.constant"() {value = 0} : () -> i32
  %8 = "pt.desc_load"(%6, %7, %4) : (tensordesc<block<16x32xf16>>, i32, i32) -> block<16x32xf16>
  "pt.desc_store"(%6, %8, %4, %7) : (tensordesc<block<16x32xf16>>, block<16x32xf16>, i32, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f16, 1>, i32, i32, i64, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
