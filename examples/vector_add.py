"""Vector add: the first kernel of Triton's tutorials."""
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from .harness import Example, Workload, run


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


def setup(size: tuple[int, ...], dtype: np.dtype) -> Workload:
    """Two random vectors of `size` elements and their exact sum."""
    rng = np.random.default_rng(0)
    x, y = ((rng.standard_normal(size) * 100).astype(dtype) for _ in range(2))
    return Workload(lambda: add(x, y), lambda out: np.testing.assert_array_equal(out, x + y),
                    bytes_moved=3 * x.nbytes)


EXAMPLE = Example("vector_add", "out = x + y over a vector, one block of 1024 elements per program.",
                  ("N",), (98_432,), ("float32", "float16", "int32"), setup)


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """The example's command line (--size N --dtype --target); returns the exit status."""
    return run(EXAMPLE, argv, prog)


if __name__ == "__main__":
    sys.exit(main())
