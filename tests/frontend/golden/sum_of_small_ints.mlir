"func.func"() ({
^bb0(%0: ptr<i8, 1>, %1: ptr<i32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":91:47)
  %3 = "pt.splat"(%0) : (ptr<i8, 1>) -> block<4xptr<i8, 1>> loc("golden_library.py":91:38)
  %4 = "pt.addptr"(%3, %2) : (block<4xptr<i8, 1>>, block<4xi32>) -> block<4xptr<i8, 1>> loc("golden_library.py":91:38)
  %5 = "pt.load"(%4) : (block<4xptr<i8, 1>>) -> block<4xi8> loc("golden_library.py":91:30)
  %6 = "pt.cast"(%5) : (block<4xi8>) -> block<4xi32> loc("golden_library.py":91:23)
  %7 = "pt.reduce"(%6) ({
  ^bb0(%8: i32, %9: i32):
    %10 = "pt.add"(%8, %9) : (i32, i32) -> i32 loc("golden_library.py":91:23)
    "pt.yield"(%10) : (i32) -> () loc("golden_library.py":91:23)
  }) {axis = 0} : (block<4xi32>) -> i32 loc("golden_library.py":91:23)
  "pt.store"(%1, %7) : (ptr<i32, 1>, i32) -> () loc("golden_library.py":91:5)
  "func.return"() : () -> () loc("golden_library.py":90:1)
}) {function_type = !(ptr<i8, 1>, ptr<i32, 1>) -> (), kernel = true, sym_name = "sum_of_small_ints"} : () -> () loc("golden_library.py":90:1)
