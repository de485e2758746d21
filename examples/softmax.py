"""Fused row-wise softmax: one read and one write of each row."""
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from .harness import Example, Workload, run


@pantile.jit
def softmax_kernel(out_ptr, in_ptr, in_row_stride, out_row_stride, n_rows, n_cols, BLOCK_SIZE: pl.constexpr):
    row_start = pl.program_id(0)
    row_step = pl.num_programs(0)
    for row in range(row_start, n_rows, row_step):
        cols = pl.arange(0, BLOCK_SIZE)
        mask = cols < n_cols
        row_vals = pl.load(in_ptr + row * in_row_stride + cols, mask=mask, other=-float("inf"))
        shifted = row_vals - pl.max(row_vals, axis=0)
        num = pl.exp(shifted)
        den = pl.sum(num, axis=0)
        pl.store(out_ptr + row * out_row_stride + cols, num / den, mask=mask)


def softmax(x: np.ndarray, programs: int = 64) -> np.ndarray:
    """Row-wise softmax of a 2-D float32 array."""
    rows, cols = x.shape
    out = np.empty_like(x)
    grid = (min(rows, programs),)
    softmax_kernel[grid](out, x, x.strides[0] // 4, out.strides[0] // 4, rows, cols,
                         BLOCK_SIZE=pantile.next_power_of_2(cols))
    return out


def reference(x: np.ndarray) -> np.ndarray:
    """numpy softmax along the last axis."""
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def setup(size: tuple[int, ...], dtype: np.dtype) -> Workload:
    """A random ROWSxCOLS matrix and numpy's softmax of it."""
    x = np.random.default_rng(0).standard_normal(size, dtype=np.float32).astype(dtype)
    return Workload(lambda: softmax(x), lambda out: np.testing.assert_allclose(out, reference(x), rtol=1e-5,
                                                                              atol=1e-7),
                    bytes_moved=2 * x.nbytes)


EXAMPLE = Example("softmax", "Row-wise softmax, each row read once and written once.", ("ROWS", "COLS"),
                  (1823, 781), ("float32",), setup)


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """The example's command line (--size ROWSxCOLS --target); returns the exit status."""
    return run(EXAMPLE, argv, prog)


if __name__ == "__main__":
    sys.exit(main())
