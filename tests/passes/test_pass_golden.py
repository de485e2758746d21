"""Golden tests: each file under golden/ is `// RUN: passes`, optionally `// PRINT-ANALYSIS: name`,
the input IR, a `// CHECK:` line and the exact expected output."""
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pantile.ir import print_module
from pantile.ir.parser import parse_module
from pantile.passes import AnalysisManager, PassManager, known_passes, neutral_pipeline
from pantile.passes.opt import SPLIT_MARKER, make_configured_pass, split_pass_list

known_passes()   # registers the targets' passes too, and with them the layout syntax their goldens use
GOLDEN_DIR = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN_DIR.glob("*.mlir"))


@dataclass
class Golden:
    """One golden file, split into its parts."""

    passes: list[str]
    analysis: str | None
    input: str
    expected: str


def load(path: Path) -> Golden:
    """Split a golden file; a malformed one fails the test that reads it."""
    head, sep, expected = path.read_text().partition("// CHECK:\n")
    assert sep, f"{path.name} has no '// CHECK:' line"
    lines = head.splitlines(keepends=True)
    assert lines[0].startswith("// RUN:"), f"{path.name} must start with '// RUN: passes'"
    analysis = None
    body = lines[1:]
    if body and body[0].startswith("// PRINT-ANALYSIS:"):
        analysis = body[0].split(":", 1)[1].strip()
        body = body[1:]
    return Golden(split_pass_list(lines[0][len("// RUN:"):]), analysis, "".join(body), expected)


def without_annotations(text: str) -> str:
    """The IR of an annotated output: the analysis' comment lines removed."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("// %"))


def test_enough_golden_files_cover_every_pass_and_analysis() -> None:
    goldens = [load(p) for p in FILES]
    assert len(goldens) >= 45
    used = {name for g in goldens for name in g.passes} | {g.analysis for g in goldens if g.analysis}
    used = {name.partition("{")[0] for name in used}
    assert used >= {"canonicalize", "fold", "cse", "dce", "inline", "licm", "unroll", "axis-info",
                    "simt-assign-layouts", "simt-remove-conversions"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_golden_output(path: Path) -> None:
    g = load(path)
    module = parse_module(g.input, str(path))
    PassManager([make_configured_pass(n) for n in g.passes], verify_each=True).run(module)
    got = AnalysisManager(module).get(g.analysis).format(module) if g.analysis else print_module(module)
    assert got == g.expected


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_golden_round_trips(path: Path) -> None:
    g = load(path)
    assert print_module(parse_module(g.input, str(path))) == g.input
    expected_ir = without_annotations(g.expected)
    assert (expected_ir != g.expected) == (g.analysis is not None)
    assert print_module(parse_module(expected_ir, str(path))) == expected_ir


def _groups() -> dict[str, list[Path]]:
    """Golden files by opt arguments, so that one opt process runs each group with --split-input-file."""
    groups: dict[str, list[Path]] = {}
    for path in FILES:
        g = load(path)
        key = ",".join(g.passes) + (f"|{g.analysis}" if g.analysis else "")
        groups.setdefault(key, []).append(path)
    return groups


@pytest.mark.parametrize("key", sorted(_groups()))
def test_opt_command_on_golden(key: str) -> None:
    goldens = [load(p) for p in _groups()[key]]
    args = [sys.executable, "-m", "pantile.passes.opt", "-", "--split-input-file",
            "--passes", ",".join(goldens[0].passes)]
    if goldens[0].analysis:
        args += ["--print-analysis", goldens[0].analysis]
    done = subprocess.run(args, input=SPLIT_MARKER.join(g.input for g in goldens), capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == SPLIT_MARKER.join(g.expected for g in goldens)


def test_every_golden_file_reaches_the_opt_command() -> None:
    assert sorted(p for paths in _groups().values() for p in paths) == FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_neutral_pipeline_reaches_a_fixed_point(path: Path) -> None:
    module = parse_module(load(path).input, str(path))
    PassManager(neutral_pipeline()).run(module)
    once = print_module(module)
    PassManager(neutral_pipeline()).run(module)
    assert print_module(module) == once
