// RUN: canonicalize
"func.func"() ({
^bb0(%0: block<8xf32>, %1: block<8xf32>, %2: block<8xi1>, %3: block<8xptr<f32, 1>>):
  %4 = "pt.constant"() {value = 1} : () -> block<8xi1>
  %5 = "pt.constant"() {value = 0} : () -> i1
  %6 = "pt.splat"(%5) : (i1) -> block<8xi1>
  %7 = "pt.select"(%4, %0, %1) : (block<8xi1>, block<8xf32>, block<8xf32>) -> block<8xf32>
  "pt.store"(%3, %7) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  %8 = "pt.select"(%6, %0, %1) : (block<8xi1>, block<8xf32>, block<8xf32>) -> block<8xf32>
  "pt.store"(%3, %8) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  %9 = "pt.select"(%2, %0, %0) : (block<8xi1>, block<8xf32>, block<8xf32>) -> block<8xf32>
  "pt.store"(%3, %9) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  %10 = "pt.select"(%2, %0, %1) : (block<8xi1>, block<8xf32>, block<8xf32>) -> block<8xf32>
  "pt.store"(%3, %10) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<8xf32>, block<8xf32>, block<8xi1>, block<8xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<8xf32>, %1: block<8xf32>, %2: block<8xi1>, %3: block<8xptr<f32, 1>>):
  "pt.store"(%3, %0) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  "pt.store"(%3, %1) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  "pt.store"(%3, %0) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  %4 = "pt.select"(%2, %0, %1) : (block<8xi1>, block<8xf32>, block<8xf32>) -> block<8xf32>
  "pt.store"(%3, %4) : (block<8xptr<f32, 1>>, block<8xf32>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<8xf32>, block<8xf32>, block<8xi1>, block<8xptr<f32, 1>>) -> (), kernel = true, sym_name = "k"} : () -> ()
