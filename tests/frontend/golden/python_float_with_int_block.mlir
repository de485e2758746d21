"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<f32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_basic.py":55:12)
  %3 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_basic.py":56:14)
  %4 = "pt.addptr"(%3, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_basic.py":56:14)
  %5 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<4xptr<i32, 1>> loc("golden_basic.py":56:38)
  %6 = "pt.addptr"(%5, %2) : (block<4xptr<i32, 1>>, block<4xi32>) -> block<4xptr<i32, 1>> loc("golden_basic.py":56:38)
  %7 = "pt.load"(%6) : (block<4xptr<i32, 1>>) -> block<4xi32> loc("golden_basic.py":56:30)
  %8 = "pt.cast"(%7) : (block<4xi32>) -> block<4xf32> loc("golden_basic.py":56:30)
  %9 = "pt.constant"() {value = 0.5} : () -> block<4xf32> loc("golden_basic.py":56:30)
  %10 = "pt.mul"(%8, %9) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_basic.py":56:30)
  "pt.store"(%4, %10) : (block<4xptr<f32, 1>>, block<4xf32>) -> () loc("golden_basic.py":56:5)
  "func.return"() : () -> () loc("golden_basic.py":54:1)
}) {function_type = !(ptr<i32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "python_float_with_int_block"} : () -> () loc("golden_basic.py":54:1)
