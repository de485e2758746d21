"func.func"() ({
^bb0(%0: ptr<f16, 1>):
  %1 = "pt.constant"() {value = 0.0} : () -> block<4xf16> loc("golden_basic.py":392:9)
  %2 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_basic.py":394:20)
  %3 = "pt.splat"(%0) : (ptr<f16, 1>) -> block<4xptr<f16, 1>> loc("golden_basic.py":394:14)
  %4 = "pt.addptr"(%3, %2) : (block<4xptr<f16, 1>>, block<4xi32>) -> block<4xptr<f16, 1>> loc("golden_basic.py":394:14)
  "pt.store"(%4, %1) : (block<4xptr<f16, 1>>, block<4xf16>) -> () loc("golden_basic.py":394:5)
  "func.return"() : () -> () loc("golden_basic.py":391:1)
}) {function_type = !(ptr<f16, 1>) -> (), kernel = true, sym_name = "dtype_constexpr"} : () -> () loc("golden_basic.py":391:1)
