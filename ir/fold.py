"""Folders: compute an op's result from constant operands, attached to the op definitions.

A folder takes (op, consts) where consts[i] is the Python value of operand i
when it is defined by `pt.constant` (a splat value for blocks), else None. It
returns None (no fold), a Python number (the result is that constant) or an
existing Value (the result is that value).

Semantics follow ir/dialect_pt.py: integers wrap and divide as in C; floats
are computed in the numpy dtype of the same width, so rounding is exact.
Nothing is folded whose result the target would leave undefined or that the
text form cannot hold: division by zero, shifts by the bit width or more,
non-finite float results, float-to-int casts out of range, bf16 and fp8.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Optional, Union

import numpy as np

from . import dialect_pt, dialect_scf  # noqa: F401  (the ops must exist before folders attach to them)
from .ops import set_folder
from .types import ScalarType

Number = Union[bool, int, float]

_NP = {"i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
       "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
       "f16": np.float16, "f32": np.float32, "f64": np.float64}


def numpy_dtype(t: ScalarType) -> Optional[type]:
    """The numpy scalar type with the same semantics as `t`, or None (bf16, fp8)."""
    return _NP.get(t.name)


def wrap_int(value: int, t: ScalarType) -> Union[bool, int]:
    """`value` reduced to integer type `t` (two's complement wrap; i1 gives a bool)."""
    bits = t.bitwidth
    v = int(value) & ((1 << bits) - 1)
    if t.is_bool:
        return bool(v)
    if t.is_signed and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


_INT_OPS: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": _c_div, "rem": lambda a, b: a - b * _c_div(a, b),
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
    "shl": lambda a, b: a << b, "shr": lambda a, b: a >> b,
    "max": max, "min": min,
}


def int_binary(name: str, a: Number, b: Number, t: ScalarType) -> Optional[Union[bool, int]]:
    """pt.`name` on integers of type `t`, or None when the result is undefined."""
    if name not in _INT_OPS:
        return None
    x, y = wrap_int(int(a), t), wrap_int(int(b), t)
    if name in ("div", "rem") and y == 0:
        return None
    if name in ("shl", "shr") and not 0 <= y < t.bitwidth:
        return None
    return wrap_int(_INT_OPS[name](int(x), int(y)), t)


_FLOAT_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "div_rn": np.divide,
    "rem": np.fmod, "max": np.fmax, "min": np.fmin,
}


def _finite(x: Any) -> Optional[float]:
    return float(x) if np.isfinite(x) else None


def float_binary(name: str, a: Number, b: Number, t: ScalarType, propagate_nan: bool = False) -> Optional[float]:
    """pt.`name` on floats of type `t` rounded as the target rounds, or None."""
    dt = numpy_dtype(t)
    if dt is None or name not in _FLOAT_OPS:
        return None
    x, y = dt(a), dt(b)
    if name in ("div", "div_rn", "rem") and y == 0:
        return None
    fn = {"max": np.maximum, "min": np.minimum}.get(name, _FLOAT_OPS[name]) if propagate_nan else _FLOAT_OPS[name]
    with np.errstate(all="ignore"):
        return _finite(dt(fn(x, y)))


def _binary_folder(name: str) -> Callable:
    def fold(op: Any, consts: list) -> Optional[Number]:
        """pt.`name` of two constants."""
        a, b = consts
        if a is None or b is None:
            return None
        t = op.results[0].type.scalar
        if t.is_int:
            return int_binary(name, a, b, t)
        return float_binary(name, a, b, t, bool(op.attributes.get("propagate_nan", False)))
    return fold


def compare(predicate: str, a: Number, b: Number, t: ScalarType) -> Optional[bool]:
    """pt.cmp on operands of type `t`: ordered float predicates except `ne`."""
    if t.is_int:
        x, y = wrap_int(int(a), t), wrap_int(int(b), t)
    else:
        dt = numpy_dtype(t)
        if dt is None:
            return None
        x, y = float(dt(a)), float(dt(b))
    # Python's float comparisons are already ordered, and != is unordered.
    return {"eq": x == y, "ne": x != y, "lt": x < y, "le": x <= y, "gt": x > y, "ge": x >= y}[predicate]


def _fold_cmp(op: Any, consts: list) -> Optional[bool]:
    a, b = consts
    if a is None or b is None:
        return None
    return compare(op.attributes["predicate"], a, b, op.operands[0].type.scalar)


def convert(value: Number, src: ScalarType, dst: ScalarType, rounding: str = "rtne") -> Optional[Number]:
    """pt.cast of a constant from `src` to `dst`, or None when undefined or inexpressible."""
    if src.is_int:
        x = wrap_int(int(value), src)
        if dst.is_bool:
            return bool(x != 0)
        if dst.is_int:
            return wrap_int(int(x), dst)
        dt = numpy_dtype(dst)
        if dt is None:
            return None
        with np.errstate(all="ignore"):
            return _finite(dt(int(x)))
    sdt = numpy_dtype(src)
    if sdt is None:
        return None
    x = sdt(value)
    if not np.isfinite(x):
        return None
    if dst.is_bool:
        return bool(x != 0)
    if dst.is_int:
        n = math.trunc(float(x))
        lo = -(1 << (dst.bitwidth - 1)) if dst.is_signed else 0
        hi = (1 << (dst.bitwidth - 1)) - 1 if dst.is_signed else (1 << dst.bitwidth) - 1
        return n if lo <= n <= hi else None
    ddt = numpy_dtype(dst)
    if ddt is None:
        return None
    with np.errstate(all="ignore"):
        y = ddt(x)
    if rounding == "rtz" and float(y) != float(x):
        return None  # numpy rounds to nearest only; a truncating narrowing is left to the target
    return _finite(y)


def _fold_cast(op: Any, consts: list) -> Optional[Number]:
    (a,) = consts
    if a is None:
        return None
    return convert(a, op.operands[0].type.scalar, op.results[0].type.scalar,
                   op.attributes.get("rounding", "rtne"))


def _unary_folder(int_fn: Callable[[int], int], float_fn: Optional[Callable[[Any], Any]]) -> Callable:
    def fold(op: Any, consts: list) -> Optional[Number]:
        """The unary op of one constant."""
        (a,) = consts
        if a is None:
            return None
        t = op.results[0].type.scalar
        if t.is_int:
            return wrap_int(int_fn(int(wrap_int(int(a), t))), t)
        dt = numpy_dtype(t)
        if float_fn is None or dt is None:
            return None
        return _finite(float_fn(dt(a)))
    return fold


def _fold_select(op: Any, consts: list) -> Any:
    cond, a, b = op.operands
    if consts[0] is not None:
        return a if consts[0] else b
    return a if a is b else None


def _fold_same_value(op: Any, consts: list) -> Optional[Number]:
    """Shape ops of a splat constant give a splat constant of the new shape."""
    return consts[0]


for _name in _INT_OPS:
    set_folder(f"pt.{_name}", _binary_folder(_name))
set_folder("pt.div_rn", _binary_folder("div_rn"))
set_folder("pt.cmp", _fold_cmp)
set_folder("pt.cast", _fold_cast)
set_folder("pt.neg", _unary_folder(lambda a: -a, np.negative))
set_folder("pt.abs", _unary_folder(abs, np.abs))
set_folder("pt.not", _unary_folder(lambda a: ~a, None))
set_folder("pt.select", _fold_select)
for _name in ("splat", "broadcast", "expand_dims", "reshape", "permute"):
    set_folder(f"pt.{_name}", _fold_same_value)
