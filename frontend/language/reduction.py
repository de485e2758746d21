"""Reductions and scans with combine regions: reduce, sum, max, min, argmax, argmin, scans, softmax."""
from __future__ import annotations

from typing import Any, Callable, Optional

from pantile.ir import Block, Region, block_of, i32

from ..errors import LanguageError
from .core import builder, builtin, context, dtype, tensor, unwrap
from .creation import constexpr_int
from .elementwise import (as_tensor, binary, broadcast_to_shape, cast, compare, emit, exp, fdiv, logical,
                          where)
from .shape import expand_dims, reshape

Combine = Callable[[list[tensor], list[tensor]], list[tensor]]


def _inputs(input: Any) -> list[tensor]:
    items = list(input) if isinstance(unwrap(input), tuple) else [input]
    return [as_tensor(x) for x in items]


def _axis(axis: Any, rank: int, fn: str) -> int:
    a = constexpr_int(axis, f"{fn}: axis")
    if not -rank <= a < rank:
        raise LanguageError(f"{fn}: axis {a} is out of range for a block of rank {rank}",
                            f"use an axis from {-rank} to {rank - 1}")
    return a + rank if a < 0 else a


def _numbers(inputs: list[tensor], fn: str) -> None:
    for t in inputs:
        if t.dtype.is_ptr():
            raise LanguageError(f"{fn} needs integer or float values, got {t.dtype}",
                                "load the values first, or convert pointers with .to(tl.int64)")


def _combine_op(op_name: str, inputs: list[tensor], axis: int, combine: Combine, attrs: dict) -> list[tensor]:
    """pt.reduce / pt.scan of `inputs` along `axis` with a combine region built by `combine`."""
    elems = [t.handle.type.scalar for t in inputs]
    block = Block(elems * 2)
    with builder().at(block):
        n = len(inputs)
        results = combine([tensor(a) for a in block.args[:n]], [tensor(a) for a in block.args[n:]])
        if len(results) != n or [r.handle.type for r in results] != elems:
            got = ", ".join(str(r.handle.type) for r in results)
            raise LanguageError(f"the combine function returns ({got}) but ({', '.join(map(str, elems))}) is "
                                "needed", "return one value of each input's element type")
        builder().create("pt.yield", [r.handle for r in results])
    shape = inputs[0].shape
    out = shape if op_name == "pt.scan" else shape[:axis] + shape[axis + 1:]
    op = builder().create(op_name, [t.handle for t in inputs], [block_of(out, e) for e in elems],
                          {"axis": axis, **attrs}, [Region([block])])
    return [tensor(r) for r in op.results]


def _reduce(inputs: list[tensor], axis: Any, combine: Combine, keep_dims: Any, fn: str) -> list[tensor]:
    if any(not t.shape for t in inputs):
        raise LanguageError(f"{fn} needs a block, got a scalar", "reduce a block, e.g. one made with tl.arange")
    _numbers(inputs, fn)
    shapes = {t.shape for t in inputs}
    if len(shapes) != 1:
        raise LanguageError(f"{fn} needs blocks of one shape, got {', '.join(str(list(s)) for s in shapes)}")
    rank = len(inputs[0].shape)
    axis = unwrap(axis)
    if axis is None:
        flat = [reshape(t, (t.numel,), can_reorder=True) if rank > 1 else t for t in inputs]
        results = _combine_op("pt.reduce", flat, 0, combine, {})
        if unwrap(keep_dims):
            results = [reshape(expand_dims(r, 0), (1,) * rank) if rank > 1 else expand_dims(r, 0) for r in results]
        return results
    a = _axis(axis, rank, fn)
    results = _combine_op("pt.reduce", inputs, a, combine, {})
    return [expand_dims(r, a) for r in results] if unwrap(keep_dims) else results


def _jit_combine(combine_fn: Any) -> Combine:
    return lambda xs, ys: context().inline_call(unwrap(combine_fn), xs + ys, builder().block)


def _pack(results: list[tensor], like: Any) -> Any:
    return tuple(results) if isinstance(unwrap(like), tuple) else results[0]


@builtin
def reduce(input: Any, axis: Any, combine_fn: Any, keep_dims: bool = False) -> Any:
    """Reduce `input` (a tensor or a tuple of tensors) along `axis` with a @jit combine function."""
    return _pack(_reduce(_inputs(input), axis, _jit_combine(combine_fn), keep_dims, "tl.reduce"), input)


@builtin
def associative_scan(input: Any, axis: Any, combine_fn: Any, reverse: bool = False) -> Any:
    """Inclusive scan of `input` along `axis` with a @jit combine function."""
    inputs = _inputs(input)
    return _pack(_scan(inputs, axis, _jit_combine(combine_fn), reverse, "tl.associative_scan"), input)


def _scan(inputs: list[tensor], axis: Any, combine: Combine, reverse: Any, fn: str) -> list[tensor]:
    if not inputs[0].shape:
        raise LanguageError(f"{fn} needs a block, got a scalar")
    _numbers(inputs, fn)
    a = _axis(axis, len(inputs[0].shape), fn)
    return _combine_op("pt.scan", inputs, a, combine, {"reverse": True} if unwrap(reverse) else {})


def _elementwise_combine(op: str) -> Combine:
    return lambda xs, ys: [emit(op, [xs[0], ys[0]], xs[0].handle.type)]


def _sum_dtype(x: tensor, dt: Any) -> tensor:
    # Triton sums narrow integers in 32 bits and bfloat16 in float32.
    dt = unwrap(dt)
    if dt is None:
        src = x.dtype
        if src.is_bool() or (src.is_int_signed() and src.int_bitwidth < 32):
            dt = dtype("int32")
        elif src.is_int_unsigned() and src.int_bitwidth < 32:
            dt = dtype("uint32")
        elif src == dtype("bf16"):
            dt = dtype("fp32")
    return cast(x, dt) if dt is not None else x


def _widen(x: tensor) -> tensor:
    # Triton's max/min/argmax/argmin compute below 32 bits in float32 or int32.
    if x.dtype.primitive_bitwidth < 32 and not x.dtype.is_ptr():
        return cast(x, dtype("fp32") if x.dtype.is_floating() else dtype("int32"))
    return x


@builtin
def sum(input: Any, axis: Any = None, keep_dims: bool = False, dtype: Optional[dtype] = None) -> tensor:
    """The sum along `axis` (all elements when None)."""
    x = _sum_dtype(as_tensor(input), dtype)
    return _reduce([x], axis, _elementwise_combine("pt.add"), keep_dims, "tl.sum")[0]


def _index_block(x: tensor, axis: int) -> tensor:
    n = x.shape[axis]
    idx = emit("pt.make_range", [], block_of((n,), i32), start=0, end=n)
    for a in range(len(x.shape)):
        if a != axis:
            idx = expand_dims(idx, a)
    return broadcast_to_shape(idx, x.shape)


def _arg_combine(greater: bool, tie_break_left: bool, is_float: bool) -> Combine:
    # Triton skips NaN in max/min and argmax/argmin (its interpreter uses nanargmax). Its combine only compares,
    # so which NaN survives depends on the reduction tree; here a NaN ranks below every number and, among NaNs,
    # the larger index wins (an all-NaN slice gives its last index, as a left-to-right fold does), so every
    # target and tree give one answer.
    def combine(xs: list[tensor], ys: list[tensor]) -> list[tensor]:
        """Keep the better (value, index) pair of the two."""
        (v1, i1), (v2, i2) = xs, ys
        better = compare(">" if greater else "<", v1, v2)
        if tie_break_left:
            better = logical("or", better, logical("and", compare("==", v1, v2), compare("<", i1, i2)))
        if is_float:
            # Comparisons with a NaN are false, so `better` is already right unless v2 is NaN.
            v1_is_number, v2_is_nan = compare("==", v1, v1), compare("!=", v2, v2)
            over_nan = logical("and", v2_is_nan, logical("or", v1_is_number, compare(">", i1, i2)))
            better = logical("or", better, over_nan)
        return [where(better, v1, v2), where(better, i1, i2)]
    return combine


def _arg_reduce(input: Any, axis: Any, tie_break_left: Any, keep_dims: Any, greater: bool,
                fn: str) -> tuple[tensor, tensor]:
    x = _widen(as_tensor(input))
    if not x.shape:
        raise LanguageError(f"{fn} needs a block, got a scalar")
    if unwrap(axis) is None:
        x, axis = (reshape(x, (x.numel,), can_reorder=True) if len(x.shape) > 1 else x), 0
    a = _axis(axis, len(x.shape), fn)
    combine = _arg_combine(greater, bool(unwrap(tie_break_left)), x.dtype.is_floating())
    v, i = _reduce([x, _index_block(x, a)], a, combine, keep_dims, fn)
    return v, i


def _extremum(input: Any, axis: Any, return_indices: Any, tie_break_left: Any, keep_dims: Any,
              greater: bool) -> Any:
    fn = "tl.max" if greater else "tl.min"
    if unwrap(return_indices):
        return _arg_reduce(input, axis, tie_break_left, keep_dims, greater, fn)
    x = _widen(as_tensor(input))
    return _reduce([x], axis, _elementwise_combine("pt.max" if greater else "pt.min"), keep_dims, fn)[0]


@builtin
def max(input: Any, axis: Any = None, return_indices: bool = False, return_indices_tie_break_left: bool = True,
        keep_dims: bool = False) -> Any:
    """The maximum along `axis`; with return_indices, also its index."""
    return _extremum(input, axis, return_indices, return_indices_tie_break_left, keep_dims, True)


@builtin
def min(input: Any, axis: Any = None, return_indices: bool = False, return_indices_tie_break_left: bool = True,
        keep_dims: bool = False) -> Any:
    """The minimum along `axis`; with return_indices, also its index."""
    return _extremum(input, axis, return_indices, return_indices_tie_break_left, keep_dims, False)


@builtin
def argmax(input: Any, axis: Any, tie_break_left: bool = True, keep_dims: bool = False) -> tensor:
    """The index of the maximum along `axis` (the smallest such index when tie_break_left)."""
    return _arg_reduce(input, axis, tie_break_left, keep_dims, True, "tl.argmax")[1]


@builtin
def argmin(input: Any, axis: Any, tie_break_left: bool = True, keep_dims: bool = False) -> tensor:
    """The index of the minimum along `axis` (the smallest such index when tie_break_left)."""
    return _arg_reduce(input, axis, tie_break_left, keep_dims, False, "tl.argmin")[1]


@builtin
def cumsum(input: Any, axis: Any = 0, reverse: bool = False, dtype: Optional[dtype] = None) -> tensor:
    """Inclusive prefix sum along `axis`."""
    x = _sum_dtype(as_tensor(input), dtype)
    return _scan([x], axis, _elementwise_combine("pt.add"), reverse, "tl.cumsum")[0]


@builtin
def cumprod(input: Any, axis: Any = 0, reverse: bool = False) -> tensor:
    """Inclusive prefix product along `axis`."""
    x = as_tensor(input)
    if x.dtype == dtype("bf16"):
        x = cast(x, dtype("fp32"))
    return _scan([x], axis, _elementwise_combine("pt.mul"), reverse, "tl.cumprod")[0]


@builtin
def softmax(input: Any, dim: Any = None, keep_dims: bool = False, ieee_rounding: bool = False) -> tensor:
    """exp(x - max(x)) / sum(exp(x - max(x))) along `dim` (0 when None)."""
    d = 0 if unwrap(dim) is None else dim
    z = binary("-", input, max(input, d, keep_dims=keep_dims))
    num = exp(z)
    den = sum(num, d, keep_dims=keep_dims)
    return fdiv(num, den, ieee_rounding)


__all__ = ["reduce", "associative_scan", "sum", "max", "min", "argmax", "argmin", "cumsum", "cumprod", "softmax"]
