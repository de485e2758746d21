"""Golden tests: the exact IR text build_ir produces for small kernels, verified and round-tripped.

Regenerate after an intended change with `python3 tests/frontend/update_golden.py`, then review the diff.
"""
import os
from pathlib import Path

import pytest

from pantile.frontend import build_ir
from pantile.ir import print_module
from pantile.ir.parser import parse_module
from pantile.ir.verifier import verify

from frontend_kernels import golden_basic, golden_library

GOLDEN_DIR = Path(__file__).parent / "golden"
KERNEL_DIR = str(Path(golden_basic.__file__).parent) + os.sep
CASES = golden_basic.CASES + golden_library.CASES


def golden_text(case) -> str:
    """The module text with the kernels folder left out of locations, so goldens are machine independent."""
    module = build_ir(case.kernel, case.signature(), case.constexprs, case.arg_attrs)
    verify(module)
    text = print_module(module)
    assert print_module(parse_module(text)) == text
    return text.replace(KERNEL_DIR, "")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case) -> None:
    assert golden_text(case) == (GOLDEN_DIR / f"{case.name}.mlir").read_text()


def test_case_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(names) >= 65


def test_static_print_runs_at_compile_time(capsys) -> None:
    case = next(c for c in CASES if c.name == "static_checks")
    golden_text(case)
    assert capsys.readouterr().out == "compiling static_checks with BLOCK=8\n"


def test_a_method_call_statement_evaluates_its_receiver_once() -> None:
    text = golden_text(next(c for c in CASES if c.name == "method_call_statement"))
    assert text.count('"pt.atomic_rmw"') == 1
