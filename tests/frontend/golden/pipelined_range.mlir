"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: i32):
  %2 = "pt.constant"() {value = 0} : () -> i32 loc("golden_basic.py":226:5)
  %3 = "pt.constant"() {value = 1} : () -> i32 loc("golden_basic.py":226:5)
  %4 = "pt.constant"() {value = 0.0} : () -> f32 loc("golden_basic.py":226:5)
  %5 = "scf.for"(%2, %1, %3, %4) ({
  ^bb0(%6: i32, %7: f32):
    %8 = "pt.addptr"(%0, %6) : (ptr<f32, 1>, i32) -> ptr<f32, 1> loc("golden_basic.py":227:24)
    %9 = "pt.load"(%8) : (ptr<f32, 1>) -> f32 loc("golden_basic.py":227:16)
    %10 = "pt.add"(%7, %9) : (f32, f32) -> f32 loc("golden_basic.py":227:9)
    "scf.yield"(%10) : (f32) -> () loc("golden_basic.py":226:5)
  }) {num_stages = 3, unroll = 2} : (i32, i32, i32, f32) -> f32 loc("golden_basic.py":226:5)
  "pt.store"(%0, %5) : (ptr<f32, 1>, f32) -> () loc("golden_basic.py":228:5)
  "func.return"() : () -> () loc("golden_basic.py":224:1)
}) {function_type = !(ptr<f32, 1>, i32) -> (), kernel = true, sym_name = "pipelined_range"} : () -> () loc("golden_basic.py":224:1)
