// RUN: dce
"func.func"() ({
^bb0(%0: block<64xptr<f32, 1>>, %1: block<64xi1>):
  %2 = "pt.load"(%0, %1) : (block<64xptr<f32, 1>>, block<64xi1>) -> block<64xf32>
  %3 = "pt.exp"(%2) : (block<64xf32>) -> block<64xf32>
  %4 = "pt.load"(%0) {volatile = true} : (block<64xptr<f32, 1>>) -> block<64xf32>
  %5 = "pt.load"(%0) : (block<64xptr<f32, 1>>) -> block<64xf32>
  %6 = "pt.sqrt"(%5) : (block<64xf32>) -> block<64xf32>
  "pt.store"(%0, %6, %1) : (block<64xptr<f32, 1>>, block<64xf32>, block<64xi1>) -> ()
  %7 = "pt.atomic_rmw"(%0, %6) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (block<64xptr<f32, 1>>, block<64xf32>) -> block<64xf32>
  "pt.barrier"() : () -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<64xptr<f32, 1>>, block<64xi1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<64xptr<f32, 1>>, %1: block<64xi1>):
  %2 = "pt.load"(%0) {volatile = true} : (block<64xptr<f32, 1>>) -> block<64xf32>
  %3 = "pt.load"(%0) : (block<64xptr<f32, 1>>) -> block<64xf32>
  %4 = "pt.sqrt"(%3) : (block<64xf32>) -> block<64xf32>
  "pt.store"(%0, %4, %1) : (block<64xptr<f32, 1>>, block<64xf32>, block<64xi1>) -> ()
  %5 = "pt.atomic_rmw"(%0, %4) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (block<64xptr<f32, 1>>, block<64xf32>) -> block<64xf32>
  "pt.barrier"() : () -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<64xptr<f32, 1>>, block<64xi1>) -> (), kernel = true, sym_name = "k"} : () -> ()
