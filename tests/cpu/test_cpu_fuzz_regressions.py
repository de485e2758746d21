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


# Long-run seeds 1824, 1856, 2965, 2966, 3117 (python -m tests.fuzz --seed 1824 --n 1 --targets cpu): tl.min / tl.max
# along rows 8 wide gave another element of the row for some rows. Rows under 16 elements were one loop of combines,
# which LLVM's loop vectoriser cut into one vector of 4 and dropped the remaining 3; they are now straight-line code.
# CI seeds 170 and 199, on a Zen 4 host only: the same vectoriser packed iterations of a long row's loop over 8
# partial results and left out those past its last full vector (elements 40..63 of 64); that loop is kept from it.
@pytest.mark.parametrize("dtype", ("float32", "int32"))
@pytest.mark.parametrize("shape", ((8, 8), (2, 8), (4, 4), (16, 16), (4, 16), (2, 64), (1, 128), (4, 256)))
def test_row_min_and_max(shape, dtype):
    rng = np.random.default_rng(1)
    x = rng.standard_normal(shape).astype(dtype) if dtype == "float32" else rng.integers(-99, 99, shape).astype(dtype)
    for row in range(shape[0]):        # the extremes in the last element, past the first vector of 4 combines
        x[row, -1] = x[row].max() + 1 if row % 2 else x[row].min() - 1
    lo, hi = np.zeros(shape[0], dtype), np.zeros(shape[0], dtype)
    with pantile.target("cpu"):
        row_extremes[(1,)](x, lo, hi, M=shape[0], N=shape[1])
    np.testing.assert_array_equal(lo, x.min(1))
    np.testing.assert_array_equal(hi, x.max(1))


def test_a_long_rows_reduction_loop_is_kept_from_the_loop_vectoriser():
    """Whether LLVM vectorises that loop depends on the host's vector units: CI's may not show the bug above."""
    x, lo, hi = np.ones((2, 64), np.float32), np.zeros(2, np.float32), np.zeros(2, np.float32)
    with pantile.target("cpu"):
        kernel = row_extremes[(1,)](x, lo, hi, M=2, N=64)
    assert '!"llvm.loop.vectorize.enable", i1 false' in kernel.asm["llir"]
