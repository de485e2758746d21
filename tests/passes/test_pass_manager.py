"""The pass manager: ordering by `requires`, analysis caching, dump-IR, timing, reproducers."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pantile.ir import Module
from pantile.ir.parser import parse_module
from pantile.ir.verifier import VerificationError
from pantile.passes import (ANALYSES, PASSES, Analysis, AnalysisManager, Pass, PassError, PassManager, make_pass,
                            neutral_pipeline, register)

KERNEL = '''"func.func"() ({
^bb0(%0: i32):
  %1 = "pt.constant"() {value = 0} : () -> i32
  %2 = "pt.add"(%0, %1) : (i32, i32) -> i32
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), kernel = true, sym_name = "k"} : () -> ()
'''

RUN_LOG: list[str] = []
COMPUTED: list[str] = []


@register
class CountingAnalysis(Analysis):
    """Counts how often it is computed."""

    name = "test-counting"

    def compute(self, module: Module) -> int:
        COMPUTED.append(self.name)
        return len(COMPUTED)


def _logging_pass(pass_name: str, needs: tuple = (), keeps: tuple = ()) -> type:
    class LoggingPass(Pass):
        name = pass_name
        requires = needs
        preserves = keeps

        def apply(self, module: Module, analyses: AnalysisManager) -> None:
            for req in self.requires:
                if req in ANALYSES:
                    analyses.get(req)
            RUN_LOG.append(self.name)
    return register(LoggingPass)


_logging_pass("test-a")
_logging_pass("test-b", needs=("test-a",))
_logging_pass("test-c", needs=("test-b", "test-counting"), keeps=("test-counting",))
_logging_pass("test-keeps-all", keeps=("*",))
_logging_pass("test-keeps-none")
_logging_pass("test-cycle-1", needs=("test-cycle-2",))
_logging_pass("test-cycle-2", needs=("test-cycle-1",))


@register
class FailingPass(Pass):
    """Raises after damaging the module, to show that the reproducer holds the IR from before."""

    name = "test-failing"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        module.ops[0].attributes["sym_name"] = "damaged"
        raise ZeroDivisionError("deliberate failure")


@register
class BreakingPass(Pass):
    """Leaves invalid IR behind (an add without operands)."""

    name = "test-breaking"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        module.ops[0].regions[0].entry.ops[1].set_operands([])


@register
class InspectingPass(Pass):
    """Only reads the module (modifies = False)."""

    name = "test-inspecting"
    modifies = False

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        RUN_LOG.append(self.name)


@register
class FailingCheck(InspectingPass):
    """Only reads the module, and fails."""

    name = "test-failing-check"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        raise ZeroDivisionError("deliberate failure")


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    RUN_LOG.clear()
    COMPUTED.clear()
    for var in ("PANTILE_DUMP_IR", "PANTILE_TIMING", "PANTILE_REPRO_DIR"):
        monkeypatch.delenv(var, raising=False)


def test_requires_reorders_passes_stably() -> None:
    pm = PassManager([make_pass("test-c"), make_pass("test-keeps-all"), make_pass("test-b"), make_pass("test-a")])
    assert pm.names == ["test-keeps-all", "test-a", "test-b", "test-c"]
    pm.run(parse_module(KERNEL))
    assert RUN_LOG == ["test-keeps-all", "test-a", "test-b", "test-c"]


def test_missing_required_pass_is_added() -> None:
    assert PassManager([make_pass("test-c")]).names == ["test-a", "test-b", "test-c"]


def test_graph_holds_passes_and_analyses() -> None:
    pm = PassManager([make_pass("test-a"), make_pass("test-b"), make_pass("test-c")])
    assert sorted(pm.graph.edges) == [(("analysis", "test-counting"), ("pass", 2)),
                                      (("pass", 0), ("pass", 1)), (("pass", 1), ("pass", 2))]


def test_given_order_kept_without_requirements() -> None:
    names = ["canonicalize", "dce", "cse", "canonicalize"]
    assert PassManager([make_pass(n) for n in names]).names == names
    assert [p.name for p in neutral_pipeline()] == ["inline", "lower-tensor-memory", "canonicalize", "cse", "licm",
                                                    "unroll", "canonicalize", "cse", "dce"]


def test_cycle_in_requirements_is_an_error() -> None:
    with pytest.raises(ValueError, match="passes require each other in a cycle: test-cycle-1 -> test-cycle-2"):
        PassManager([make_pass("test-cycle-1"), make_pass("test-cycle-2")])


def test_unknown_names() -> None:
    with pytest.raises(KeyError, match="unknown pass 'nope'; known passes: canonicalize, check-atomics, check-bounds, check-device-assert, check-device-print, check-inline-asm, cse, dce, fold"):
        make_pass("nope")
    with pytest.raises(KeyError, match="unknown analysis 'nope'"):
        AnalysisManager(Module()).get("nope")


def test_analysis_cached_until_a_pass_does_not_preserve_it() -> None:
    pm = PassManager([make_pass(n) for n in ("test-c", "test-keeps-all", "test-c", "test-keeps-none", "test-c")])
    pm.run(parse_module(KERNEL))
    assert RUN_LOG == ["test-a", "test-b", "test-c", "test-keeps-all", "test-c", "test-keeps-none", "test-c"]
    assert COMPUTED == ["test-counting", "test-counting"]


def test_analysis_manager_get_and_invalidate() -> None:
    am = AnalysisManager(Module())
    assert am.get("test-counting") == 1 and am.get("test-counting") == 1
    am.invalidate(("test-counting",))
    assert am.is_cached("test-counting")
    am.invalidate(())
    assert not am.is_cached("test-counting")
    assert am.get("test-counting") == 2


def test_dump_ir_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("PANTILE_DUMP_IR", "1")
    PassManager([make_pass("canonicalize"), make_pass("dce")]).run(parse_module(KERNEL))
    out = capsys.readouterr().out
    body = '''"func.func"() ({
^bb0(%0: i32):
  "func.return"() : () -> ()
}) {function_type = !(i32) -> (), kernel = true, sym_name = "k"} : () -> ()
'''
    assert out == ("// -----// IR Dump After canonicalize (1/2) //----- //\n" + body
                   + "// -----// IR Dump After dce (2/2) //----- //\n" + body)


def test_dump_ir_to_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "dumps"
    monkeypatch.setenv("PANTILE_DUMP_IR", str(target))
    PassManager([make_pass("test-a"), make_pass("canonicalize")]).run(parse_module(KERNEL))
    assert sorted(os.listdir(target)) == ["01-test-a.mlir", "02-canonicalize.mlir"]
    assert (target / "01-test-a.mlir").read_text() == KERNEL
    assert '"pt.add"' not in (target / "02-canonicalize.mlir").read_text()


def test_timing_table(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("PANTILE_TIMING", "1")
    PassManager([make_pass("test-c"), make_pass("cse")]).run(parse_module(KERNEL))
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "===-- pantile pass timing --==="
    names = [re.split(r"\s{2,}", line.strip())[0] for line in err[2:]]
    assert names == ["test-a", "test-b", "(analysis) test-counting", "test-c", "(analysis) dominance", "cse", "total"]
    assert all(re.fullmatch(r".*\s\d+\.\d{3}\s+\d+\.\d", line) for line in err[2:])


def test_no_timing_or_dump_by_default(capsys: pytest.CaptureFixture) -> None:
    PassManager([make_pass("canonicalize")]).run(parse_module(KERNEL))
    assert capsys.readouterr() == ("", "")


def test_reproducer_on_failure(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PANTILE_REPRO_DIR", str(tmp_path))
    with pytest.raises(PassError) as info:
        PassManager([make_pass("canonicalize"), make_pass("test-failing"), make_pass("dce")]).run(parse_module(KERNEL))
    err = info.value
    assert err.pass_name == "test-failing" and isinstance(err.error, ZeroDivisionError)
    assert str(err) == ("pass 'test-failing' failed: ZeroDivisionError: deliberate failure\n"
                        f"reproducer (the IR before the pass): {err.reproducer}\n"
                        f"rerun it with: python -m pantile.passes.opt {err.reproducer} --passes test-failing")
    assert Path(err.reproducer).parent == tmp_path
    assert Path(err.reproducer).read_text() == (
        "// pantile reproducer: pass 'test-failing' failed: ZeroDivisionError: deliberate failure\n"
        "// pass list: canonicalize,test-failing,dce\n"
        "// RUN: test-failing\n"
        '"func.func"() ({\n^bb0(%0: i32):\n  "func.return"() : () -> ()\n'
        '}) {function_type = !(i32) -> (), kernel = true, sym_name = "k"} : () -> ()\n')


def test_reproducer_goes_to_a_temp_dir_by_default() -> None:
    with pytest.raises(PassError) as info:
        PassManager([make_pass("test-failing")]).run(parse_module(KERNEL))
    path = Path(info.value.reproducer)
    assert path.parent.name.startswith("pantile-repro-") and path.read_text().endswith(KERNEL)


def test_invalid_ir_after_a_pass_is_a_pass_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTILE_REPRO_DIR", str(tmp_path))
    with pytest.raises(PassError) as info:
        PassManager([make_pass("test-breaking")]).run(parse_module(KERNEL))
    assert isinstance(info.value.error, VerificationError)
    assert str(info.value).startswith("pass 'test-breaking' failed: VerificationError: -:0:0: error: 'pt.add' op "
                                      "expects 2 operands")
    assert Path(info.value.reproducer).read_text().endswith(KERNEL)
    PassManager([make_pass("test-breaking")], verify_each=False).run(parse_module(KERNEL))


def test_inspecting_passes_are_not_followed_by_verification(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    """A pass declared `modifies = False` is not followed by a verification, and when only such passes run the
    reproducer of a failure is the module as it stands (nothing was printed before they ran)."""
    verified: list[Module] = []
    monkeypatch.setattr("pantile.passes.manager.verify", verified.append)
    monkeypatch.setenv("PANTILE_REPRO_DIR", str(tmp_path))
    PassManager([make_pass("test-a"), make_pass("test-inspecting"), make_pass("test-b")]).run(parse_module(KERNEL))
    assert RUN_LOG == ["test-a", "test-inspecting", "test-b"]
    assert len(verified) == 3          # the input, then after test-a and test-b
    verified.clear()
    with pytest.raises(PassError) as info:
        PassManager([make_pass("test-failing-check")]).run(parse_module(KERNEL))
    assert len(verified) == 1          # the input only
    assert Path(info.value.reproducer).read_text().endswith(KERNEL)


def test_invalid_input_is_reported_before_any_pass() -> None:
    bad = KERNEL.replace('"pt.add"(%0, %1) : (i32, i32)', '"pt.add"(%0) : (i32)')
    with pytest.raises(VerificationError, match="'pt.add' op expects 2 operands"):
        PassManager([make_pass("test-a")]).run(parse_module(bad))
    assert RUN_LOG == []


def test_dump_ir_in_a_subprocess_shows_every_pass(tmp_path: Path) -> None:
    (tmp_path / "k.mlir").write_text(KERNEL)
    env = dict(os.environ, PANTILE_DUMP_IR="1")
    out = subprocess.run([sys.executable, "-m", "pantile.passes.opt", str(tmp_path / "k.mlir"),
                          "--passes", "fold,canonicalize"], env=env, capture_output=True, text=True, check=True).stdout
    assert re.findall(r"IR Dump After (\S+)", out) == ["fold", "canonicalize"]


def test_registry_rejects_duplicates() -> None:
    with pytest.raises(ValueError, match="'cse' is registered twice"):
        _logging_pass("cse")
    assert PASSES["cse"].__name__ == "CSE"
