// RUN: canonicalize
"func.func"() ({
^bb0(%0: block<16x16xf16>, %1: block<16x16xf16>, %2: block<16x16xf32>, %3: ptr<f32, 1>):
  %4 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %5 = "pt.dot"(%0, %1, %4) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %6 = "pt.add"(%2, %5) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %7 = "pt.dot"(%0, %1, %4) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %8 = "pt.add"(%7, %6) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %9 = "pt.dot"(%0, %1, %2) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %10 = "pt.add"(%9, %8) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %11 = "pt.dot"(%0, %1, %4) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %12 = "pt.add"(%11, %10) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %13 = "pt.mul"(%11, %12) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %14 = "pt.splat"(%3) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%14, %13) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<16x16xf16>, block<16x16xf16>, block<16x16xf32>, ptr<f32, 1>) -> (), sym_name = "f"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<16x16xf16>, %1: block<16x16xf16>, %2: block<16x16xf32>, %3: ptr<f32, 1>):
  %4 = "pt.constant"() {value = 0.0} : () -> block<16x16xf32>
  %5 = "pt.dot"(%0, %1, %2) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %6 = "pt.dot"(%0, %1, %5) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %7 = "pt.dot"(%0, %1, %2) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %8 = "pt.add"(%7, %6) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %9 = "pt.dot"(%0, %1, %4) : (block<16x16xf16>, block<16x16xf16>, block<16x16xf32>) -> block<16x16xf32>
  %10 = "pt.add"(%9, %8) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %11 = "pt.mul"(%9, %10) : (block<16x16xf32>, block<16x16xf32>) -> block<16x16xf32>
  %12 = "pt.splat"(%3) : (ptr<f32, 1>) -> block<16x16xptr<f32, 1>>
  "pt.store"(%12, %11) : (block<16x16xptr<f32, 1>>, block<16x16xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<16x16xf16>, block<16x16xf16>, block<16x16xf32>, ptr<f32, 1>) -> (), sym_name = "f"} : () -> ()
