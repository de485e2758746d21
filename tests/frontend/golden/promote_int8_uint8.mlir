"func.func"() ({
^bb0(%0: ptr<i8, 1>, %1: ptr<u8, 1>, %2: ptr<u8, 1>):
  %3 = "pt.load"(%0) : (ptr<i8, 1>) -> i8 loc("golden_basic.py":41:23)
  %4 = "pt.load"(%1) : (ptr<u8, 1>) -> u8 loc("golden_basic.py":41:40)
  %5 = "pt.cast"(%3) : (i8) -> u8 loc("golden_basic.py":41:23)
  %6 = "pt.add"(%5, %4) : (u8, u8) -> u8 loc("golden_basic.py":41:23)
  "pt.store"(%2, %6) : (ptr<u8, 1>, u8) -> () loc("golden_basic.py":41:5)
  "func.return"() : () -> () loc("golden_basic.py":40:1)
}) {function_type = !(ptr<i8, 1>, ptr<u8, 1>, ptr<u8, 1>) -> (), kernel = true, sym_name = "promote_int8_uint8"} : () -> () loc("golden_basic.py":40:1)
