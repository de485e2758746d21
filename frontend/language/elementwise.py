"""Elementwise semantics: constants, broadcasting, casts, operators with Triton's promotion, math."""
from __future__ import annotations

import enum
from typing import Any, Optional, Sequence

from pantile.ir import Type, block_of

from ..errors import LanguageError
from .core import builder, builtin, dtype, tensor, unwrap
from .promotion import computation_type, fp32, int1, is_number, kind, python_dtype


class PropagateNan(enum.Enum):
    """Whether tl.maximum/minimum return NaN when an operand is NaN (ALL) or the other operand (NONE)."""

    NONE = 0
    ALL = 0xFFFF


def emit(name: str, operands: Sequence[tensor], result_type: Type, **attrs: Any) -> tensor:
    """Create one single-result op; attributes given as None are left out."""
    kept = {k: v for k, v in attrs.items() if v is not None}
    return tensor(builder().value(name, [t.handle for t in operands], result_type, **kept))


def constant(value: Any, dt: dtype, shape: tuple[int, ...] = ()) -> tensor:
    """A pt.constant of `dt` (a block of `shape` filled with `value` when shape is not ())."""
    if dt.is_ptr():
        raise LanguageError(f"there are no constants of type {dt}", "offset a pointer argument instead")
    if dt.is_floating():
        value = float(value)
    elif dt.is_bool():
        value = int(bool(value))
    else:
        value = int(value)
        lo, hi = ((0, 2**dt.int_bitwidth) if dt.is_int_unsigned()
                  else (-2**(dt.int_bitwidth - 1), 2**(dt.int_bitwidth - 1)))
        if not lo <= value < hi:
            raise LanguageError(f"integer constant {value} is out of range for {dt}",
                                f"use a value in [{lo}, {hi - 1}] or cast the other operand to a wider type")
    return emit("pt.constant", [], block_of(shape, dt.to_ir()), value=value)


def as_tensor(x: Any, what: str = "operand") -> tensor:
    """A tensor for `x`: tensors pass, Python numbers become constants of Triton's dtype for them."""
    x = unwrap(x)
    if isinstance(x, tensor):
        return x
    if is_number(x):
        return constant(x, python_dtype(x))
    raise LanguageError(f"{what} must be a tensor or a number, got {type(x).__name__} {x!r}")


@builtin
def to_tensor(x: Any) -> tensor:
    """`x` as a tensor (Triton's tl.to_tensor): a Python number becomes a 0-d tensor of the dtype Triton gives it
    (int1; int32, uint32, int64 or uint64 by range; fp32, or fp64 beyond float32's normal range)."""
    return as_tensor(x, "tl.to_tensor's argument")


def shape_of(x: Any) -> tuple[int, ...]:
    """The shape of a tensor; () for a Python number."""
    return x.shape if isinstance(x, tensor) else ()


def _fmt(shape: Sequence[int]) -> str:
    return str(list(shape))


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """NumPy's broadcast of several shapes, or a LanguageError naming them."""
    rank = max(len(s) for s in shapes)
    out = []
    for i in range(rank):
        dims = {s[i - rank + len(s)] for s in shapes if i - rank + len(s) >= 0} - {1}
        if len(dims) > 1:
            texts = [_fmt(s) for s in shapes]
            raise LanguageError(f"cannot broadcast shapes {', '.join(texts[:-1])} and {texts[-1]}",
                                "make the sizes equal or give one of them size 1 in that dimension "
                                "(e.g. x[:, None])")
        out.append(dims.pop() if dims else 1)
    return tuple(out)


def broadcast_to_shape(x: tensor, shape: tuple[int, ...]) -> tensor:
    """`x` splat, expanded on the left and stretched to `shape`."""
    if x.shape == shape:
        return x
    broadcast_shapes(x.shape, shape)
    if len(x.shape) > len(shape) or any(s != d and s != 1 for s, d in zip(x.shape[::-1], shape[::-1])):
        raise LanguageError(f"cannot broadcast shape {_fmt(x.shape)} to {_fmt(shape)}",
                            "the target shape must keep every dimension of size greater than 1")
    if not x.shape:
        return emit("pt.splat", [x], block_of(shape, x.handle.type))
    while len(x.shape) < len(shape):
        x = emit("pt.expand_dims", [x], block_of((1,) + x.shape, x.handle.type.scalar), axis=0)
    if x.shape != shape:
        x = emit("pt.broadcast", [x], block_of(shape, x.handle.type.scalar))
    return x


def number_fits(x: Any, dt: dtype) -> bool:
    """True when Python number `x` may take dtype `dt` without changing kind (bool < int < float)."""
    return is_number(x) and not dt.is_ptr() and kind(python_dtype(x)) <= kind(dt)


def convert(x: Any, dt: dtype, shape: tuple[int, ...]) -> tensor:
    """`x` (tensor or Python number) as `dt` with `shape`: constants are made at the final shape."""
    if is_number(x):
        return constant(x, dt, shape)
    return broadcast_to_shape(cast(x, dt), shape)


def _check_dtype(x: dtype) -> dtype:
    if not isinstance(x, dtype):
        raise LanguageError(f"expected a dtype such as tl.float32, got {type(x).__name__} {x!r}")
    return x


@builtin
def cast(input: Any, dtype: dtype, fp_downcast_rounding: Optional[str] = None, bitcast: bool = False) -> tensor:
    """`input` converted to `dtype` by value, or reinterpreted bit for bit with bitcast=True."""
    x = as_tensor(input, "the value to cast")
    dst, src = _check_dtype(unwrap(dtype)), x.dtype
    if dst == src:
        return x
    result = block_of(x.shape, dst.to_ir())
    if unwrap(bitcast):
        if src.primitive_bitwidth != dst.primitive_bitwidth or src.is_ptr() != dst.is_ptr():
            raise LanguageError(f"cannot bitcast {src} to {dst}: the bit widths or kinds differ",
                                "bitcast needs types of equal width; use .to(dtype) to convert the value")
        return emit("pt.bitcast", [x], result)
    if src.is_ptr() and dst.is_ptr():
        return emit("pt.bitcast", [x], result)
    if src.is_ptr() or dst.is_ptr():
        other = dst if src.is_ptr() else src
        if not other.is_int():
            raise LanguageError(f"cannot convert {src} to {dst}", "pointers convert only to and from integers")
        return emit("pt.ptr_to_int" if src.is_ptr() else "pt.int_to_ptr", [x], result)
    rounding = unwrap(fp_downcast_rounding)
    if rounding is not None:
        if rounding not in ("rtne", "rtz"):
            raise LanguageError(f"unknown fp_downcast_rounding {rounding!r}", "use 'rtne' or 'rtz'")
        if not (src.is_floating() and dst.is_floating() and dst.primitive_bitwidth < src.primitive_bitwidth):
            raise LanguageError(f"fp_downcast_rounding applies to float narrowing only, not {src} to {dst}",
                                "leave fp_downcast_rounding out")
    return emit("pt.cast", [x], result, rounding=rounding)


def _dtype_of(x: Any) -> dtype:
    return x.dtype if isinstance(x, tensor) else python_dtype(x)


def common_dtype(symbol: str, values: Sequence[Any], div_or_mod: bool = False) -> dtype:
    """The dtype Triton computes `values` (tensors and Python numbers) in, pairwise left to right."""
    acc, acc_py = _dtype_of(values[0]), not isinstance(values[0], tensor)
    for v in values[1:]:
        acc = computation_type(acc, acc_py, _dtype_of(v), not isinstance(v, tensor), div_or_mod, symbol)
        acc_py = acc_py and not isinstance(v, tensor)
    for v in values:
        if is_number(v) and not isinstance(v, bool) and v < 0 and acc.is_int_unsigned():
            raise LanguageError(f"operator {symbol} combines an {acc} tensor with the negative number {v}",
                                "cast one of them explicitly with .to(...)")
    return acc


def operands(symbol: str, values: Sequence[Any], div_or_mod: bool = False,
             dt: Optional[dtype] = None) -> tuple[list[tensor], dtype, tuple[int, ...]]:
    """`values` converted to their common dtype (or `dt`) and broadcast to one shape."""
    values = [unwrap(v) for v in values]
    for v in values:
        if not isinstance(v, tensor) and not is_number(v):
            raise LanguageError(f"operator {symbol} needs tensors or numbers, got {type(v).__name__} {v!r}")
    dt = dt or common_dtype(symbol, values, div_or_mod)
    shape = broadcast_shapes(*(shape_of(v) for v in values))
    return [convert(v, dt, shape) for v in values], dt, shape


_ARITH = {"+": "add", "-": "sub", "*": "mul", "/": "div", "//": "div", "%": "rem",
          "&": "and", "|": "or", "^": "xor", "<<": "shl", ">>": "shr"}
_BITWISE = ("&", "|", "^", "<<", ">>")
_PREDICATES = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def binary(symbol: str, a: Any, b: Any) -> tensor:
    """`a symbol b` for an arithmetic or bitwise operator, with promotion and broadcasting."""
    a, b = unwrap(a), unwrap(b)
    ta, tb = (_dtype_of(v) if isinstance(v, tensor) or is_number(v) else None for v in (a, b))
    if ta is not None and tb is not None and (ta.is_ptr() or tb.is_ptr()):
        return _pointer_arith(symbol, a, b, ta, tb)
    if symbol in _BITWISE and ta is not None and tb is not None and not (ta.is_int() and tb.is_int()):
        raise LanguageError(f"bitwise operator {symbol} needs integer operands: invalid operands of type {ta} and {tb}",
                            "convert the operands with .to(tl.int32) first, or use tl.where for a selection")
    div_or_mod = symbol in ("/", "//", "%")
    dt = common_dtype(symbol, [a, b], div_or_mod) if ta is not None and tb is not None else None
    if symbol == "//" and dt is not None and dt.is_floating():
        raise LanguageError(f"operator // needs integer operands, got {ta} and {tb}",
                            "use tl.floor(a / b) for floats")
    if symbol == "/" and dt is not None and dt.is_int():
        dt = fp32
    (x, y), dt, shape = operands(symbol, [a, b], div_or_mod, dt)
    if symbol == ">>" and ta.is_int_signed() and dt.is_int_unsigned():
        # Triton shifts arithmetically when the left operand is signed, whatever the promoted type's signedness
        signed = dtype(f"int{dt.int_bitwidth}")
        shifted = emit("pt.shr", [cast(x, signed, bitcast=True), cast(y, signed, bitcast=True)],
                       block_of(shape, signed.to_ir()))
        return cast(shifted, dt, bitcast=True)
    return emit(f"pt.{_ARITH[symbol]}", [x, y], block_of(shape, dt.to_ir()))


def _pointer_arith(symbol: str, a: Any, b: Any, ta: dtype, tb: dtype) -> tensor:
    if symbol not in ("+", "-") or (ta.is_ptr() and tb.is_ptr()) or (symbol == "-" and tb.is_ptr()):
        raise LanguageError(f"operator {symbol} is not defined on {ta} and {tb}",
                            "pointers support `pointer + integer offset` and `pointer - integer offset` only")
    ptr, offset = (a, b) if ta.is_ptr() else (b, a)
    if not _dtype_of(offset).is_int():
        raise LanguageError(f"a pointer offset must be an integer, got {_dtype_of(offset)}",
                            "convert the offset with .to(tl.int32)")
    if symbol == "-":
        offset = -offset if is_number(offset) else emit("pt.neg", [offset], offset.handle.type)
    shape = broadcast_shapes(shape_of(ptr), shape_of(offset))
    off = convert(offset, _dtype_of(offset), shape)
    p = broadcast_to_shape(ptr, shape)
    return emit("pt.addptr", [p, off], p.handle.type)


def compare(symbol: str, a: Any, b: Any) -> tensor:
    """`a symbol b` for ==, !=, <, <=, >, >=: an int1 tensor."""
    a, b = unwrap(a), unwrap(b)
    ptrs = [isinstance(v, tensor) and v.dtype.is_ptr() for v in (a, b)]
    if any(ptrs):
        if not all(ptrs) or a.dtype != b.dtype:
            raise LanguageError(f"cannot compare {_dtype_of(a)} with {_dtype_of(b)}",
                                "compare pointers only with pointers of the same type")
        shape = broadcast_shapes(a.shape, b.shape)
        x, y = broadcast_to_shape(a, shape), broadcast_to_shape(b, shape)
    else:
        (x, y), _, shape = operands(symbol, [a, b])
    return emit("pt.cmp", [x, y], block_of(shape, int1.to_ir()), predicate=_PREDICATES[symbol])


def to_bool(x: Any) -> tensor:
    """`x != 0` as int1 (int1 tensors pass unchanged)."""
    x = as_tensor(x, "condition")
    if x.dtype.is_bool():
        return x
    if x.dtype.is_ptr():
        raise LanguageError(f"a {x.dtype} cannot be used as a condition", "compare it explicitly")
    return compare("!=", x, 0)


def unary(symbol: str, x: Any) -> tensor:
    """`-x`, `+x`, `~x` or `not x` on a tensor."""
    x = as_tensor(x)
    if symbol == "not":
        b = to_bool(x)
        return emit("pt.not", [b], b.handle.type)
    if x.dtype.is_ptr():
        raise LanguageError(f"unary {symbol} is not defined on {x.dtype}", "apply it to the offset instead")
    if symbol == "+":
        return x
    if symbol == "~":
        if not x.dtype.is_int():
            raise LanguageError(f"bitwise operator ~ needs an integer operand, got {x.dtype}",
                                "convert the operand with .to(tl.int32) first")
        return emit("pt.not", [x], x.handle.type)
    return emit("pt.neg", [x], x.handle.type)


def logical(symbol: str, a: Any, b: Any) -> tensor:
    """`a and b` / `a or b` on tensors: both converted to int1, combined elementwise."""
    x, y = to_bool(a), to_bool(b)
    shape = broadcast_shapes(x.shape, y.shape)
    x, y = broadcast_to_shape(x, shape), broadcast_to_shape(y, shape)
    return emit("pt.and" if symbol == "and" else "pt.or", [x, y], x.handle.type)


@builtin
def where(condition: Any, x: Any, y: Any) -> tensor:
    """Elementwise `condition ? x : y`, broadcasting all three."""
    cond = to_bool(condition)
    x, y = unwrap(x), unwrap(y)
    if isinstance(x, tensor) and isinstance(y, tensor) and x.dtype.is_ptr() and x.dtype == y.dtype:
        shape = broadcast_shapes(x.shape, y.shape)
        a, b = broadcast_to_shape(x, shape), broadcast_to_shape(y, shape)
    else:
        (a, b), dt, shape = operands("tl.where", [x, y])
    shape = broadcast_shapes(cond.shape, shape)
    cond, a, b = (broadcast_to_shape(t, shape) for t in (cond, a, b))
    return emit("pt.select", [cond, a, b], a.handle.type)


def _float_operand(name: str, x: Any) -> tensor:
    x = as_tensor(float(x) if is_number(x) else x)
    if not x.dtype.is_floating():
        raise LanguageError(f"{name} needs a floating-point operand, got {x.dtype}",
                            "convert it first, e.g. x.to(tl.float32)")
    return x


def _unary_math(name: str):
    def fn(x: Any) -> tensor:
        """Elementwise math (the docstring is set per function below)."""
        x = _float_operand(f"tl.{name}", x)
        return emit(f"pt.{name}", [x], x.handle.type)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"Elementwise {name} of a floating-point tensor."
    return builtin(fn)


exp, exp2, log, log2 = (_unary_math(n) for n in ("exp", "exp2", "log", "log2"))
sqrt, sqrt_rn, rsqrt = (_unary_math(n) for n in ("sqrt", "sqrt_rn", "rsqrt"))
sin, cos, floor, ceil, erf = (_unary_math(n) for n in ("sin", "cos", "floor", "ceil", "erf"))


@builtin
def abs(x: Any) -> tensor:
    """Elementwise absolute value (unsigned and boolean values are returned unchanged)."""
    x = as_tensor(x)
    if x.dtype.is_int_unsigned() or x.dtype.is_bool():
        return x
    if x.dtype.is_ptr():
        raise LanguageError(f"tl.abs is not defined on {x.dtype}")
    return emit("pt.abs", [x], x.handle.type)


def _float_binary(name: str, op: str, x: Any, y: Any) -> tensor:
    (a, b), dt, shape = operands(name, [x, y])
    if not dt.is_floating():
        raise LanguageError(f"{name} needs floating-point operands, got {dt}", "convert them with .to(tl.float32)")
    return emit(op, [a, b], a.handle.type)


@builtin
def fdiv(x: Any, y: Any, ieee_rounding: bool = False) -> tensor:
    """Floating-point division x / y."""
    return _float_binary("tl.fdiv", "pt.div", x, y)


@builtin
def div_rn(x: Any, y: Any) -> tensor:
    """Floating-point division rounded to nearest even."""
    return _float_binary("tl.div_rn", "pt.div_rn", x, y)


@builtin
def fma(x: Any, y: Any, z: Any) -> tensor:
    """x * y + z with one rounding."""
    (a, b, c), dt, _ = operands("tl.fma", [x, y, z])
    if not dt.is_floating():
        raise LanguageError(f"tl.fma needs floating-point operands, got {dt}", "convert them with .to(tl.float32)")
    return emit("pt.fma", [a, b, c], a.handle.type)


def _extremum(name: str, op: str, x: Any, y: Any, propagate_nan: Any) -> tensor:
    (a, b), dt, _ = operands(name, [x, y])
    nan = unwrap(propagate_nan)
    if not isinstance(nan, PropagateNan):
        raise LanguageError(f"propagate_nan must be a tl.PropagateNan, got {nan!r}", "use tl.PropagateNan.ALL")
    return emit(op, [a, b], a.handle.type, propagate_nan=True if nan is PropagateNan.ALL else None)


@builtin
def maximum(x: Any, y: Any, propagate_nan: PropagateNan = PropagateNan.NONE) -> tensor:
    """Elementwise maximum."""
    return _extremum("tl.maximum", "pt.max", x, y, propagate_nan)


@builtin
def minimum(x: Any, y: Any, propagate_nan: PropagateNan = PropagateNan.NONE) -> tensor:
    """Elementwise minimum."""
    return _extremum("tl.minimum", "pt.min", x, y, propagate_nan)


@builtin
def clamp(x: Any, min: Any, max: Any, propagate_nan: PropagateNan = PropagateNan.NONE) -> tensor:
    """Elementwise min(max(x, min), max)."""
    return minimum(maximum(x, min, propagate_nan), max, propagate_nan)


@builtin
def sigmoid(x: Any) -> tensor:
    """1 / (1 + exp(-x))."""
    return binary("/", 1, binary("+", 1, exp(unary("-", _float_operand("tl.sigmoid", x)))))


@builtin
def cdiv(x: Any, div: Any) -> Any:
    """Ceiling division (x + div - 1) // div; numbers stay numbers."""
    x, div = unwrap(x), unwrap(div)
    if is_number(x) and is_number(div):
        return (x + div - 1) // div
    return binary("//", binary("-", binary("+", x, div), 1), div)


def _arith(symbol: str, name: str):
    def fn(x: Any, y: Any, sanitize_overflow: bool = True) -> tensor:
        """x OP y with Triton's promotion (sanitize_overflow is accepted; pantile adds no overflow checks)."""
        return binary(symbol, x, y)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"x {symbol} y, as the operator (Triton's tl.{name}; sanitize_overflow adds no checks here)."
    return builtin(fn)


add, sub, mul = _arith("+", "add"), _arith("-", "sub"), _arith("*", "mul")

__all__ = ["add", "sub", "mul", "PropagateNan", "cast", "where", "exp", "exp2", "log", "log2", "sqrt", "sqrt_rn", "rsqrt", "sin",
           "cos", "floor", "ceil", "erf", "abs", "fdiv", "div_rn", "fma", "maximum", "minimum", "clamp",
           "sigmoid", "cdiv"]
