// RUN: cse
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  "pt.store"(%0, %1) : (ptr<f32, 1>, f32) -> ()
  %3 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  %4 = "pt.add"(%2, %3) : (f32, f32) -> f32
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> ()
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> ()
  %5 = "pt.atomic_rmw"(%0, %1) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (ptr<f32, 1>, f32) -> f32
  %6 = "pt.atomic_rmw"(%0, %1) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (ptr<f32, 1>, f32) -> f32
  %7 = "pt.add"(%5, %6) : (f32, f32) -> f32
  "pt.store"(%0, %7) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: f32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  "pt.store"(%0, %1) : (ptr<f32, 1>, f32) -> ()
  %3 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  %4 = "pt.add"(%2, %3) : (f32, f32) -> f32
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> ()
  "pt.store"(%0, %4) : (ptr<f32, 1>, f32) -> ()
  %5 = "pt.atomic_rmw"(%0, %1) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (ptr<f32, 1>, f32) -> f32
  %6 = "pt.atomic_rmw"(%0, %1) {kind = "fadd", scope = "gpu", sem = "relaxed"} : (ptr<f32, 1>, f32) -> f32
  %7 = "pt.add"(%5, %6) : (f32, f32) -> f32
  "pt.store"(%0, %7) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, f32) -> (), kernel = true, sym_name = "k"} : () -> ()
