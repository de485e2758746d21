// RUN: fold
"func.func"() ({
^bb0(%0: ptr<i1, 1>):
  %1 = "pt.constant"() {value = -1} : () -> i32
  %2 = "pt.constant"() {value = 1} : () -> i32
  %3 = "pt.cmp"(%1, %2) {predicate = "lt"} : (i32, i32) -> i1
  "pt.store"(%0, %3) : (ptr<i1, 1>, i1) -> ()
  %4 = "pt.constant"() {value = 4294967295} : () -> u32
  %5 = "pt.constant"() {value = 1} : () -> u32
  %6 = "pt.cmp"(%4, %5) {predicate = "lt"} : (u32, u32) -> i1
  "pt.store"(%0, %6) : (ptr<i1, 1>, i1) -> ()
  %7 = "pt.constant"() {value = 0.5} : () -> f32
  %8 = "pt.constant"() {value = 0.25} : () -> f32
  %9 = "pt.cmp"(%7, %8) {predicate = "ge"} : (f32, f32) -> i1
  "pt.store"(%0, %9) : (ptr<i1, 1>, i1) -> ()
  %10 = "pt.cmp"(%7, %8) {predicate = "eq"} : (f32, f32) -> i1
  "pt.store"(%0, %10) : (ptr<i1, 1>, i1) -> ()
  %11 = "pt.constant"() {value = 0.1} : () -> f32
  %12 = "pt.constant"() {value = 0.10000000149011612} : () -> f32
  %13 = "pt.cmp"(%11, %12) {predicate = "eq"} : (f32, f32) -> i1
  "pt.store"(%0, %13) : (ptr<i1, 1>, i1) -> ()
  %14 = "pt.constant"() {value = nan} : () -> f32
  %15 = "pt.cmp"(%14, %14) {predicate = "ne"} : (f32, f32) -> i1
  "pt.store"(%0, %15) : (ptr<i1, 1>, i1) -> ()
  %16 = "pt.cmp"(%14, %7) {predicate = "lt"} : (f32, f32) -> i1
  "pt.store"(%0, %16) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i1, 1>):
  %1 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%0, %1) : (ptr<i1, 1>, i1) -> ()
  %2 = "pt.constant"() {value = 0} : () -> i1
  "pt.store"(%0, %2) : (ptr<i1, 1>, i1) -> ()
  %3 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%0, %3) : (ptr<i1, 1>, i1) -> ()
  %4 = "pt.constant"() {value = 0} : () -> i1
  "pt.store"(%0, %4) : (ptr<i1, 1>, i1) -> ()
  %5 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%0, %5) : (ptr<i1, 1>, i1) -> ()
  %6 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%0, %6) : (ptr<i1, 1>, i1) -> ()
  %7 = "pt.constant"() {value = 0} : () -> i1
  "pt.store"(%0, %7) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
