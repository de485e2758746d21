"func.func"() ({
^bb0(%0: ptr<u32, 1>, %1: u32):
  %2 = "pt.constant"() {value = 3} : () -> u32 loc("golden_basic.py":95:8)
  %3 = "pt.shr"(%1, %2) : (u32, u32) -> u32 loc("golden_basic.py":95:8)
  %4 = "pt.constant"() {value = 10} : () -> u32 loc("golden_basic.py":95:8)
  %5 = "pt.cmp"(%3, %4) {predicate = "gt"} : (u32, u32) -> i1 loc("golden_basic.py":95:8)
  "scf.if"(%5) ({
  ^bb0:
    "pt.store"(%0, %1) : (ptr<u32, 1>, u32) -> () loc("golden_basic.py":96:9)
    "scf.yield"() : () -> () loc("golden_basic.py":95:5)
  }, {
  ^bb0:
    "scf.yield"() : () -> () loc("golden_basic.py":95:5)
  }) : (i1) -> () loc("golden_basic.py":95:5)
  "func.return"() : () -> () loc("golden_basic.py":94:1)
}) {function_type = !(ptr<u32, 1>, u32) -> (), kernel = true, sym_name = "unsigned_shift_and_compare"} : () -> () loc("golden_basic.py":94:1)
