"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":204:9)
  %3 = "pt.constant"() {value = 2} : () -> i32 loc("golden_basic.py":206:14)
  %4 = "pt.cmp"(%1, %3) {predicate = "gt"} : (i32, i32) -> i1 loc("golden_basic.py":206:14)
  %5 = "scf.if"(%4) ({
  ^bb0:
    "scf.yield"(%2) : (f32) -> () loc("golden_basic.py":206:9)
  }, {
  ^bb0:
    %6 = "pt.constant"() {value = 3.0} : () -> f32 loc("golden_basic.py":206:25)
    %7 = "pt.mul"(%2, %6) : (f32, f32) -> f32 loc("golden_basic.py":206:25)
    "scf.yield"(%7) : (f32) -> () loc("golden_basic.py":206:9)
  }) : (i1) -> f32 loc("golden_basic.py":206:9)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":207:5)
  "func.return"() : () -> () loc("golden_basic.py":203:1)
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "conditional_expressions"} : () -> () loc("golden_basic.py":203:1)
