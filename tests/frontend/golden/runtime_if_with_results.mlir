"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":182:9)
  %3 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":183:8)
  %4 = "pt.cmp"(%1, %3) {predicate = "gt"} : (i32, i32) -> i1 loc("golden_basic.py":183:8)
  %5, %6 = "scf.if"(%4) ({
  ^bb0:
    %7 = "pt.constant"() {value = 2.0} : () -> f32 loc("golden_basic.py":184:13)
    %8 = "pt.mul"(%2, %7) : (f32, f32) -> f32 loc("golden_basic.py":184:13)
    %9 = "pt.constant"() {value = 1.0} : () -> f32 loc("golden_basic.py":183:5)
    "scf.yield"(%8, %9) : (f32, f32) -> () loc("golden_basic.py":183:5)
  }, {
  ^bb0:
    %10 = "pt.constant"() {value = 2.0} : () -> f32 loc("golden_basic.py":183:5)
    "scf.yield"(%2, %10) : (f32, f32) -> () loc("golden_basic.py":183:5)
  }) : (i1) -> (f32, f32) loc("golden_basic.py":183:5)
  %11 = "pt.add"(%5, %6) : (f32, f32) -> f32 loc("golden_basic.py":189:19)
  "pt.store"(%0, %11) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":189:5)
  "func.return"() : () -> () loc("golden_basic.py":181:1)
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "runtime_if_with_results"} : () -> () loc("golden_basic.py":181:1)
