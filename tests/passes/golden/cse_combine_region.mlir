// RUN: cse
"func.func"() ({
^bb0(%0: block<32xf32>, %1: f32, %2: ptr<f32, 1>):
  %3 = "pt.max"(%1, %1) : (f32, f32) -> f32
  %4 = "pt.constant"() {value = 0.5} : () -> f32
  %5 = "pt.reduce"(%0) ({
  ^bb0(%6: f32, %7: f32):
    %8 = "pt.max"(%6, %7) : (f32, f32) -> f32
    %9 = "pt.max"(%6, %7) : (f32, f32) -> f32
    %10 = "pt.constant"() {value = 0.5} : () -> f32
    %11 = "pt.add"(%8, %9) : (f32, f32) -> f32
    %12 = "pt.add"(%11, %10) : (f32, f32) -> f32
    "pt.yield"(%12) : (f32) -> ()
  }) {axis = 0} : (block<32xf32>) -> f32
  %13 = "pt.reduce"(%0) ({
  ^bb0(%14: f32, %15: f32):
    %16 = "pt.max"(%14, %15) : (f32, f32) -> f32
    "pt.yield"(%16) : (f32) -> ()
  }) {axis = 0} : (block<32xf32>) -> f32
  %17 = "pt.add"(%5, %13) : (f32, f32) -> f32
  %18 = "pt.add"(%17, %3) : (f32, f32) -> f32
  %19 = "pt.add"(%18, %4) : (f32, f32) -> f32
  "pt.store"(%2, %19) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<32xf32>, f32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: block<32xf32>, %1: f32, %2: ptr<f32, 1>):
  %3 = "pt.max"(%1, %1) : (f32, f32) -> f32
  %4 = "pt.constant"() {value = 0.5} : () -> f32
  %5 = "pt.reduce"(%0) ({
  ^bb0(%6: f32, %7: f32):
    %8 = "pt.max"(%6, %7) : (f32, f32) -> f32
    %9 = "pt.constant"() {value = 0.5} : () -> f32
    %10 = "pt.add"(%8, %8) : (f32, f32) -> f32
    %11 = "pt.add"(%10, %9) : (f32, f32) -> f32
    "pt.yield"(%11) : (f32) -> ()
  }) {axis = 0} : (block<32xf32>) -> f32
  %12 = "pt.reduce"(%0) ({
  ^bb0(%13: f32, %14: f32):
    %15 = "pt.max"(%13, %14) : (f32, f32) -> f32
    "pt.yield"(%15) : (f32) -> ()
  }) {axis = 0} : (block<32xf32>) -> f32
  %16 = "pt.add"(%5, %12) : (f32, f32) -> f32
  %17 = "pt.add"(%16, %3) : (f32, f32) -> f32
  %18 = "pt.add"(%17, %4) : (f32, f32) -> f32
  "pt.store"(%2, %18) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(block<32xf32>, f32, ptr<f32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
