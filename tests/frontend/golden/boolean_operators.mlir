"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32, %2: i32):
  %3 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":120:8)
  %4 = "pt.cmp"(%1, %3) {predicate = "gt"} : (i32, i32) -> i1 loc("golden_basic.py":120:8)
  %5 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":120:18)
  %6 = "pt.cmp"(%2, %5) {predicate = "gt"} : (i32, i32) -> i1 loc("golden_basic.py":120:18)
  %7 = "pt.and"(%4, %6) : (i1, i1) -> i1 loc("golden_basic.py":120:8)
  %8 = "pt.cmp"(%1, %2) {predicate = "lt"} : (i32, i32) -> i1 loc("golden_basic.py":120:31)
  %9 = "pt.not"(%8) : (i1) -> i1 loc("golden_basic.py":120:27)
  %10 = "pt.or"(%7, %9) : (i1, i1) -> i1 loc("golden_basic.py":120:8)
  "scf.if"(%10) ({
  ^bb0:
    "pt.store"(%0, %1) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":121:9)
    "scf.yield"() : () -> () loc("golden_basic.py":120:5)
  }, {
  ^bb0:
    "scf.yield"() : () -> () loc("golden_basic.py":120:5)
  }) : (i1) -> () loc("golden_basic.py":120:5)
  "func.return"() : () -> () loc("golden_basic.py":119:1)
}) {function_type = !(ptr<i32, 1>, i32, i32) -> (), kernel = true, sym_name = "boolean_operators"} : () -> () loc("golden_basic.py":119:1)
