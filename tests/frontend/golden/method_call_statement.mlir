"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  %1 = "pt.constant"() {value = 1} : () -> i32 loc("golden_library.py":323:5)
  %2 = "pt.atomic_rmw"(%0, %1) {kind = "add", scope = "gpu", sem = "acq_rel"} : (ptr<i32, 1>, i32) -> i32 loc("golden_library.py":323:5)
  %3 = "pt.cast"(%2) : (i32) -> f32 loc("golden_library.py":323:5)
  "func.return"() : () -> () loc("golden_library.py":322:1)
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "method_call_statement"} : () -> () loc("golden_library.py":322:1)
