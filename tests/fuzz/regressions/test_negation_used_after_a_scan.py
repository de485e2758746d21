"""Reduced from fuzz seed 306: a negated block stored after a scan or a reduction came back with another work-item's
values on intel:spirv: Intel's OpenCL CPU compiler does not keep an `fneg` per work-item across a barrier
(tests/intel/test_intel_compiler_bugs.py, docs/intel-opencl-cpu.md); the target negates as fma(x, -1, -0)."""
import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.runtime.args import NUMPY_ELEMENT_NAMES


@pantile.jit
def negate_scan_and_store(x_ptr, scan_ptr, neg_ptr, AXIS: tl.constexpr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = -tl.load(x_ptr + offs)
    tl.store(scan_ptr + offs, tl.cumsum(x, axis=AXIS))
    tl.store(neg_ptr + offs, x)


@pytest.mark.parametrize("dtype", ("float16", "float32", "float64"))
@pytest.mark.parametrize("axis", (0, 1))
def test_negated_block_is_intact_after_a_scan(axis, dtype, requires) -> None:
    requires(dtypes=[NUMPY_ELEMENT_NAMES[dtype]])
    x = (np.arange(2 * 64) % 7 - 3).astype(dtype).reshape(2, 64)    # small integers: every sum is exact
    x[0, 0] = -0.0
    scanned, negated = np.zeros_like(x), np.zeros_like(x)
    negate_scan_and_store[(1,)](x, scanned, negated, AXIS=axis, M=2, N=64)
    np.testing.assert_array_equal(negated, -x)
    assert np.signbit(negated[0, 0]) == 0                       # -(-0.0) is +0.0: the sign bit flipped
    np.testing.assert_array_equal(scanned, np.cumsum(-x, axis=axis))


@pantile.jit
def negate_sum_and_store(x_ptr, sum_ptr, neg_ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    x = -tl.load(x_ptr + offs)
    tl.store(sum_ptr, tl.sum(x, axis=0))      # a reduction across warps: a barrier between the negation and its store
    tl.store(neg_ptr + offs, x)


@pytest.mark.parametrize("dtype", ("float16", "float32", "float64"))
def test_negated_block_is_intact_after_a_reduction(dtype, requires) -> None:
    requires(dtypes=[NUMPY_ELEMENT_NAMES[dtype]])
    x = (np.arange(128) % 9 - 4).astype(dtype)
    total, negated = np.zeros(1, dtype), np.zeros_like(x)
    negate_sum_and_store[(1,)](x, total, negated, N=128)
    np.testing.assert_array_equal(negated, -x)
    assert total[0] == -x.sum()
