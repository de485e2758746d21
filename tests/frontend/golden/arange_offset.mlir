"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  %1 = "pt.make_range"() {end = 16, start = 8} : () -> block<8xi32> loc("golden_basic.py":34:12)
  %2 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<8xptr<i32, 1>> loc("golden_basic.py":35:14)
  %3 = "pt.addptr"(%2, %1) : (block<8xptr<i32, 1>>, block<8xi32>) -> block<8xptr<i32, 1>> loc("golden_basic.py":35:14)
  "pt.store"(%3, %1) : (block<8xptr<i32, 1>>, block<8xi32>) -> () loc("golden_basic.py":35:5)
  "func.return"() : () -> () loc("golden_basic.py":33:1)
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "arange_offset"} : () -> () loc("golden_basic.py":33:1)
