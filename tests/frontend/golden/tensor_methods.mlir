"func.func"() ({
^bb0(%0: ptr<f32, 1>):
  %1 = "pt.make_range"() {end = 8, start = 0} : () -> block<8xi32> loc("golden_library.py":274:12)
  %2 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<8xptr<f32, 1>> loc("golden_library.py":275:17)
  %3 = "pt.addptr"(%2, %1) : (block<8xptr<f32, 1>>, block<8xi32>) -> block<8xptr<f32, 1>> loc("golden_library.py":275:17)
  %4 = "pt.load"(%3) : (block<8xptr<f32, 1>>) -> block<8xf32> loc("golden_library.py":275:9)
  %5 = "pt.exp"(%4) : (block<8xf32>) -> block<8xf32> loc("golden_library.py":276:9)
  %6 = "pt.reduce"(%5) ({
  ^bb0(%7: f32, %8: f32):
    %9 = "pt.add"(%7, %8) : (f32, f32) -> f32 loc("golden_library.py":276:9)
    "pt.yield"(%9) : (f32) -> () loc("golden_library.py":276:9)
  }) {axis = 0} : (block<8xf32>) -> f32 loc("golden_library.py":276:9)
  %10 = "pt.reshape"(%4) : (block<8xf32>) -> block<2x4xf32> loc("golden_library.py":276:31)
  %11 = "pt.reduce"(%10) ({
  ^bb0(%12: f32, %13: f32):
    %14 = "pt.max"(%12, %13) : (f32, f32) -> f32 loc("golden_library.py":276:31)
    "pt.yield"(%14) : (f32) -> () loc("golden_library.py":276:31)
  }) {axis = 1} : (block<2x4xf32>) -> block<2xf32> loc("golden_library.py":276:31)
  %15 = "pt.reduce"(%11) ({
  ^bb0(%16: f32, %17: f32):
    %18 = "pt.add"(%16, %17) : (f32, f32) -> f32 loc("golden_library.py":276:31)
    "pt.yield"(%18) : (f32) -> () loc("golden_library.py":276:31)
  }) {axis = 0} : (block<2xf32>) -> f32 loc("golden_library.py":276:31)
  %19 = "pt.add"(%6, %15) : (f32, f32) -> f32 loc("golden_library.py":276:9)
  %20 = "pt.abs"(%4) : (block<8xf32>) -> block<8xf32> loc("golden_library.py":276:67)
  %21 = "pt.scan"(%20) ({
  ^bb0(%22: f32, %23: f32):
    %24 = "pt.add"(%22, %23) : (f32, f32) -> f32 loc("golden_library.py":276:67)
    "pt.yield"(%24) : (f32) -> () loc("golden_library.py":276:67)
  }) {axis = 0} : (block<8xf32>) -> block<8xf32> loc("golden_library.py":276:67)
  %25 = "pt.reduce"(%21) ({
  ^bb0(%26: f32, %27: f32):
    %28 = "pt.add"(%26, %27) : (f32, f32) -> f32 loc("golden_library.py":276:67)
    "pt.yield"(%28) : (f32) -> () loc("golden_library.py":276:67)
  }) {axis = 0} : (block<8xf32>) -> f32 loc("golden_library.py":276:67)
  %29 = "pt.add"(%19, %25) : (f32, f32) -> f32 loc("golden_library.py":276:9)
  %30 = "pt.neg"(%4) : (block<8xf32>) -> block<8xf32> loc("golden_library.py":277:23)
  %31 = "pt.exp"(%30) : (block<8xf32>) -> block<8xf32> loc("golden_library.py":277:23)
  %32 = "pt.constant"() {value = 1.0} : () -> block<8xf32> loc("golden_library.py":277:23)
  %33 = "pt.add"(%32, %31) : (block<8xf32>, block<8xf32>) -> block<8xf32> loc("golden_library.py":277:23)
  %34 = "pt.constant"() {value = 1.0} : () -> block<8xf32> loc("golden_library.py":277:23)
  %35 = "pt.div"(%34, %33) : (block<8xf32>, block<8xf32>) -> block<8xf32> loc("golden_library.py":277:23)
  %36 = "pt.sqrt"(%35) : (block<8xf32>) -> block<8xf32> loc("golden_library.py":277:23)
  %37 = "pt.reduce"(%36) ({
  ^bb0(%38: f32, %39: f32):
    %40 = "pt.add"(%38, %39) : (f32, f32) -> f32 loc("golden_library.py":277:23)
    "pt.yield"(%40) : (f32) -> () loc("golden_library.py":277:23)
  }) {axis = 0} : (block<8xf32>) -> f32 loc("golden_library.py":277:23)
  %41 = "pt.add"(%29, %37) : (f32, f32) -> f32 loc("golden_library.py":277:19)
  "pt.store"(%0, %41) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":277:5)
  "func.return"() : () -> () loc("golden_library.py":273:1)
}) {function_type = !(ptr<f32, 1>) -> (), kernel = true, sym_name = "tensor_methods"} : () -> () loc("golden_library.py":273:1)
