"""Operand layouts of the FMA dot: each thread holds the rows of A and columns of B it needs."""
from __future__ import annotations

from .linear_layout import LinearLayout, log2


def dot_operand_layout(acc: LinearLayout, index: int, shape: tuple[int, int]) -> LinearLayout:
    """The layout of dot operand `index` (0 = A[M, K], 1 = B[K, N]) for accumulator layout `acc`.

    The accumulator's lane and warp bits are projected onto A's rows (B's
    columns); bits that walk along the other matrix dimension become
    replication. The whole K dimension lives in registers, so every product
    term of a thread's accumulators is local to it.
    """
    k = shape[1] if index == 0 else shape[0]
    if index == 0:
        keep = lambda v: (v[0], 0)                          # noqa: E731  (m, n) -> (m, k=0)
        k_bases = tuple((0, 1 << j) for j in range(log2(k)))
        regs = tuple(keep(v) for v in acc.register if v[0]) + k_bases
    else:
        keep = lambda v: (0, v[1])                          # noqa: E731  (m, n) -> (k=0, n)
        k_bases = tuple((1 << j, 0) for j in range(log2(k)))
        regs = k_bases + tuple(keep(v) for v in acc.register if v[1])
    return LinearLayout(regs, tuple(keep(v) for v in acc.lane), tuple(keep(v) for v in acc.warp), tuple(shape))
