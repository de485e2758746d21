"""Layer normalisation forward: one program per row, statistics in float32."""
import numpy as np

import pantile
import pantile.language as pl

from ._report import report


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


def main(rows: int = 1151, cols: int = 1731) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((rows, cols), dtype=np.float32)
    w = rng.standard_normal(cols, dtype=np.float32)
    b = rng.standard_normal(cols, dtype=np.float32)
    np.testing.assert_allclose(layer_norm(x, w, b), reference(x, w, b), rtol=1e-4, atol=1e-4)
    report("layer_norm", lambda: layer_norm(x, w, b), bytes_moved=2 * x.nbytes)


if __name__ == "__main__":
    main()
