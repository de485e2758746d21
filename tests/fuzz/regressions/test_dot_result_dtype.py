"""Fuzz seeds 178 and 208: tl.dot of float64 blocks without an accumulator summed in float32 (Triton: float64)."""
import numpy as np

import pantile
import pantile.language as tl


@pantile.jit
def f64_dot(a_ptr, b_ptr, c_ptr, N: tl.constexpr):
    idx = tl.arange(0, N)[:, None] * N + tl.arange(0, N)[None, :]
    tl.store(c_ptr + idx, tl.dot(tl.load(a_ptr + idx), tl.load(b_ptr + idx)))


def test_float64_dot_accumulates_in_float64(requires) -> None:
    requires(dtypes=["f64"], dot=["f64"])
    rng = np.random.default_rng(178)
    # integers below 2**20: every product and partial sum is exact in float64 and none in float32
    a, b = (rng.integers(-(1 << 20), 1 << 20, (16, 16)).astype(np.float64) for _ in range(2))
    c = np.zeros((16, 16), np.float64)
    f64_dot[(1,)](a, b, c, N=16)
    np.testing.assert_array_equal(c, (a.astype(np.int64) @ b.astype(np.int64)).astype(np.float64))
