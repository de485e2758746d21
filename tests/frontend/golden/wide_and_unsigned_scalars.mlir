"func.func"() ({
^bb0(%0: ptr<i64, 1>, %1: ptr<u16, 1>, %2: i64, %3: u16):
  %4 = "pt.cast"(%3) : (u16) -> i64 loc("golden_basic.py":369:21)
  %5 = "pt.add"(%2, %4) : (i64, i64) -> i64 loc("golden_basic.py":369:21)
  "pt.store"(%0, %5) : (ptr<i64, 1>, i64) -> () loc("golden_basic.py":369:5)
  %6 = "pt.constant"() {value = 3} : () -> u16 loc("golden_basic.py":370:21)
  %7 = "pt.mul"(%3, %6) : (u16, u16) -> u16 loc("golden_basic.py":370:21)
  "pt.store"(%1, %7) : (ptr<u16, 1>, u16) -> () loc("golden_basic.py":370:5)
  "func.return"() : () -> () loc("golden_basic.py":368:1)
}) {function_type = !(ptr<i64, 1>, ptr<u16, 1>, i64, u16) -> (), kernel = true, sym_name = "wide_and_unsigned_scalars"} : () -> () loc("golden_basic.py":368:1)
