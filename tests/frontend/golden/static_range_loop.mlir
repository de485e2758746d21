"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.load"(%0) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":234:11)
  %2 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":235:5)
  %3 = "pt.constant"() {value = 4} : () -> i32 loc("golden_basic.py":235:5)
  %4 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":235:5)
  %5 = "scf.for"(%2, %3, %4, %1) ({
  ^bb0(%6: i32, %7: f32):
    %8 = "pt.addptr"(%0, %6) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_basic.py":236:29)
    %9 = "pt.load"(%8) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":236:21)
    %10 = "pt.mul"(%7, %9) : (f32, f32) -> f32 loc("golden_basic.py":236:15)
    "scf.yield"(%10) : (f32) -> () loc("golden_basic.py":235:5)
  }) {static = true} : (i32, i32, i32, f32) -> f32 loc("golden_basic.py":235:5)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":237:5)
  "func.return"() : () -> () loc("golden_basic.py":233:1)
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "static_range_loop"} : () -> () loc("golden_basic.py":233:1)
