"""Shape operations: reshape, view, permute, trans, expand_dims, broadcast, join, split, cat, ravel."""
from __future__ import annotations

from typing import Any

from pantile.ir import block_of

from ..errors import LanguageError
from .core import builder, builtin, tensor, unwrap
from .creation import check_shape, constexpr_int
from .elementwise import as_tensor, broadcast_shapes, broadcast_to_shape, emit


def _dims(args: tuple) -> tuple:
    # Shapes and orders come either as varargs or as one tuple, as in Triton.
    args = tuple(unwrap(a) for a in args)
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(unwrap(a) for a in args[0])
    return args


def _block(input: Any, fn: str) -> tensor:
    x = as_tensor(input)
    if not x.shape:
        raise LanguageError(f"{fn} needs a block, got a scalar of type {x.dtype}", "make a block first, e.g. tl.full")
    return x


@builtin
def reshape(input: Any, *shape: int, can_reorder: bool = False) -> tensor:
    """The elements of `input` in row-major order, in a new shape."""
    x = _block(input, "tl.reshape")
    dims = check_shape(_dims(shape), "tl.reshape")
    if x.numel != _numel(dims):
        raise LanguageError(f"tl.reshape cannot reshape {list(x.shape)} ({x.numel} elements) to {list(dims)}",
                            "the new shape must have the same number of elements")
    if dims == x.shape:
        return x
    return emit("pt.reshape", [x], block_of(dims, x.handle.type.scalar), can_reorder=True if unwrap(can_reorder) else None)


@builtin
def view(input: Any, *shape: int) -> tensor:
    """A reshape that may reorder elements."""
    return reshape(input, _dims(shape), can_reorder=True)


@builtin
def ravel(x: Any, can_reorder: bool = False) -> tensor:
    """The elements of `x` as a rank-1 block."""
    t = _block(x, "tl.ravel")
    return reshape(t, (t.numel,), can_reorder=can_reorder)


def _numel(dims: tuple) -> int:
    n = 1
    for d in dims:
        n *= d
    return n


@builtin
def permute(input: Any, *dims: int) -> tensor:
    """The dimensions of `input` reordered: result dimension i is input dimension dims[i]."""
    x = _block(input, "tl.permute")
    order = tuple(constexpr_int(d, "tl.permute: dimension") for d in _dims(dims))
    if sorted(order) != list(range(len(x.shape))):
        raise LanguageError(f"tl.permute: {list(order)} is not a permutation of the {len(x.shape)} dimensions",
                            f"give each of 0..{len(x.shape) - 1} once")
    if order == tuple(range(len(x.shape))):
        return x
    return emit("pt.permute", [x], block_of(tuple(x.shape[i] for i in order), x.handle.type.scalar), order=list(order))


@builtin
def trans(input: Any, *dims: int) -> tensor:
    """permute(input, dims), reversing the dimensions when none are given."""
    x = _block(input, "tl.trans")
    order = _dims(dims) or tuple(reversed(range(len(x.shape))))
    return permute(x, order)


@builtin
def expand_dims(input: Any, axis: Any) -> tensor:
    """`input` with a new dimension of size 1 at `axis` (or at each axis of a tuple)."""
    x = as_tensor(input)
    axes = _dims((axis,))
    rank = len(x.shape) + len(axes)
    given = [constexpr_int(a, "tl.expand_dims: axis") for a in axes]
    hint = f"use distinct axes from {-rank} to {rank - 1}"
    for a in given:
        if not -rank <= a < rank:
            raise LanguageError(f"tl.expand_dims: invalid axis {a}. Expected {-rank} <= axis < {rank}", hint)
    norm = [a + rank if a < 0 else a for a in given]
    if len(set(norm)) != len(norm):
        raise LanguageError(f"tl.expand_dims received duplicate axes, normalized axes = {norm}", hint)
    for a in sorted(norm):
        if not x.shape:
            x = emit("pt.splat", [x], block_of((1,), x.handle.type))
            continue
        x = emit("pt.expand_dims", [x], block_of(x.shape[:a] + (1,) + x.shape[a:], x.handle.type.scalar), axis=a)
    return x


@builtin
def broadcast_to(input: Any, *shape: int) -> tensor:
    """`input` broadcast to `shape`."""
    return broadcast_to_shape(as_tensor(input), check_shape(_dims(shape), "tl.broadcast_to"))


@builtin
def broadcast(input: Any, other: Any) -> tuple:
    """Both arguments broadcast to their common shape."""
    x, y = as_tensor(input), as_tensor(other)
    shape = broadcast_shapes(x.shape, y.shape)
    return broadcast_to_shape(x, shape), broadcast_to_shape(y, shape)


@builtin
def join(a: Any, b: Any) -> tensor:
    """a and b stacked along a new trailing dimension of size 2."""
    x, y = broadcast(a, b)
    if x.handle.type != y.handle.type:
        raise LanguageError(f"tl.join needs operands of one dtype, got {x.dtype} and {y.dtype}",
                            "convert one with .to(...)")
    if not x.shape:   # two scalars: a block of 2, joined as blocks of one element (pt.join takes blocks)
        return reshape(join(broadcast_to(x, (1,)), broadcast_to(y, (1,))), (2,))
    return emit("pt.join", [x, y], block_of(x.shape + (2,), x.handle.type.scalar))


@builtin
def split(a: Any) -> tuple:
    """The two halves of a block whose last dimension has size 2."""
    x = _block(a, "tl.split")
    if x.shape[-1] != 2:
        raise LanguageError(f"tl.split needs a last dimension of size 2, got shape {list(x.shape)}",
                            "reshape so the last dimension is 2")
    if len(x.shape) == 1:   # two scalars: halves of one element each
        return tuple(_only_element(h, "tl.split") for h in split(reshape(x, (1, 2))))
    op = builder().create("pt.split", [x.handle], [block_of(x.shape[:-1], x.handle.type.scalar)] * 2)
    return tensor(op.results[0]), tensor(op.results[1])


def _only_element(x: tensor, fn: str) -> tensor:
    # A reduction over the one element is how the IR turns a block into a scalar.
    from .reduction import _reduce
    return _reduce([reshape(x, (1,))], 0, lambda xs, ys: [xs[0]], False, fn)[0]


@builtin
def item(input: Any) -> tensor:
    """The only element of a one-element block, as a scalar; a scalar is returned as it is."""
    x = as_tensor(input)
    if not x.shape:
        return x
    if x.numel != 1:
        raise LanguageError(f"tensor.item() needs a block of one element, got shape {list(x.shape)}",
                            "reduce the block first, e.g. with tl.sum or tl.max")
    return _only_element(x, "tensor.item")


@builtin
def cat(input: Any, other: Any, can_reorder: bool = False) -> tensor:
    """Two rank-1 blocks of one type, concatenated."""
    x, y = _block(input, "tl.cat"), _block(other, "tl.cat")
    if x.handle.type != y.handle.type or len(x.shape) != 1:
        raise LanguageError(f"tl.cat needs two rank-1 blocks of one type, got {x.handle.type} and {y.handle.type}",
                            "reshape or convert the operands first")
    return emit("pt.cat", [x, y], block_of((2 * x.shape[0],), x.handle.type.scalar))


__all__ = ["reshape", "view", "ravel", "permute", "trans", "expand_dims", "broadcast_to", "broadcast", "join",
           "split", "cat"]
