"""Triton's standard block functions called with what Triton refuses: each fails with an exact message at the
line marked `# ERR`."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import bad

BAD: list = []


@jit
def topk_of(ptr, K: tl.constexpr, DIM: tl.constexpr):
    x = tl.load(ptr + tl.arange(0, 8)[:, None] * 16 + tl.arange(0, 16)[None, :])
    y = tl.topk(x, K, dim=DIM)  # ERR
    tl.store(ptr + tl.arange(0, 8)[:, None] * 16 + tl.arange(0, K)[None, :], y)


@bad(BAD, "*f32", 9, "tl.topk: k must be greater than 0, got 0", error_in=topk_of)
@jit
def topk_zero(ptr):
    topk_of(ptr, 0, None)


@bad(BAD, "*f32", 9, "tl.topk: k must be a power of two, got 10", "round k up to a power of two",
     error_in=topk_of)
@jit
def topk_not_power_of_two(ptr):
    topk_of(ptr, 10, None)


@bad(BAD, "*f32", 9, "tl.topk: k (32) must not exceed the size of the selected dimension (16)", error_in=topk_of)
@jit
def topk_wider_than_the_block(ptr):
    topk_of(ptr, 32, None)


@bad(BAD, "*f32", 9, "tl.topk sorts along the last dimension only, got dim 0 of a rank-2 block",
     "permute the block so that dimension is last", error_in=topk_of)
@jit
def topk_along_rows(ptr):
    topk_of(ptr, 4, 0)
