"""Layer normalisation forward: one program per row, statistics in float32."""
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from .harness import Example, Workload, run


@pantile.jit
def layer_norm_kernel(x_ptr, y_ptr, w_ptr, b_ptr, mean_ptr, rstd_ptr, stride, n_cols, eps,
                      BLOCK_SIZE: pl.constexpr):
    row = pl.program_id(0)
    x_ptr += row * stride
    y_ptr += row * stride
    partial = pl.zeros([BLOCK_SIZE], dtype=pl.float32)
    for off in range(0, n_cols, BLOCK_SIZE):
        cols = off + pl.arange(0, BLOCK_SIZE)
        partial += pl.load(x_ptr + cols, mask=cols < n_cols, other=0.0).to(pl.float32)
    mean = pl.sum(partial, axis=0) / n_cols
    partial = pl.zeros([BLOCK_SIZE], dtype=pl.float32)
    for off in range(0, n_cols, BLOCK_SIZE):
        cols = off + pl.arange(0, BLOCK_SIZE)
        x = pl.load(x_ptr + cols, mask=cols < n_cols, other=0.0).to(pl.float32)
        centred = pl.where(cols < n_cols, x - mean, 0.0)
        partial += centred * centred
    var = pl.sum(partial, axis=0) / n_cols
    rstd = 1 / pl.sqrt(var + eps)
    pl.store(mean_ptr + row, mean)
    pl.store(rstd_ptr + row, rstd)
    for off in range(0, n_cols, BLOCK_SIZE):
        cols = off + pl.arange(0, BLOCK_SIZE)
        mask = cols < n_cols
        w = pl.load(w_ptr + cols, mask=mask)
        b = pl.load(b_ptr + cols, mask=mask)
        x = pl.load(x_ptr + cols, mask=mask, other=0.0).to(pl.float32)
        y = (x - mean) * rstd * w + b
        pl.store(y_ptr + cols, y.to(y_ptr.dtype.element_ty), mask=mask)


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Normalise each row of x, then scale by w and shift by b."""
    rows, cols = x.shape
    y = np.empty_like(x)
    mean = np.empty(rows, dtype=np.float32)
    rstd = np.empty(rows, dtype=np.float32)
    block = min(pantile.next_power_of_2(cols), 4096)
    layer_norm_kernel[(rows,)](x, y, w, b, mean, rstd, x.strides[0] // x.itemsize, cols, eps, BLOCK_SIZE=block)
    return y


def reference(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """numpy layer norm."""
    xf = x.astype(np.float32)
    mu = xf.mean(axis=1, keepdims=True)
    var = ((xf - mu) ** 2).mean(axis=1, keepdims=True)
    return ((xf - mu) / np.sqrt(var + eps) * w + b).astype(x.dtype)


TOLERANCE = {"float32": 1e-4, "float16": 1e-2}


def setup(size: tuple[int, ...], dtype: np.dtype) -> Workload:
    """A random ROWSxCOLS input, weights and biases, and numpy's layer norm of them."""
    rng = np.random.default_rng(0)
    rows, cols = size
    x = rng.standard_normal((rows, cols), dtype=np.float32).astype(dtype)
    w = rng.standard_normal(cols, dtype=np.float32).astype(dtype)
    b = rng.standard_normal(cols, dtype=np.float32).astype(dtype)
    tol = TOLERANCE[dtype.name]
    return Workload(lambda: layer_norm(x, w, b),
                    lambda out: np.testing.assert_allclose(out.astype(np.float32), reference(x, w, b).astype(
                        np.float32), rtol=tol, atol=tol), bytes_moved=2 * x.nbytes)


EXAMPLE = Example("layer_norm", "Layer normalisation forward, one program per row, statistics in float32.",
                  ("ROWS", "COLS"), (1151, 1731), tuple(TOLERANCE), setup)


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """The example's command line (--size ROWSxCOLS --dtype --target); returns the exit status."""
    return run(EXAMPLE, argv, prog)


if __name__ == "__main__":
    sys.exit(main())
