"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  "scf.while"() ({
  ^bb0:
    %1 = "pt.constant"() {value = 0} : () -> i32 loc("golden_library.py":48:11)
    %2 = "pt.constant"() {value = 1} : () -> i32 loc("golden_library.py":48:11)
    %3 = "pt.atomic_cas"(%0, %1, %2) {scope = "gpu", sem = "acq_rel"} : (ptr<i32, 1>, i32, i32) -> i32 loc("golden_library.py":48:11)
    %4 = "pt.constant"() {value = 1} : () -> i32 loc("golden_library.py":48:11)
    %5 = "pt.cmp"(%3, %4) {predicate = "eq"} : (i32, i32) -> i1 loc("golden_library.py":48:11)
    "scf.condition"(%5) : (i1) -> () loc("golden_library.py":48:5)
  }, {
  ^bb0:
    "scf.yield"() : () -> () loc("golden_library.py":48:5)
  }) : () -> () loc("golden_library.py":48:5)
  %6 = "pt.constant"() {value = 0} : () -> i32 loc("golden_library.py":50:5)
  %7 = "pt.atomic_rmw"(%0, %6) {kind = "xchg", scope = "gpu", sem = "acq_rel"} : (ptr<i32, 1>, i32) -> i32 loc("golden_library.py":50:5)
  "func.return"() : () -> () loc("golden_library.py":47:1)
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "atomic_compare_and_swap"} : () -> () loc("golden_library.py":47:1)
