"""Pass errors users see, dominance and call-graph queries, the folders' arithmetic, and the opt command line."""
import subprocess
import sys
from pathlib import Path

import pytest

from pantile.ir import Module
from pantile.ir.fold import compare, convert, float_binary, int_binary, wrap_int
from pantile.ir.parser import parse_module
from pantile.ir.types import f16, f32, i1, i8, i32, u8, u32
from pantile.passes import AnalysisManager, DiagnosticError, PassManager, make_pass


def _func(name: str, body: str, sig: str = "() -> ()", extra: str = "") -> str:
    return (f'"func.func"() ({{\n^bb0:\n{body}}}) {{{extra}function_type = !{sig}, sym_name = "{name}"}} : () -> ()'
            f' loc("k.py":1:0)\n')


def _call(callee: str, line: int) -> str:
    return f'  "func.call"() {{callee = "{callee}"}} : () -> () loc("k.py":{line}:4)\n  "func.return"() : () -> ()\n'


def test_recursion_is_reported_at_the_closing_call() -> None:
    text = _func("f", _call("g", 3)) + _func("g", _call("f", 7)) + _func("k", _call("f", 9), extra="kernel = true, ")
    with pytest.raises(DiagnosticError) as info:
        PassManager([make_pass("inline")]).run(parse_module(text))
    assert str(info.value) == ("k.py:7:4: error: recursive call of 'f' (f -> g -> f); "
                               "pantile functions cannot recurse: rewrite it as a loop")


def test_self_recursion() -> None:
    with pytest.raises(DiagnosticError, match=r"k.py:2:4: error: recursive call of 'f' \(f -> f\)"):
        PassManager([make_pass("inline")]).run(parse_module(_func("f", _call("f", 2))))


UNROLLED_LOOP = '''"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 0} : () -> i32
  %2 = "pt.constant"() {value = 1} : () -> i32
  %3 = "pt.constant"() {value = 2000000} : () -> i32
  "scf.for"(%1, %3, %2) ({
  ^bb0(%4: i32):
    "scf.yield"() : () -> ()
  }) {unroll = 2000000} : (i32, i32, i32) -> () loc("k.py":5:13)
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), kernel = true, sym_name = "k"} : () -> ()
'''


def test_huge_full_unroll_is_refused() -> None:
    with pytest.raises(DiagnosticError) as info:
        PassManager([make_pass("unroll")]).run(parse_module(UNROLLED_LOOP))
    assert str(info.value) == ("k.py:5:13: error: unrolling this loop would copy its 1 operations 2000000 times; "
                               "use a smaller loop_unroll_factor")


DOMINANCE = '''"func.func"() ({
^bb0(%0: i1, %1: i32):
  %2 = "pt.add"(%1, %1) : (i32, i32) -> i32
  %3 = "scf.if"(%0) ({
  ^bb0:
    %4 = "pt.mul"(%2, %1) : (i32, i32) -> i32
    "scf.yield"(%4) : (i32) -> ()
  }, {
  ^bb0:
    "scf.yield"(%2) : (i32) -> ()
  }) : (i1) -> i32
  %5 = "pt.sub"(%3, %2) : (i32, i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i1, i32) -> (), sym_name = "f"} : () -> ()
"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.neg"(%0) : (i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), sym_name = "g"} : () -> ()
'''


def test_dominance_queries() -> None:
    module = parse_module(DOMINANCE)
    dom = AnalysisManager(module).get("dominance")
    f_entry, g_entry = (fn.regions[0].entry for fn in module.ops)
    add, branch, sub, _ = f_entry.ops
    mul = branch.regions[0].entry.ops[0]
    then_yield, else_yield = (r.entry.terminator for r in branch.regions)
    arg = f_entry.args[1]
    assert dom.dominates(add.result, mul) and dom.dominates(add.result, sub) and dom.dominates(add.result, else_yield)
    assert dom.dominates(arg, mul) and dom.dominates(mul.result, then_yield)
    assert not dom.dominates(mul.result, sub) and not dom.dominates(mul.result, else_yield)
    assert not dom.dominates(sub.result, add) and not dom.dominates(add.result, add)
    assert not dom.dominates(branch.results[0], mul)
    assert dom.op_dominates(add, sub) and not dom.op_dominates(sub, add) and not dom.op_dominates(branch, mul)
    neg = g_entry.ops[0]
    assert not dom.dominates(add.result, neg) and not dom.dominates(arg, neg)


def test_call_graph() -> None:
    text = (_func("leaf", '  "func.return"() : () -> ()\n') + _func("mid", _call("leaf", 3))
            + _func("k", '  "func.call"() {callee = "mid"} : () -> ()\n' + _call("leaf", 5), extra="kernel = true, "))
    graph = AnalysisManager(parse_module(text)).get("callgraph")
    assert sorted(graph.graph.edges) == [("k", "leaf"), ("k", "mid"), ("mid", "leaf")]
    assert graph.bottom_up() == ["leaf", "mid", "k"]
    assert graph.callers("leaf") == ["k", "mid"] and graph.cycle() is None
    assert [op.loc.line for op in graph.graph.edges["k", "leaf"]["calls"]] == [5]


def test_integer_folding_semantics() -> None:
    assert wrap_int(200, i8) == -56 and wrap_int(-1, u8) == 255 and wrap_int(3, i1) is True
    assert int_binary("div", -7, 2, i32) == -3 and int_binary("rem", -7, 2, i32) == -1
    assert int_binary("rem", 7, -2, i32) == 1 and int_binary("div", 7, 0, i32) is None
    assert int_binary("shr", 0x80000000, 31, u32) == 1 and int_binary("shr", -2**31, 31, i32) == -1
    assert int_binary("shl", 1, 8, i8) is None and int_binary("shl", 1, 7, i8) == -128


def test_float_folding_semantics() -> None:
    assert float_binary("add", 2048.0, 1.0, f16) == 2048.0
    assert float_binary("div", 1.0, 0.0, f32) is None and float_binary("mul", 3e38, 10.0, f32) is None
    assert float_binary("max", float("nan"), 1.0, f32) == 1.0
    assert float_binary("max", float("nan"), 1.0, f32, propagate_nan=True) is None
    assert compare("ne", float("nan"), 1.0, f32) is True and compare("eq", float("nan"), float("nan"), f32) is False
    assert compare("lt", 4294967295, 1, u32) is False and compare("lt", -1, 1, i32) is True
    assert convert(-2.7, f32, i32) == -2 and convert(3e9, f32, i32) is None and convert(0.5, f32, i1) is True
    assert convert(65520.0, f32, f16) is None and convert(0.1, f32, f16, "rtz") is None


def _opt(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pantile.passes.opt", *args], input=stdin,
                          capture_output=True, text=True)


def test_opt_errors_and_exit_codes(tmp_path: Path) -> None:
    done = _opt("-", "--passes", "canonicalize,bogus", stdin=UNROLLED_LOOP)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("error: unknown pass 'bogus'; known passes: canonicalize, check-atomics, "
                           "check-bounds, check-device-assert, check-device-print, check-inline-asm, cse, dce, fold, "
                           "inline, licm, "
                           "lower-tensor-memory, pipeline-loads, "
                           "simt-assign-layouts, simt-guard-tile-stores, simt-kernel-tensor-maps, "
                           "simt-lower-uncopied-tiles, "
                           "simt-pipeline-loads, simt-remove-conversions, simt-tile-copy-arguments, "
                           "simt-tile-store-arguments, unroll\n")
    bad = tmp_path / "bad.mlir"
    bad.write_text(UNROLLED_LOOP.replace('"pt.constant"() {value = 1}', '"pt.constant"() {value = 1'))
    done = _opt(str(bad), "--passes", "cse")
    assert done.returncode == 1 and done.stdout == "" and done.stderr.startswith(f"{bad}:4:")
    assert ": error: " in done.stderr
    done = _opt(str(tmp_path / "missing.mlir"))
    assert (done.returncode, done.stderr) == (1, f"{tmp_path / 'missing.mlir'}: error: cannot read the file: "
                                                 "No such file or directory\n")
    done = _opt("-", "--passes", "unroll", stdin=UNROLLED_LOOP)
    assert done.returncode == 1 and done.stderr.startswith("k.py:5:13: error: unrolling this loop")


def test_opt_split_input_file_keeps_line_numbers() -> None:
    second = UNROLLED_LOOP.replace('"pt.constant"() {value = 0}', '"pt.constant"() {value = 0')
    done = _opt("-", "--split-input-file", stdin=UNROLLED_LOOP + "// -----\n" + second)
    assert done.returncode == 1 and done.stderr.startswith("<stdin>:15:")
    ok = _opt("-", "--split-input-file", "--passes", "dce", stdin=UNROLLED_LOOP + "// -----\n" + UNROLLED_LOOP)
    assert ok.returncode == 0 and ok.stdout.count("// -----\n") == 1 and ok.stdout.count('"scf.for"') == 0


def test_neutral_pipeline_runs_on_an_empty_module() -> None:
    module = Module()
    PassManager([make_pass(n) for n in ("inline", "canonicalize", "cse", "licm", "unroll", "dce")]).run(module)
    assert module.ops == []
