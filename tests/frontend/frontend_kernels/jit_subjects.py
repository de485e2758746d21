"""Functions for the JITFunction tests: string annotations, globals, helpers, recursion."""
from __future__ import annotations

import pantile.language as tl
from pantile.frontend import jit

SCALE: tl.constexpr = tl.constexpr(2)
PLAIN = 7
SIZES = (16, 32)
UNUSED = 1


@jit
def helper(x):
    return x * SCALE


@jit
def ping(x, N: tl.constexpr):
    if N > 0:
        return pong(x, N - 1)
    return x


@jit
def pong(x, N: tl.constexpr):
    return ping(x, N)


@jit(do_not_specialize=["n"], noinline=True)
def kernel(x_ptr, n, BLOCK: tl.constexpr, flag: "tl.constexpr" = False, scale=1.5):
    tl.store(x_ptr, helper(tl.load(x_ptr)) + PLAIN + n + SIZES[0])
