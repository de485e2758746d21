"""Program ids and new blocks: program_id, num_programs, arange, zeros, zeros_like, full."""
from __future__ import annotations

from typing import Any, Sequence

from pantile.ir import block_of, i32

from ..errors import LanguageError
from .core import builtin, dtype, tensor, unwrap
from .elementwise import as_tensor, broadcast_to_shape, cast, constant, emit
from .promotion import is_number

MAX_NUMEL = 1 << 20


def constexpr_int(value: Any, what: str) -> int:
    """`value` as a compile-time int, or a LanguageError saying `what` needed one."""
    value = unwrap(value)
    if isinstance(value, tensor):
        raise LanguageError(f"{what} must be a compile-time integer, got a runtime tensor",
                            "pass a literal or a tl.constexpr parameter")
    if isinstance(value, bool) or not isinstance(value, int):
        raise LanguageError(f"{what} must be an integer, got {value!r}",
                            "pass an int: a literal or a tl.constexpr parameter")
    return value


def check_shape(shape: Any, fn: str) -> tuple[int, ...]:
    """A block shape of compile-time powers of two (an int means a rank-1 shape)."""
    shape = unwrap(shape)
    dims = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    out = []
    for i, d in enumerate(dims):
        d = constexpr_int(d, f"{fn}: shape element {i}")
        if d <= 0 or d & (d - 1):
            raise LanguageError(f"{fn}: shape element {i} must be a power of 2, got {d}",
                                "round it up with triton.next_power_of_2 and mask the extra elements")
        out.append(d)
    n = 1
    for d in out:
        n *= d
    if n > MAX_NUMEL:
        raise LanguageError(f"{fn}: a block of {n} elements is larger than the limit of {MAX_NUMEL}",
                            "split the work over more programs")
    return tuple(out)


def _axis(axis: Any, fn: str) -> int:
    a = constexpr_int(axis, f"{fn}: axis")
    if a not in (0, 1, 2):
        raise LanguageError(f"{fn} axis must be 0, 1, or 2 but got {a}")
    return a


@builtin
def program_id(axis: int) -> tensor:
    """The index of this program along grid axis 0, 1 or 2."""
    return emit("pt.program_id", [], i32, axis=_axis(axis, "tl.program_id"))


@builtin
def num_programs(axis: int) -> tensor:
    """The number of programs along grid axis 0, 1 or 2."""
    return emit("pt.num_programs", [], i32, axis=_axis(axis, "tl.num_programs"))


@builtin
def arange(start: int, end: int) -> tensor:
    """The block [start, end) of int32; end - start must be a power of 2."""
    s, e = constexpr_int(start, "tl.arange: start"), constexpr_int(end, "tl.arange: end")
    if e <= s:
        raise LanguageError(f"tl.arange needs end > start, got start={s} and end={e}",
                            "give the bounds in increasing order; for a descending block use end - 1 - tl.arange(...)")
    n = e - s
    if n & (n - 1):
        raise LanguageError(f"tl.arange's length must be a power of 2, got {n}",
                            "round it up with triton.next_power_of_2 and mask the extra lanes")
    check_shape(n, "tl.arange")
    return emit("pt.make_range", [], block_of((n,), i32), start=s, end=e)


def _dtype_arg(dt: Any, fn: str) -> dtype:
    dt = unwrap(dt)
    if not isinstance(dt, dtype):
        raise LanguageError(f"{fn}: dtype must be a tl dtype such as tl.float32, got {dt!r}",
                            "pass one of tl.float32, tl.float16, tl.int32, ... (or a parameter holding one)")
    return dt


def _full(shape: Any, value: Any, dt: Any, fn: str) -> tensor:
    dims = check_shape(shape, fn)
    dt = _dtype_arg(dt, fn)
    value = unwrap(value)
    if isinstance(value, tensor):
        if value.shape:
            raise LanguageError(f"{fn} needs a scalar value", "use tl.broadcast_to for blocks")
        return broadcast_to_shape(cast(value, dt), dims)
    if not is_number(value):
        raise LanguageError(f"{fn}'s value must be a number or a scalar tensor, got {value!r}")
    return constant(value, dt, dims)


@builtin
def full(shape: Sequence[int], value: Any, dtype: dtype) -> tensor:
    """A block of `shape` filled with `value`."""
    return _full(shape, value, dtype, "tl.full")


@builtin
def zeros(shape: Sequence[int], dtype: dtype) -> tensor:
    """A block of `shape` filled with zeros."""
    return _full(shape, 0, dtype, "tl.zeros")


@builtin
def zeros_like(input: tensor) -> tensor:
    """Zeros of the shape and dtype of `input`."""
    x = as_tensor(input)
    return constant(0, x.dtype, x.shape)


@builtin
def full_like(input: tensor, value: Any) -> tensor:
    """`value` in the shape and dtype of `input`."""
    x = as_tensor(input)
    return full(x.shape, value, x.dtype) if x.shape else cast(as_tensor(value), x.dtype)


__all__ = ["program_id", "num_programs", "arange", "full", "zeros", "zeros_like", "full_like"]
