"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<i32, 1>, %2: ptr<f32, 1>):
  %3 = "pt.load"(%0) : (ptr<i32, 1>) -> i32 loc("golden_basic.py":68:23)
  %4 = "pt.load"(%1) : (ptr<i32, 1>) -> i32 loc("golden_basic.py":68:40)
  %5 = "pt.cast"(%3) : (i32) -> f32 loc("golden_basic.py":68:23)
  %6 = "pt.cast"(%4) : (i32) -> f32 loc("golden_basic.py":68:23)
  %7 = "pt.div"(%5, %6) : (f32, f32) -> f32 loc("golden_basic.py":68:23)
  "pt.store"(%2, %7) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":68:5)
  "func.return"() : () -> () loc("golden_basic.py":67:1)
}) {function_type = !(ptr<i32, 1>, ptr<i32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "true_division_of_ints"} : () -> () loc("golden_basic.py":67:1)
