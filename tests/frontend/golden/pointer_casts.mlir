"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i8, 1>, %2: ptr<i64, 1>):
  %3 = "pt.bitcast"(%0) : (ptr<f32, 1>) -> ptr<i8, 1> loc("golden_library.py":256:11)
  %4 = "pt.load"(%1) : (ptr<i8, 1>) -> i8 loc("golden_library.py":257:19)
  "pt.store"(%3, %4) : (ptr<i8, 1>, i8) -> () loc("golden_library.py":257:5)
  %5 = "pt.ptr_to_int"(%0) : (ptr<f32, 1>) -> i64 loc("golden_library.py":258:21)
  "pt.store"(%2, %5) : (ptr<i64, 1>, i64) -> () loc("golden_library.py":258:5)
  "func.return"() : () -> () loc("golden_library.py":255:1)
}) {function_type = !(ptr<f32, 1>, ptr<i8, 1>, ptr<i64, 1>) -> (), kernel = true, sym_name = "pointer_casts"} : () -> () loc("golden_library.py":255:1)
