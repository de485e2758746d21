"func.func"() ({
^bb0(%0: ptr<i32, 1>, %1: ptr<f32, 1>):
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":115:12)
  %3 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<4xptr<i32, 1>> loc("golden_library.py":116:14)
  %4 = "pt.addptr"(%3, %2) : (block<4xptr<i32, 1>>, block<4xi32>) -> block<4xptr<i32, 1>> loc("golden_library.py":116:14)
  %5 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<4xptr<i32, 1>> loc("golden_library.py":116:46)
  %6 = "pt.addptr"(%5, %2) : (block<4xptr<i32, 1>>, block<4xi32>) -> block<4xptr<i32, 1>> loc("golden_library.py":116:46)
  %7 = "pt.load"(%6) : (block<4xptr<i32, 1>>) -> block<4xi32> loc("golden_library.py":116:38)
  %8 = "pt.scan"(%7) ({
  ^bb0(%9: i32, %10: i32):
    %11 = "pt.add"(%9, %10) : (i32, i32) -> i32 loc("golden_library.py":116:28)
    "pt.yield"(%11) : (i32) -> () loc("golden_library.py":116:28)
  }) {axis = 0} : (block<4xi32>) -> block<4xi32> loc("golden_library.py":116:28)
  "pt.store"(%4, %8) : (block<4xptr<i32, 1>>, block<4xi32>) -> () loc("golden_library.py":116:5)
  %12 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":117:14)
  %13 = "pt.addptr"(%12, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":117:14)
  %14 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":117:47)
  %15 = "pt.addptr"(%14, %2) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":117:47)
  %16 = "pt.load"(%15) : (block<4xptr<f32, 1>>) -> block<4xf32> loc("golden_library.py":117:39)
  %17 = "pt.scan"(%16) ({
  ^bb0(%18: f32, %19: f32):
    %20 = "pt.mul"(%18, %19) : (f32, f32) -> f32 loc("golden_library.py":117:28)
    "pt.yield"(%20) : (f32) -> () loc("golden_library.py":117:28)
  }) {axis = 0, reverse = true} : (block<4xf32>) -> block<4xf32> loc("golden_library.py":117:28)
  "pt.store"(%13, %17) : (block<4xptr<f32, 1>>, block<4xf32>) -> () loc("golden_library.py":117:5)
  "func.return"() : () -> () loc("golden_library.py":114:1)
}) {function_type = !(ptr<i32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "scans"} : () -> () loc("golden_library.py":114:1)
