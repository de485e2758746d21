"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":189:12)
  %2 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":190:17)
  %3 = "pt.addptr"(%2, %1) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":190:17)
  %4 = "pt.load"(%3) : (block<4xptr<f32, 1>>) -> block<4xf32> loc("golden_library.py":190:9)
  %5 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":191:14)
  %6 = "pt.addptr"(%5, %1) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":191:14)
  %7 = "pt.neg"(%4) : (block<4xf32>) -> block<4xf32> loc("golden_library.py":191:26)
  %8 = "pt.exp"(%7) : (block<4xf32>) -> block<4xf32> loc("golden_library.py":191:26)
  %9 = "pt.constant"() {value = 1.0} : () -> block<4xf32> loc("golden_library.py":191:26)
  %10 = "pt.add"(%9, %8) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_library.py":191:26)
  %11 = "pt.constant"() {value = 1.0} : () -> block<4xf32> loc("golden_library.py":191:26)
  %12 = "pt.div"(%11, %10) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_library.py":191:26)
  %13 = "pt.reduce"(%4) ({
  ^bb0(%14: f32, %15: f32):
    %16 = "pt.max"(%14, %15) : (f32, f32) -> f32 loc("golden_library.py":191:42)
    "pt.yield"(%16) : (f32) -> () loc("golden_library.py":191:42)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_library.py":191:42)
  %17 = "pt.splat"(%13) : (f32) -> block<4xf32> loc("golden_library.py":191:42)
  %18 = "pt.sub"(%4, %17) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_library.py":191:42)
  %19 = "pt.exp"(%18) : (block<4xf32>) -> block<4xf32> loc("golden_library.py":191:42)
  %20 = "pt.reduce"(%19) ({
  ^bb0(%21: f32, %22: f32):
    %23 = "pt.add"(%21, %22) : (f32, f32) -> f32 loc("golden_library.py":191:42)
    "pt.yield"(%23) : (f32) -> () loc("golden_library.py":191:42)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_library.py":191:42)
  %24 = "pt.splat"(%20) : (f32) -> block<4xf32> loc("golden_library.py":191:42)
  %25 = "pt.div"(%19, %24) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_library.py":191:42)
  %26 = "pt.add"(%12, %25) : (block<4xf32>, block<4xf32>) -> block<4xf32> loc("golden_library.py":191:26)
  "pt.store"(%6, %26) : (block<4xptr<f32, 1>>, block<4xf32>) -> () loc("golden_library.py":191:5)
  "func.return"() : () -> () loc("golden_library.py":188:1)
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "sigmoid_and_softmax"} : () -> () loc("golden_library.py":188:1)
