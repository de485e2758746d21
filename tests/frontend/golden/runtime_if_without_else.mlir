"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":195:9)
  %3 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":196:8)
  %4 = "pt.cmp"(%1, %3) {predicate = "eq"} : (i32, i32) -> i1 loc("golden_basic.py":196:8)
  %5 = "scf.if"(%4) ({
  ^bb0:
    %6 = "pt.constant"() {value = 1.0} : () -> f32 loc("golden_basic.py":197:13)
    %7 = "pt.add"(%2, %6) : (f32, f32) -> f32 loc("golden_basic.py":197:13)
    "scf.yield"(%7) : (f32) -> () loc("golden_basic.py":196:5)
  }, {
  ^bb0:
    "scf.yield"(%2) : (f32) -> () loc("golden_basic.py":196:5)
  }) : (i1) -> f32 loc("golden_basic.py":196:5)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":198:5)
  "func.return"() : () -> () loc("golden_basic.py":194:1)
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "runtime_if_without_else"} : () -> () loc("golden_basic.py":194:1)
