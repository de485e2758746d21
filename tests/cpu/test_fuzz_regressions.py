"""Reduced kernels of failures the differential fuzzer (tests/fuzz) found on the cpu target alone."""
import numpy as np
import pytest

import pantile
import pantile.language as tl


@pantile.jit
def row_extremes(x_ptr, min_ptr, max_ptr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + offs)
    tl.store(min_ptr + tl.arange(0, M), tl.min(x, axis=1))
    tl.store(max_ptr + tl.arange(0, M), tl.max(x, axis=1))


# Long-run seeds 1824, 1856, 2965 (int32), 2966, 3117 (python -m tests.fuzz --seed 1824 --n 1 --targets cpu): tl.min /
# tl.max along rows 8 wide give another element of the row for some rows; sums, 16-wide rows (which take the
# lane-parallel path of targets/cpu/reduce.py; rows under 16 take the single chain) and the other targets are right.
EIGHT_WIDE = pytest.mark.xfail(strict=True, reason="float min/max along rows of 8 elements is wrong on cpu (not fixed yet)")


@pytest.mark.parametrize("shape", [pytest.param((8, 8), marks=EIGHT_WIDE), pytest.param((2, 8), marks=EIGHT_WIDE),
                                   (16, 16), (4, 16)])
def test_float_row_min_and_max(shape):
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    lo, hi = np.zeros(shape[0], np.float32), np.zeros(shape[0], np.float32)
    with pantile.target("cpu"):
        row_extremes[(1,)](x, lo, hi, M=shape[0], N=shape[1])
    np.testing.assert_array_equal(lo, x.min(1))
    np.testing.assert_array_equal(hi, x.max(1))
