"""Compile time grows linearly with the kernel: a chain of elementwise ops four times as long must cost at most
six times the time from source to optimised LLVM IR (frontend, passes, lowering, LLVM's optimiser). A
quadratic step (LLVM's loop vectoriser over an uncapped loop body) costs 16 times; four times, rather than
two, leaves room for the noise of a loaded machine (a doubling measured 2.9x once under pytest -n 2).

CPU seconds of this process, not wall clock, so that other users of the machine do not decide the outcome;
LLVM runs here rather than in the compile worker so that its time is counted too.
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import numpy as np
import pytest

import pantile
from pantile.targets.cpu.engine import emit_object
from pantile.targets.cpu.target import OPT_LEVEL

_BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "compile_time.py"
_spec = importlib.util.spec_from_file_location("compile_time_benchmark", _BENCHMARK)
compile_time = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compile_time)

BLOCK = 128
SHORT = 1500
LONG = 4 * SHORT


def _reference(x: np.ndarray, n: int) -> np.ndarray:
    """The chain's steps in float32, as the kernel computes them."""
    steps = (lambda v: v + np.float32(1.0), lambda v: v * np.float32(0.5), lambda v: v - np.float32(0.25))
    for i in range(n):
        x = steps[i % 3](x)
    return x


def _compile_seconds(kernel, x: np.ndarray, out: np.ndarray) -> float:
    start = time.process_time()
    compiled = kernel.warmup(x, out, BLOCK=BLOCK, grid=(1,))
    emit_object(compiled.asm["llir"], OPT_LEVEL, isolated=False)
    return time.process_time() - start


@pytest.mark.serial     # CPU time still grows with another worker on the same cores: 6.06x once in a -n 2 run
def test_a_four_times_longer_chain_of_elementwise_ops_costs_at_most_six_times_the_compile_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTILE_NO_CACHE", "1")
    x = np.linspace(-4, 4, BLOCK, dtype=np.float32)
    out = np.empty_like(x)
    with pantile.target("cpu"):
        _compile_seconds(compile_time.load_chain(8, str(tmp_path)), x, out)   # imports and first-use costs
        short, long = (min(_compile_seconds(compile_time.load_chain(n, str(tmp_path)), x, out) for _ in range(2))
                       for n in (SHORT, LONG))
        compile_time.load_chain(LONG, str(tmp_path))[(1,)](x, out, BLOCK=BLOCK)
    np.testing.assert_allclose(out, _reference(x, LONG), rtol=1e-6)
    assert long / short <= 6, f"chain of {SHORT} ops: {short:.2f} s, {LONG} ops: {long:.2f} s"
