"""Triton's standard block functions built from the language's own operations, so every target has them:
sort, topk, flip, interleave, gather, histogram, squeeze, unsqueeze, reduce_or, xor_sum.

Sorting is a bitonic network over power-of-two blocks: each compare-exchange step views the sorted dimension as
(groups, 2, stride), splits the pairs apart, keeps or swaps them with `where`, and joins them back.
"""
from __future__ import annotations

from typing import Any

from pantile.ir import block_of, i32

from ..errors import LanguageError
from .core import builder, builtin, context, dtype, tensor, unwrap
from .creation import constexpr_int
from .elementwise import (as_tensor, binary, broadcast_shapes, broadcast_to_shape, cast, compare, emit, logical,
                          minimum, where)
from .reduction import _combine_op, _elementwise_combine, _extremum, _reduce
from .shape import expand_dims, join, permute, reshape, split


def _block(x: Any, fn: str) -> tensor:
    t = as_tensor(x)
    if not t.shape:
        raise LanguageError(f"{fn} needs a block, got a scalar of type {t.dtype}", "make a block first, e.g. tl.full")
    return t


def _dim(x: tensor, dim: Any, fn: str) -> int:
    rank = len(x.shape)
    d = rank - 1 if unwrap(dim) is None else constexpr_int(dim, f"{fn}: dim")
    if not -rank <= d < rank:
        raise LanguageError(f"{fn}: dim {d} is out of range for a block of rank {rank}")
    return d + rank if d < 0 else d


def _log2(n: int) -> int:
    return n.bit_length() - 1


def _range(n: int, rank: int, axis: int) -> tensor:
    """0..n-1 as an int32 block of rank `rank`, laid along `axis` (size 1 elsewhere)."""
    r = emit("pt.make_range", [], block_of((n,), i32), start=0, end=n)
    for a in range(rank):
        if a != axis:
            r = expand_dims(r, a)
    return r


def _move_last(x: tensor, axis: int) -> tuple[tensor, tuple[int, ...]]:
    """x with `axis` moved last, and the order that moves it back."""
    rank = len(x.shape)
    order = tuple(a for a in range(rank) if a != axis) + (axis,)
    back = tuple(order.index(a) for a in range(rank))
    return permute(x, order), back


def _pairs(x: tensor, axis: int) -> tuple[tensor, tensor, tuple[int, ...]]:
    """The two halves of size-2 dimension `axis`, and the order that puts their join back."""
    moved, back = _move_last(x, axis)
    lo, hi = split(moved)
    return lo, hi, back


def _unpair(lo: tensor, hi: tensor, back: tuple[int, ...]) -> tensor:
    return permute(join(lo, hi), back)


@builtin
def flip(x: Any, dim: Any = None) -> tensor:
    """`x` reversed along `dim` (the last when None)."""
    t = _block(x, "tl.flip")
    d = _dim(t, dim, "tl.flip")
    n = t.shape[d]
    bits = _log2(n)
    # Reversing an index of a power-of-two dimension flips each of its bits: one swap per bit.
    cube = reshape(t, t.shape[:d] + (2,) * bits + t.shape[d + 1:])
    for b in range(bits):
        lo, hi, back = _pairs(cube, d + b)
        cube = _unpair(hi, lo, back)
    return reshape(cube, t.shape)


@builtin
def interleave(a: Any, b: Any) -> tensor:
    """The elements of a and b alternated along the last dimension."""
    c = join(a, b)
    if len(c.shape) == 1:
        return c
    return reshape(c, c.shape[:-2] + (2 * c.shape[-2],))


def _compare_exchange(x: tensor, stage: int, stride: int, descending: bool) -> tensor:
    """One step of the bitonic network on the last dimension: elements `stride` apart are put in order, in
    direction alternating every 2**stage elements (all one direction in the last stage)."""
    n, batch = x.shape[-1], x.shape[:-1]
    groups = n // (2 * stride)
    lo, hi, back = _pairs(reshape(x, batch + (groups, 2, stride)), len(batch) + 1)
    if 2 ** stage < n:
        # Runs of 2**stage elements alternate direction: bit `stage` of an element's index (a bit of its group's
        # number) says which way, flipped for a descending sort.
        group = _range(groups, 2, 0)
        bit = binary("&", binary(">>", group, _log2(2 ** stage // (2 * stride))), 1)
        swap = binary("^", compare(">", lo, hi), compare("!=", bit, int(descending)))
    else:
        swap = compare("<" if descending else ">", lo, hi)
    return reshape(_unpair(where(swap, hi, lo), where(swap, lo, hi), back), x.shape)


def _check_last(x: tensor, dim: Any, fn: str) -> None:
    d = _dim(x, dim, fn)
    if d != len(x.shape) - 1:
        raise LanguageError(f"{fn} sorts along the last dimension only, got dim {d} of a rank-{len(x.shape)} block",
                            "permute the block so that dimension is last")


def _sorted(x: tensor, dim: Any, descending: Any, fn: str) -> tensor:
    _check_last(x, dim, fn)
    desc = bool(unwrap(descending))
    bits = _log2(x.shape[-1])
    for stage in range(1, bits + 1):
        for step in range(stage - 1, -1, -1):
            x = _compare_exchange(x, stage, 2 ** step, desc)
    return x


@builtin
def sort(x: Any, dim: Any = None, descending: Any = False) -> tensor:
    """`x` sorted along its last dimension (ascending unless `descending`)."""
    return _sorted(_block(x, "tl.sort"), dim, descending, "tl.sort")


@builtin
def bitonic_merge(x: Any, dim: Any = None, descending: Any = False) -> tensor:
    """A bitonic sequence along the last dimension (one ascending run then one descending, or the reverse) merged
    into sorted order."""
    t = _block(x, "tl.bitonic_merge")
    if _dim(t, dim, "tl.bitonic_merge") != len(t.shape) - 1:
        raise LanguageError("tl.bitonic_merge merges along the last dimension only",
                            "permute the block so that dimension is last")
    bits = _log2(t.shape[-1])
    for step in range(bits - 1, -1, -1):
        t = _compare_exchange(t, bits, 2 ** step, bool(unwrap(descending)))
    return t


@builtin
def topk(x: Any, k: Any, dim: Any = None, descending: Any = True) -> tensor:
    """The k largest (smallest unless `descending`) elements along the last dimension, best first; k is a power of
    two. As in Triton, a k below the dimension's size is picked out by tl.max / tl.min, so it comes out widened as
    theirs does (float16 and bfloat16 to float32, narrower integers to int32)."""
    t = _block(x, "tl.topk")
    _check_last(t, dim, "tl.topk")
    k = constexpr_int(k, "tl.topk: k")
    n = t.shape[-1]
    if k <= 0:
        raise LanguageError(f"tl.topk: k must be greater than 0, got {k}")
    if k & (k - 1):
        raise LanguageError(f"tl.topk: k must be a power of two, got {k}", "round k up to a power of two")
    if k > n:
        raise LanguageError(f"tl.topk: k ({k}) must not exceed the size of the selected dimension ({n})")
    desc = bool(unwrap(descending))
    if k == 1:
        return _extremum(t, len(t.shape) - 1, False, True, True, desc)
    s = _sorted(t, dim, desc, "tl.topk")
    if k == n:
        return s
    # Sorted best first, row 0 of the (n/k, k) view holds the top k and is the best of every column.
    rows = reshape(s, t.shape[:-1] + (n // k, k))
    return _extremum(rows, len(t.shape) - 1, False, True, False, desc)


def _pick(xs: list[tensor], ys: list[tensor]) -> list[tensor]:
    """Combine of (value, hit) pairs: the value of the side that was hit."""
    (v1, h1), (v2, h2) = xs, ys
    return [where(h1, v1, v2), logical("or", h1, h2)]


@builtin
def gather(src: Any, index: Any, axis: Any) -> tensor:
    """out[..., i, ...] = src[..., index[..., i, ...], ...] along `axis`; index has src's rank and its sizes
    off `axis`."""
    s, idx = _block(src, "tl.gather"), _block(index, "tl.gather")
    a = _dim(s, axis, "tl.gather")
    if len(idx.shape) != len(s.shape) or any(i != j for d, (i, j) in enumerate(zip(idx.shape, s.shape)) if d != a):
        raise LanguageError(f"tl.gather: index shape {list(idx.shape)} must equal source shape {list(s.shape)} "
                            f"except along axis {a}")
    if not idx.dtype.is_int() or idx.dtype.is_bool():
        raise LanguageError(f"tl.gather: index must hold integers, got {idx.dtype}")
    k = s.shape[a]
    shape = idx.shape[:a] + (idx.shape[a], k) + idx.shape[a + 1:]
    hit = compare("==", expand_dims(idx, a + 1), _range(k, len(shape), a + 1))
    values = broadcast_to_shape(expand_dims(s, a), shape)
    return _combine_op("pt.reduce", [values, broadcast_to_shape(hit, shape)], a + 1, _pick, {})[0]


@builtin
def histogram(input: Any, num_bins: Any, mask: Any = None) -> tensor:
    """int32 counts of the values 0..num_bins-1 in a rank-1 block (others, and masked-off lanes, not counted)."""
    x = _block(input, "tl.histogram")
    bins = constexpr_int(num_bins, "tl.histogram: num_bins")
    if len(x.shape) != 1 or not x.dtype.is_int() or x.dtype.is_bool():
        raise LanguageError(f"tl.histogram needs a rank-1 block of integers, got {x.handle.type}")
    hit = compare("==", expand_dims(x, 0), _range(bins, 2, 0))
    if unwrap(mask) is not None:
        hit = logical("and", hit, expand_dims(as_tensor(mask), 0))
    counts = cast(hit, dtype("int32"))
    return _reduce([counts], 1, _elementwise_combine("pt.add"), False, "tl.histogram")[0]


@builtin
def swizzle2d(i: Any, j: Any, size_i: Any, size_j: Any, size_g: Any) -> tuple[tensor, tensor]:
    """Row-major (i, j) in a size_i x size_j grid to its place when rows are taken size_g at a time, column by
    column within each group (the grouped ordering of tiled matmuls)."""
    ij = binary("+", binary("*", i, size_j), j)
    group_span = binary("*", size_g, size_j)
    first_row = binary("*", binary("//", ij, group_span), size_g)
    rows = minimum(binary("-", size_i, first_row), size_g)
    within = binary("%", ij, group_span)
    return binary("+", first_row, binary("%", within, rows)), binary("//", within, rows)


@builtin
def map_elementwise(scalar_fn: Any, *args: Any, pack: Any = 1) -> Any:
    """`scalar_fn` (a @jit function of scalars) applied to each element of the broadcast arguments; its body is
    generated once over whole blocks, so it must use elementwise operations (tl.where rather than `if` on values)."""
    blocks = [as_tensor(a) for a in args]
    if blocks:
        shape = broadcast_shapes(*(b.shape for b in blocks))
        blocks = [broadcast_to_shape(b, shape) for b in blocks]
    results = context().inline_call(unwrap(scalar_fn), blocks, builder().block)
    return results[0] if len(results) == 1 else tuple(results)


@builtin
def squeeze(x: Any, dim: Any) -> tensor:
    """`x` without its size-1 dimension `dim`."""
    t = _block(x, "tl.squeeze")
    d = _dim(t, dim, "tl.squeeze")
    if t.shape[d] != 1:
        raise LanguageError(f"tl.squeeze: dimension {d} of shape {list(t.shape)} has size {t.shape[d]}, not 1")
    if len(t.shape) == 1:
        return _reduce([t], 0, _elementwise_combine("pt.max"), False, "tl.squeeze")[0]
    return reshape(t, t.shape[:d] + t.shape[d + 1:])


@builtin
def unsqueeze(x: Any, dim: Any) -> tensor:
    """`x` with a new size-1 dimension at `dim`."""
    return expand_dims(x, dim)


def _bitwise_reduce(input: Any, axis: Any, keep_dims: Any, op: str, fn: str) -> tensor:
    x = as_tensor(input)
    if not x.dtype.is_int():
        raise LanguageError(f"{fn} needs integers, got {x.dtype}", "convert with .to(tl.int32) first")
    return _reduce([x], axis, _elementwise_combine(op), keep_dims, fn)[0]


@builtin
def reduce_or(input: Any, axis: Any, keep_dims: bool = False) -> tensor:
    """Bitwise or of the elements along `axis`."""
    return _bitwise_reduce(input, axis, keep_dims, "pt.or", "tl.reduce_or")


@builtin
def xor_sum(input: Any, axis: Any = None, keep_dims: bool = False) -> tensor:
    """Bitwise xor of the elements along `axis` (all when None)."""
    return _bitwise_reduce(input, axis, keep_dims, "pt.xor", "tl.xor_sum")


__all__ = ["bitonic_merge", "flip", "gather", "histogram", "interleave", "map_elementwise", "reduce_or", "sort", "squeeze",
           "swizzle2d", "topk", "unsqueeze", "xor_sum"]
