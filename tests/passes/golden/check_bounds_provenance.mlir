// RUN: check-bounds
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32, %3: i1):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %7 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %8 = "pt.addptr"(%7, %6) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %9 = "scf.for"(%4, %2, %5, %8) ({
  ^bb0(%10: i32, %11: block<4xptr<f32, 1>>):
    %12 = "pt.load"(%11) : (block<4xptr<f32, 1>>) -> block<4xf32>
    %13 = "pt.splat"(%5) : (i32) -> block<4xi32>
    %14 = "pt.addptr"(%11, %13) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
    "scf.yield"(%14) : (block<4xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<4xptr<f32, 1>>) -> block<4xptr<f32, 1>>
  %15 = "scf.for"(%4, %2, %5, %0) ({
  ^bb0(%16: i32, %17: ptr<f32, 1>):
    %18 = "pt.constant"() {value = 1.0} : () -> f32
    %19 = "pt.atomic_rmw"(%17, %18) {kind = "fadd", scope = "gpu", sem = "acq_rel"} : (ptr<f32, 1>, f32) -> f32
    "scf.yield"(%1) : (ptr<f32, 1>) -> ()
  }) : (i32, i32, i32, ptr<f32, 1>) -> ptr<f32, 1>
  %20 = "pt.select"(%3, %0, %0) : (i1, ptr<f32, 1>, ptr<f32, 1>) -> ptr<f32, 1>
  %21 = "pt.load"(%20) : (ptr<f32, 1>) -> f32
  %22 = "pt.ptr_to_int"(%1) : (ptr<f32, 1>) -> i64
  %23 = "pt.int_to_ptr"(%22) : (i64) -> ptr<f32, 1>
  "pt.store"(%23, %21) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32, %3: i1):
  %4 = "pt.constant"() {value = 0} : () -> i32
  %5 = "pt.constant"() {value = 1} : () -> i32
  %6 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32>
  %7 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>>
  %8 = "pt.addptr"(%7, %6) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
  %9 = "scf.for"(%4, %2, %5, %8) ({
  ^bb0(%10: i32, %11: block<4xptr<f32, 1>>):
    "pt.check_bounds"(%11) {access = "load", arg = 1} : (block<4xptr<f32, 1>>) -> ()
    %12 = "pt.load"(%11) : (block<4xptr<f32, 1>>) -> block<4xf32>
    %13 = "pt.splat"(%5) : (i32) -> block<4xi32>
    %14 = "pt.addptr"(%11, %13) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>>
    "scf.yield"(%14) : (block<4xptr<f32, 1>>) -> ()
  }) : (i32, i32, i32, block<4xptr<f32, 1>>) -> block<4xptr<f32, 1>>
  %15 = "scf.for"(%4, %2, %5, %0) ({
  ^bb0(%16: i32, %17: ptr<f32, 1>):
    %18 = "pt.constant"() {value = 1.0} : () -> f32
    "pt.check_bounds"(%17) {access = "atomic_fadd", arg = -1} : (ptr<f32, 1>) -> ()
    %19 = "pt.atomic_rmw"(%17, %18) {kind = "fadd", scope = "gpu", sem = "acq_rel"} : (ptr<f32, 1>, f32) -> f32
    "scf.yield"(%1) : (ptr<f32, 1>) -> ()
  }) : (i32, i32, i32, ptr<f32, 1>) -> ptr<f32, 1>
  %20 = "pt.select"(%3, %0, %0) : (i1, ptr<f32, 1>, ptr<f32, 1>) -> ptr<f32, 1>
  "pt.check_bounds"(%20) {access = "load", arg = 0} : (ptr<f32, 1>) -> ()
  %21 = "pt.load"(%20) : (ptr<f32, 1>) -> f32
  %22 = "pt.ptr_to_int"(%1) : (ptr<f32, 1>) -> i64
  %23 = "pt.int_to_ptr"(%22) : (i64) -> ptr<f32, 1>
  "pt.check_bounds"(%23) {access = "store", arg = -1} : (ptr<f32, 1>) -> ()
  "pt.store"(%23, %21) : (ptr<f32, 1>, f32) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32, i1) -> (), kernel = true, sym_name = "k"} : () -> ()
