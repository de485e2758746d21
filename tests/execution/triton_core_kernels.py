"""Kernels for test_triton_core_semantics.py: constructs from Triton 3.6's own language tests."""
import pantile as triton
import pantile.language as tl


@triton.jit
def subscripts_like_triton(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    offs = tl.arange(0, M)[:, None] * N + tl.arange(0, N)[None, :]
    x = tl.load(x_ptr + offs)
    lifted = x[None]                                   # a leading None on a rank-2 tensor: (1, M, N)
    tl.static_assert(lifted.shape == [1, M, N])
    total = tl.sum(tl.sum(x, 1), 0)
    corner = total[None, None, :]                      # Nones on a scalar, the ':' past its rank: (1, 1)
    tl.static_assert(corner.shape == [1, 1])
    tl.store(out_ptr + offs, tl.reshape(lifted, (M, N)) + corner)
