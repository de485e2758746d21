"""Vector add: the first kernel of Triton's tutorials."""
import numpy as np

import pantile
import pantile.language as pl

from ._report import report


@pantile.jit
def add_kernel(x_ptr, y_ptr, out_ptr, n_elements, BLOCK_SIZE: pl.constexpr):
    pid = pl.program_id(axis=0)
    offsets = pid * BLOCK_SIZE + pl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    x = pl.load(x_ptr + offsets, mask=mask)
    y = pl.load(y_ptr + offsets, mask=mask)
    pl.store(out_ptr + offsets, x + y, mask=mask)


def add(x: np.ndarray, y: np.ndarray, block_size: int = 1024) -> np.ndarray:
    """x + y computed by add_kernel."""
    out = np.empty_like(x)
    n = x.size
    add_kernel[(pantile.cdiv(n, block_size),)](x, y, out, n, BLOCK_SIZE=block_size)
    return out


def main(n: int = 98_432) -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal(n, dtype=np.float32)
    y = rng.standard_normal(n, dtype=np.float32)
    np.testing.assert_array_equal(add(x, y), x + y)
    report("vector_add", lambda: add(x, y), bytes_moved=3 * x.nbytes)


if __name__ == "__main__":
    main()
