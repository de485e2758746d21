// RUN: canonicalize
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<i1, 1>):
  %3 = "pt.cmp"(%0, %0) {predicate = "eq"} : (i32, i32) -> i1
  "pt.store"(%2, %3) : (ptr<i1, 1>, i1) -> ()
  %4 = "pt.cmp"(%0, %0) {predicate = "lt"} : (i32, i32) -> i1
  "pt.store"(%2, %4) : (ptr<i1, 1>, i1) -> ()
  %5 = "pt.cmp"(%0, %0) {predicate = "ge"} : (i32, i32) -> i1
  "pt.store"(%2, %5) : (ptr<i1, 1>, i1) -> ()
  %6 = "pt.cmp"(%1, %1) {predicate = "eq"} : (f32, f32) -> i1
  "pt.store"(%2, %6) : (ptr<i1, 1>, i1) -> ()
  %7 = "pt.cmp"(%2, %2) {predicate = "eq"} : (ptr<i1, 1>, ptr<i1, 1>) -> i1
  "pt.store"(%2, %7) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: i32, %1: f32, %2: ptr<i1, 1>):
  %3 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%2, %3) : (ptr<i1, 1>, i1) -> ()
  %4 = "pt.constant"() {value = 0} : () -> i1
  "pt.store"(%2, %4) : (ptr<i1, 1>, i1) -> ()
  %5 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%2, %5) : (ptr<i1, 1>, i1) -> ()
  %6 = "pt.cmp"(%1, %1) {predicate = "eq"} : (f32, f32) -> i1
  "pt.store"(%2, %6) : (ptr<i1, 1>, i1) -> ()
  %7 = "pt.constant"() {value = 1} : () -> i1
  "pt.store"(%2, %7) : (ptr<i1, 1>, i1) -> ()
  "func.return"() : () -> ()
}) {function_type = !(i32, f32, ptr<i1, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
