// RUN: check-bounds
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.addptr"(%0, %1) : (ptr<f32, 1>, i32) -> ptr<f32, 1>
  %3 = "pt.load"(%2) : (ptr<f32, 1>) -> f32
  "func.return"(%2) : (ptr<f32, 1>) -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (ptr<f32, 1>), noinline = true, sym_name = "at"} : () -> ()
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), noinline = true, sym_name = "either"} : () -> ()
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "func.call"(%1, %2) {callee = "at"} : (ptr<f32, 1>, i32) -> ptr<f32, 1>
  %4 = "pt.constant"() {value = 1.0} : () -> f32
  "pt.store"(%3, %4) : (ptr<f32, 1>, f32) -> ()
  "func.call"(%0, %2) {callee = "either"} : (ptr<f32, 1>, i32) -> ()
  "func.call"(%1, %2) {callee = "either"} : (ptr<f32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.addptr"(%0, %1) : (ptr<f32, 1>, i32) -> ptr<f32, 1>
  "pt.check_bounds"(%2) {access = "load", arg = 1} : (ptr<f32, 1>) -> ()
  %3 = "pt.load"(%2) : (ptr<f32, 1>) -> f32
  "func.return"(%2) : (ptr<f32, 1>) -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (ptr<f32, 1>), noinline = true, sym_name = "at"} : () -> ()
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  "pt.check_bounds"(%0) {access = "load", arg = -1} : (ptr<f32, 1>) -> ()
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, i32) -> (), noinline = true, sym_name = "either"} : () -> ()
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "func.call"(%1, %2) {callee = "at"} : (ptr<f32, 1>, i32) -> ptr<f32, 1>
  %4 = "pt.constant"() {value = 1.0} : () -> f32
  "pt.check_bounds"(%3) {access = "store", arg = 1} : (ptr<f32, 1>) -> ()
  "pt.store"(%3, %4) : (ptr<f32, 1>, f32) -> ()
  "func.call"(%0, %2) {callee = "either"} : (ptr<f32, 1>, i32) -> ()
  "func.call"(%1, %2) {callee = "either"} : (ptr<f32, 1>, i32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "k"} : () -> ()
