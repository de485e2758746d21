"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  %2 = "func.call"(%1) {callee = "kept_call"} : (i32) -> i32 loc("golden_basic.py":313:22)
  "func.call"(%0, %2) {callee = "store_twice"} : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":313:5)
  "func.return"() : () -> () loc("golden_basic.py":312:1)
}) {function_type = !(ptr<i32, 1>, i32) -> (), kernel = true, sym_name = "noinline_helper_and_no_result"} : () -> () loc("golden_basic.py":312:1)
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":280:12)
  %2 = "pt.add"(%0, %1) : (i32, i32) -> i32 loc("golden_basic.py":280:12)
  "func.return"(%2) : (i32) -> () loc("golden_basic.py":280:5)
}) {function_type = !(i32) -> (i32), noinline = true, sym_name = "kept_call"} : () -> () loc("golden_basic.py":279:1)
"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: i32):
  "pt.store"(%0, %1) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":285:5)
  %2 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":286:14)
  %3 = "pt.addptr"(%0, %2) : (ptr<i32, 1>, i32) -> ptr<i32, 1> loc("golden_basic.py":286:14)
  "pt.store"(%3, %1) : (ptr<i32, 1>, i32) -> () loc("golden_basic.py":286:5)
  "func.return"() : () -> () loc("golden_basic.py":284:1)
}) {function_type = !(ptr<i32, 1>, i32) -> (), sym_name = "store_twice"} : () -> () loc("golden_basic.py":284:1)
