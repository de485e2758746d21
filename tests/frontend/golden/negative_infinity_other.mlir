"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: i32):
  %3 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_basic.py":384:12)
  %4 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_basic.py":385:17)
  %5 = "pt.addptr"(%4, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_basic.py":385:17)
  %6 = "pt.splat"(%2) : (i32) -> block<4xi32> loc("golden_basic.py":385:37)
  %7 = "pt.cmp"(%3, %6) {predicate = "lt"} : (block<4xi32>, block<4xi32>) -> block<4xi1> loc("golden_basic.py":385:37)
  %8 = "pt.constant"() {value = -inf} : () -> block<4xf32> loc("golden_basic.py":385:9)
  %9 = "pt.load"(%5, %7, %8) : (block<4xptr<f32, 1>>, block<4xi1>, block<4xf32>) -> block<4xf32> loc("golden_basic.py":385:9)
  %10 = "pt.reduce"(%9) ({
  ^bb0(%11: f32, %12: f32):
    %13 = "pt.max"(%11, %12) : (f32, f32) -> f32 loc("golden_basic.py":386:23)
    "pt.yield"(%13) : (f32) -> () loc("golden_basic.py":386:23)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_basic.py":386:23)
  "pt.store"(%1, %10) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":386:5)
  "func.return"() : () -> () loc("golden_basic.py":383:1)
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "negative_infinity_other"} : () -> () loc("golden_basic.py":383:1)
