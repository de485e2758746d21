"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>):
  %2 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32> loc("golden_library.py":79:12)
  %3 = "pt.expand_dims"(%2) {axis = 1} : (block<2xi32>) -> block<2x1xi32> loc("golden_library.py":79:12)
  %4 = "pt.constant"() {value = 4} : () -> block<2x1xi32> loc("golden_library.py":79:12)
  %5 = "pt.mul"(%3, %4) : (block<2x1xi32>, block<2x1xi32>) -> block<2x1xi32> loc("golden_library.py":79:12)
  %6 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":79:43)
  %7 = "pt.expand_dims"(%6) {axis = 0} : (block<4xi32>) -> block<1x4xi32> loc("golden_library.py":79:43)
  %8 = "pt.broadcast"(%5) : (block<2x1xi32>) -> block<2x4xi32> loc("golden_library.py":79:12)
  %9 = "pt.broadcast"(%7) : (block<1x4xi32>) -> block<2x4xi32> loc("golden_library.py":79:12)
  %10 = "pt.add"(%8, %9) : (block<2x4xi32>, block<2x4xi32>) -> block<2x4xi32> loc("golden_library.py":79:12)
  %11 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<2x4xptr<f32, 1>> loc("golden_library.py":80:17)
  %12 = "pt.addptr"(%11, %10) : (block<2x4xptr<f32, 1>>, block<2x4xi32>) -> block<2x4xptr<f32, 1>> loc("golden_library.py":80:17)
  %13 = "pt.load"(%12) : (block<2x4xptr<f32, 1>>) -> block<2x4xf32> loc("golden_library.py":80:9)
  %14 = "pt.reduce"(%13) ({
  ^bb0(%15: f32, %16: f32):
    %17 = "pt.add"(%15, %16) : (f32, f32) -> f32 loc("golden_library.py":81:12)
    "pt.yield"(%17) : (f32) -> () loc("golden_library.py":81:12)
  }) {axis = 1} : (block<2x4xf32>) -> block<2xf32> loc("golden_library.py":81:12)
  %18 = "pt.reduce"(%13) ({
  ^bb0(%19: f32, %20: f32):
    %21 = "pt.add"(%19, %20) : (f32, f32) -> f32 loc("golden_library.py":82:12)
    "pt.yield"(%21) : (f32) -> () loc("golden_library.py":82:12)
  }) {axis = 0} : (block<2x4xf32>) -> block<4xf32> loc("golden_library.py":82:12)
  %22 = "pt.expand_dims"(%18) {axis = 0} : (block<4xf32>) -> block<1x4xf32> loc("golden_library.py":82:12)
  %23 = "pt.reshape"(%13) {can_reorder = true} : (block<2x4xf32>) -> block<8xf32> loc("golden_library.py":83:13)
  %24 = "pt.reduce"(%23) ({
  ^bb0(%25: f32, %26: f32):
    %27 = "pt.add"(%25, %26) : (f32, f32) -> f32 loc("golden_library.py":83:13)
    "pt.yield"(%27) : (f32) -> () loc("golden_library.py":83:13)
  }) {axis = 0} : (block<8xf32>) -> f32 loc("golden_library.py":83:13)
  %28 = "pt.make_range"() {end = 2, start = 0} : () -> block<2xi32> loc("golden_library.py":84:24)
  %29 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<2xptr<f32, 1>> loc("golden_library.py":84:14)
  %30 = "pt.addptr"(%29, %28) : (block<2xptr<f32, 1>>, block<2xi32>) -> block<2xptr<f32, 1>> loc("golden_library.py":84:14)
  %31 = "pt.splat"(%24) : (f32) -> block<2xf32> loc("golden_library.py":84:41)
  %32 = "pt.add"(%14, %31) : (block<2xf32>, block<2xf32>) -> block<2xf32> loc("golden_library.py":84:41)
  "pt.store"(%30, %32) : (block<2xptr<f32, 1>>, block<2xf32>) -> () loc("golden_library.py":84:5)
  %33 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":85:24)
  %34 = "pt.expand_dims"(%33) {axis = 0} : (block<4xi32>) -> block<1x4xi32> loc("golden_library.py":85:24)
  %35 = "pt.splat"(%1) : (ptr<f32, 1>) -> block<1x4xptr<f32, 1>> loc("golden_library.py":85:14)
  %36 = "pt.addptr"(%35, %34) : (block<1x4xptr<f32, 1>>, block<1x4xi32>) -> block<1x4xptr<f32, 1>> loc("golden_library.py":85:14)
  "pt.store"(%36, %22) : (block<1x4xptr<f32, 1>>, block<1x4xf32>) -> () loc("golden_library.py":85:5)
  "func.return"() : () -> () loc("golden_library.py":78:1)
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>) -> (), kernel = true, sym_name = "sums"} : () -> () loc("golden_library.py":78:1)
