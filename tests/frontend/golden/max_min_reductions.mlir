"func.func"() ({
^bb0(%0: ptr<f32, 1>, %1: ptr<f32, 1>, %2: ptr<i32, 1>):
  %3 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":97:26)
  %4 = "pt.splat"(%0) : (ptr<f32, 1>) -> block<4xptr<f32, 1>> loc("golden_library.py":97:17)
  %5 = "pt.addptr"(%4, %3) : (block<4xptr<f32, 1>>, block<4xi32>) -> block<4xptr<f32, 1>> loc("golden_library.py":97:17)
  %6 = "pt.load"(%5) : (block<4xptr<f32, 1>>) -> block<4xf32> loc("golden_library.py":97:9)
  %7 = "pt.reduce"(%6) ({
  ^bb0(%8: f32, %9: f32):
    %10 = "pt.max"(%8, %9) : (f32, f32) -> f32 loc("golden_library.py":98:23)
    "pt.yield"(%10) : (f32) -> () loc("golden_library.py":98:23)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_library.py":98:23)
  %11 = "pt.reduce"(%6) ({
  ^bb0(%12: f32, %13: f32):
    %14 = "pt.min"(%12, %13) : (f32, f32) -> f32 loc("golden_library.py":98:43)
    "pt.yield"(%14) : (f32) -> () loc("golden_library.py":98:43)
  }) {axis = 0} : (block<4xf32>) -> f32 loc("golden_library.py":98:43)
  %15 = "pt.sub"(%7, %11) : (f32, f32) -> f32 loc("golden_library.py":98:23)
  "pt.store"(%1, %15) : (ptr<f32, 1>, f32) -> () loc("golden_library.py":98:5)
  %16 = "pt.make_range"() {end = 4, start = 0} : () -> block<4xi32> loc("golden_library.py":99:12)
  %17, %18 = "pt.reduce"(%6, %16) ({
  ^bb0(%19: f32, %20: i32, %21: f32, %22: i32):
    %23 = "pt.cmp"(%19, %21) {predicate = "gt"} : (f32, f32) -> i1 loc("golden_library.py":99:12)
    %24 = "pt.cmp"(%19, %21) {predicate = "eq"} : (f32, f32) -> i1 loc("golden_library.py":99:12)
    %25 = "pt.cmp"(%20, %22) {predicate = "lt"} : (i32, i32) -> i1 loc("golden_library.py":99:12)
    %26 = "pt.and"(%24, %25) : (i1, i1) -> i1 loc("golden_library.py":99:12)
    %27 = "pt.or"(%23, %26) : (i1, i1) -> i1 loc("golden_library.py":99:12)
    %28 = "pt.cmp"(%19, %19) {predicate = "eq"} : (f32, f32) -> i1 loc("golden_library.py":99:12)
    %29 = "pt.cmp"(%21, %21) {predicate = "ne"} : (f32, f32) -> i1 loc("golden_library.py":99:12)
    %30 = "pt.cmp"(%20, %22) {predicate = "gt"} : (i32, i32) -> i1 loc("golden_library.py":99:12)
    %31 = "pt.or"(%28, %30) : (i1, i1) -> i1 loc("golden_library.py":99:12)
    %32 = "pt.and"(%29, %31) : (i1, i1) -> i1 loc("golden_library.py":99:12)
    %33 = "pt.or"(%27, %32) : (i1, i1) -> i1 loc("golden_library.py":99:12)
    %34 = "pt.select"(%33, %19, %21) : (i1, f32, f32) -> f32 loc("golden_library.py":99:12)
    %35 = "pt.select"(%33, %20, %22) : (i1, i32, i32) -> i32 loc("golden_library.py":99:12)
    "pt.yield"(%34, %35) : (f32, i32) -> () loc("golden_library.py":99:12)
  }) {axis = 0} : (block<4xf32>, block<4xi32>) -> (f32, i32) loc("golden_library.py":99:12)
  "pt.store"(%2, %18) : (ptr<i32, 1>, i32) -> () loc("golden_library.py":100:5)
  "func.return"() : () -> () loc("golden_library.py":96:1)
}) {function_type = !(ptr<f32, 1>, ptr<f32, 1>, ptr<i32, 1>) -> (), kernel = true, sym_name = "max_min_reductions"} : () -> () loc("golden_library.py":96:1)
