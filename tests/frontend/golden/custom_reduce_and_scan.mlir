"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<i32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":134:12)
  %3 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":135:17)
  %4 = "pt.addptr"(%3, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":135:17)
  %5 = "pt.load"(%4) : (block<4xptr<f32, 1>>) -> block<4xf32> loc("golden_library.py":135:9)
  %6 = "pt.reduce"(%5) ({
  ^bb0(%7: f32, %8: f32):
    %9 = "pt.add"(%7, %8) : (f32, f32) -> f32 loc("golden_library.py":122:12)
    "pt.yield"(%9) : (f32) -> () loc("golden_library.py":136:21)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_library.py":136:21)
  "pt.store"(%0, %6) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":136:5)
  %10, %11 = "pt.reduce"(%5, %2) ({
  ^bb0(%12: f32, %13: i32, %14: f32, %15: i32):
    %16 = "pt.cmp"(%12, %14) {predicate = "gt"} : (f32, f32) -> i1 loc("golden_library.py":127:14)
    %17 = "pt.select"(%16, %12, %14) : (i1, f32, f32) -> f32 loc("golden_library.py":128:12)
    %18 = "pt.select"(%16, %13, %15) : (i1, i32, i32) -> i32 loc("golden_library.py":128:38)
    "pt.yield"(%17, %18) : (f32, i32) -> () loc("golden_library.py":137:12)
  }) {axis = 0} : (block<4xf32>, block<4xi32>) -> (f32, i32) loc("golden_library.py":137:12)
  "pt.store"(%1, %11) : (ptr<i32, 1>, i32) -> () loc("golden_library.py":138:5)
  %19 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":139:14)
  %20 = "pt.addptr"(%19, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":139:14)
  %21 = "pt.scan"(%5) ({
  ^bb0(%22: f32, %23: f32):
    %24 = "pt.add"(%22, %23) : (f32, f32) -> f32 loc("golden_library.py":122:12)
    "pt.yield"(%24) : (f32) -> () loc("golden_library.py":139:28)
  }) {axis = 0, reverse = true} : (block<4xf32>) -> block<4xf32> loc("golden_library.py":139:28)
  "pt.store"(%20, %21) : (block<4xptr<f32, 1>>, block<4xf32>) -> () loc("golden_library.py":139:5)
  "func.return"() : () -> () loc("golden_library.py":133:1)
}) {function_type = !(ptr<f32, 1>, ptr<i32, 1>) -> (), kernel = true, sym_name = "custom_reduce_and_scan"} : () -> () loc("golden_library.py":133:1)
