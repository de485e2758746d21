// RUN: simt-remove-conversions
"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  %1 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %2 = "simt.convert_layout"(%1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %3 = "simt.convert_layout"(%2) : (block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %4 = "simt.convert_layout"(%1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %5 = "simt.convert_layout"(%1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %6 = "pt.add"(%4, %5) : (block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %7 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %8 = "pt.addptr"(%7, %6) : (block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  "pt.store"(%8, %6) : (block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> ()
  %9 = "pt.add"(%3, %1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %10 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %11 = "pt.addptr"(%10, %1) : (block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  "pt.store"(%11, %9) : (block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
// CHECK:
"func.func"() ({
^bb0(%0: ptr<i32, 1>):
  %1 = "pt.make_range"() {end = 64, start = 0} : () -> block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %2 = "simt.convert_layout"(%1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %3 = "pt.add"(%2, %2) : (block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %4 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  %5 = "pt.addptr"(%4, %3) : (block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>
  "pt.store"(%5, %3) : (block<64xptr<i32, 1>, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>, block<64xi32, #blocked<spt = [2], tpw = [32], wpc = [1], order = [0]>>) -> ()
  %6 = "pt.add"(%1, %1) : (block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %7 = "pt.splat"(%0) : (ptr<i32, 1>) -> block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  %8 = "pt.addptr"(%7, %1) : (block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>
  "pt.store"(%8, %6) : (block<64xptr<i32, 1>, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>, block<64xi32, #blocked<spt = [1], tpw = [32], wpc = [2], order = [0]>>) -> ()
  "func.return"() : () -> ()
}) {function_type = !(ptr<i32, 1>) -> (), kernel = true, sym_name = "k"} : () -> ()
