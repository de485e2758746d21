"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32, %2: i32):
  %3 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":255:5)
  %4 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":255:5)
  %5 = "pt.constant"() {value = 0.0} : () -> f32 loc("golden_basic.py":255:5)
  %6 = "scf.for"(%3, %1, %4, %5) ({
  ^bb0(%7: i32, %8: f32):
    %9 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":256:9)
    %10 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":256:9)
    %11 = "scf.for"(%9, %2, %10, %8) ({
    ^bb0(%12: i32, %13: f32):
      %14 = "pt.mul"(%7, %2) : (i32, i32) -> i32 loc("golden_basic.py":257:34)
      %15 = "pt.addptr"(%0, %14) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_basic.py":257:28)
      %16 = "pt.addptr"(%15, %12) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_basic.py":257:28)
      %17 = "pt.load"(%16) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":257:20)
      %18 = "pt.add"(%13, %17) : (f32, f32) -> f32 loc("golden_basic.py":257:13)
      "scf.yield"(%18) : (f32) -> () loc("golden_basic.py":256:9)
    }) : (i32, i32, i32, f32) -> f32 loc("golden_basic.py":256:9)
    "scf.yield"(%11) : (f32) -> () loc("golden_basic.py":255:5)
  }) : (i32, i32, i32, f32) -> f32 loc("golden_basic.py":255:5)
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":258:5)
  "func.return"() : () -> () loc("golden_basic.py":253:1)
}) {function_type = !(ptr<f32, 1>, i32, i32) -> (), kernel = true, sym_name = "nested_loops"} : () -> () loc("golden_basic.py":253:1)
