"""Compile-time checks and prints, device prints and asserts, barriers and compiler hints."""
from __future__ import annotations

import builtins
from typing import Any, Sequence

from ..errors import LanguageError
from .core import builder, builtin, tensor, unwrap
from .elementwise import as_tensor, compare, emit, logical, maximum, minimum, to_bool, unary


@builtin
def static_assert(cond: Any, msg: str = "") -> None:
    """Fail compilation with `msg` when the compile-time `cond` is false."""
    cond = unwrap(cond)
    if isinstance(cond, tensor):
        raise LanguageError("tl.static_assert needs a compile-time condition, got a runtime tensor",
                            "use tl.device_assert for runtime checks")
    if not cond:
        raise LanguageError(f"static_assert failed: {msg}" if msg else "static_assert failed",
                            "the kernel's compile-time values break this assertion")


@builtin
def static_print(*values: Any, sep: str = " ", end: str = "\n", flush: bool = False) -> None:
    """Print compile-time values (tensors as their types) while the kernel compiles."""
    builtins.print(*(v.handle.type if isinstance(v, tensor) else unwrap(v) for v in values), sep=sep, end=end,
                   flush=flush)


@builtin
def device_print(prefix: str, *args: Any, hex: bool = False) -> None:
    """Print `prefix` and runtime values from every program (pt.print)."""
    prefix = unwrap(prefix)
    if not isinstance(prefix, str):
        raise LanguageError(f"tl.device_print needs a string prefix first, got {prefix!r}",
                            'e.g. tl.device_print("x = ", x)')
    values = [as_tensor(a, "a printed value") for a in args]
    builder().create("pt.print", [v.handle for v in values], [], {"prefix": prefix, **({"hex": True} if hex else {})})


@builtin
def python_print(*args: Any) -> None:
    """Python's print inside a kernel: a device print, the first string being the prefix."""
    if args and isinstance(unwrap(args[0]), str):
        device_print(unwrap(args[0]), *args[1:])
    else:
        device_print("", *args)



@builtin
def device_assert(cond: Any, msg: str = "", mask: Any = None) -> None:
    """Abort the kernel with `msg` where `cond` is false (and `mask`, when given, is true); compiled in only in
    debug builds (@jit(debug=True), PANTILE_DEBUG=1), as in Triton."""
    c = to_bool(cond)
    if mask is not None:
        c = logical("or", c, unary("not", mask))
    builder().create("pt.assert", [c.handle], [], {"message": str(unwrap(msg))})


@builtin
def expect_zero(x: Any, mask: Any) -> Any:
    """`x` unchanged, marked as expected to have underflowed to zero where `mask` is true (Triton's
    tl.expect_zero); debug builds check it there."""
    device_assert(compare("==", x, 0), "expect_zero expected x == 0 where mask is true", mask)
    return x


@builtin
def debug_barrier() -> None:
    """Synchronise the threads of one program."""
    builder().create("pt.barrier")


def _hint(name: str, input: Any, values: Any) -> tensor:
    x = as_tensor(input)
    values = unwrap(values)
    vals = list(values) if isinstance(values, (tuple, list)) else [values]
    if not all(isinstance(unwrap(v), int) and not isinstance(unwrap(v), bool) for v in vals):
        raise LanguageError(f"tl.{name} needs compile-time integers, got {values!r}")
    if not (x.dtype.is_int() or x.dtype.is_ptr()):
        raise LanguageError(f"tl.{name} applies to integer or pointer tensors, got {x.dtype}",
                            "apply it to the offsets or the pointers")
    if len(vals) != builtins.max(1, len(x.shape)):
        raise LanguageError(f"tl.{name} needs one value per dimension: {len(vals)} given for shape "
                            f"{list(x.shape)}")
    return emit(f"pt.{name}", [x], x.handle.type, values=[unwrap(v) for v in vals])


@builtin
def multiple_of(input: Any, values: Any) -> tensor:
    """Hint: every element of `input` is a multiple of `values` (per dimension)."""
    return _hint("multiple_of", input, values)


@builtin
def max_contiguous(input: Any, values: Any) -> tensor:
    """Hint: `input` holds runs of `values` consecutive integers (per dimension)."""
    return _hint("max_contiguous", input, values)


@builtin
def max_constancy(input: Any, values: Any) -> tensor:
    """Hint: `input` holds runs of `values` equal elements (per dimension)."""
    return _hint("max_constancy", input, values)


@builtin
def assume(cond: Any) -> None:
    """Hint: the scalar condition holds."""
    c = to_bool(cond)
    if c.shape:
        raise LanguageError("tl.assume needs a scalar condition", "assume a property of a scalar")
    builder().create("pt.assume", [c.handle])


def _fold(name: str, fn: Any, python_fn: Any, args: Sequence[Any]) -> Any:
    args = [unwrap(a) for a in args]
    if len(args) == 1 and isinstance(args[0], tuple):
        args = list(args[0])
    if not args:
        raise LanguageError(f"{name}() needs at least one value")
    if not any(isinstance(a, tensor) for a in args):
        try:
            return python_fn(args)
        except TypeError as e:
            raise LanguageError(f"{name}() failed on compile-time values: {e}") from None
    acc = args[0]
    for a in args[1:]:
        acc = fn(acc, a)
    return acc


@builtin
def python_min(*args: Any) -> Any:
    """min() in a kernel: Python's on compile-time values, tl.minimum on tensors."""
    return _fold("min", minimum, builtins.min, args)


@builtin
def python_max(*args: Any) -> Any:
    """max() in a kernel: Python's on compile-time values, tl.maximum on tensors."""
    return _fold("max", maximum, builtins.max, args)


__all__ = ["static_assert", "static_print", "device_print", "device_assert", "debug_barrier", "multiple_of",
           "max_contiguous", "max_constancy", "assume"]
