"""Elementwise pt ops on numpy arrays, with the semantics of ir/dialect_pt.py and the cpu target's choices
where LLVM leaves a case undefined: integer division by zero gives the dividend (remainder 0), INT_MIN / -1
wraps, a shift by the bit width or more gives 0 (or the sign for arithmetic right shifts).

Float math is computed in f64 and rounded once to the operand's type (f64 uses numpy's own functions); fma is
correctly rounded (products are exact in f64, the sum is rounded to odd before the last rounding).
"""
from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType, Type

from .dtypes import F64, bits_dtype, bitcast, cast, dtype_of, is_soft, narrow, round_odd_sum, two_sum, widen

_erf = np.frompyfunc(math.erf, 1, 1)
_MATH: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "exp": np.exp, "exp2": np.exp2, "log": np.log, "log2": np.log2, "sqrt": np.sqrt, "sqrt_rn": np.sqrt,
    "rsqrt": lambda x: 1.0 / np.sqrt(x), "sin": np.sin, "cos": np.cos, "floor": np.floor, "ceil": np.ceil,
    "erf": lambda x: _erf(x).astype(x.dtype),
}
_FLOAT_BINARY: dict[str, Callable] = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
                                      "div_rn": np.divide, "rem": np.fmod}
_INT_BINARY: dict[str, Callable] = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "and": np.bitwise_and,
                                    "or": np.bitwise_or, "xor": np.bitwise_xor}
_CMP: dict[str, Callable] = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal,
                             "gt": np.greater, "ge": np.greater_equal}


def _round_back(r: np.ndarray, t: ScalarType) -> np.ndarray:
    """A result computed in f32 or f64 as a value of float type `t`."""
    return r if r.dtype == dtype_of(t) else narrow(r, t)


def _float_binary(name: str, t: ScalarType, x: np.ndarray, y: np.ndarray, attrs: dict) -> np.ndarray:
    x, y = widen(x, t), widen(y, t)
    if name in _FLOAT_BINARY:
        r = _FLOAT_BINARY[name](x, y)
    elif name in ("max", "min"):
        if attrs.get("propagate_nan"):
            # IEEE 754-2019 maximum/minimum: NaN from either operand, and -0 below +0 (numpy's maximum and
            # minimum return either zero), as every target computes them (docs/floating-point.md).
            r = (np.maximum if name == "max" else np.minimum)(x, y)
            negative = (np.logical_and if name == "max" else np.logical_or)(np.signbit(x), np.signbit(y))
            r = np.where(x == y, np.copysign(x, np.where(negative, -1.0, 1.0).astype(x.dtype)), r)
        else:
            r = (np.fmax if name == "max" else np.fmin)(x, y)
    else:
        raise ValueError(f"pt.{name} is not defined on floats")
    return _round_back(r, t)


def _int_div(t: ScalarType, x: np.ndarray, y: np.ndarray, rem: bool) -> np.ndarray:
    zero = y == 0
    minus_one = (y == -1) if t.is_signed else np.zeros_like(zero)
    one = np.ones_like(y)
    safe = np.where(zero | minus_one, one, y)
    r = np.fmod(x, safe)                                  # C remainder: the dividend's sign
    if rem:
        return np.where(zero | minus_one, np.zeros_like(x), r)
    q = (x - r) // safe                                   # exact, so floor division truncates here
    return np.where(minus_one, np.negative(x), q)


def _shift(t: ScalarType, x: np.ndarray, y: np.ndarray, left: bool) -> np.ndarray:
    w = t.bitwidth
    big = y.view(bits_dtype(t)) >= w                      # negative amounts count as huge, as unsigned
    amount = np.where(big, np.zeros_like(y), y)
    if left:
        return np.where(big, np.zeros_like(x), np.left_shift(x, amount))
    if t.is_signed:
        return np.right_shift(x, np.where(big, np.full_like(y, w - 1), y))
    return np.where(big, np.zeros_like(x), np.right_shift(x, amount))


def _int_binary(name: str, t: ScalarType, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if t.is_bool:   # i1 arithmetic wraps modulo 2: compute on bytes
        r = _int_binary(name, ScalarType("u8"), x.view(np.uint8), y.view(np.uint8))
        return (r & 1).astype(bool)
    if name in _INT_BINARY:
        return _INT_BINARY[name](x, y)
    if name in ("div", "rem"):
        return _int_div(t, x, y, name == "rem")
    if name in ("shl", "shr"):
        return _shift(t, x, y, name == "shl")
    if name in ("max", "min"):
        return (np.maximum if name == "max" else np.minimum)(x, y)
    raise ValueError(f"pt.{name} is not defined on integers")


def _unary(name: str, t: ScalarType, x: np.ndarray) -> np.ndarray:
    if name == "not":
        return np.invert(x)
    if name in ("neg", "abs") and t.is_float:
        sign = np.array(1 << (t.bitwidth - 1), bits_dtype(t))   # on the bits: exact for every float type
        bits = x.view(bits_dtype(t))
        return (bits ^ sign if name == "neg" else bits & ~sign).view(x.dtype)
    if name == "neg":
        return np.negative(x.view(bits_dtype(t))).view(x.dtype) if not t.is_bool else x
    if name == "abs":
        return np.abs(x) if t.is_signed else x
    if name in _MATH:
        wide = x.astype(F64)
        return _round_back(_MATH[name](wide), t)
    raise ValueError(f"unknown unary op pt.{name}")


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = a * 134217729.0                                   # 2**27 + 1: Veltkamp's split of a double
    hi = c - (c - a)
    return hi, a - hi


def _two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = a * b
    (ah, al), (bh, bl) = _split(a), _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def fma(t: ScalarType, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * b + c with one rounding to `t`."""
    a, b, c = (widen(v, t).astype(F64) for v in (a, b, c))
    naive = a * b + c
    if t.name != "f64":                                   # the product is exact in f64
        return narrow(round_odd_sum(a * b, c), t)
    # Boldo and Melquiond: RN(th + RO(tl + ul)) with uh + ul = a*b and th + tl = c + uh, all exact. Near the
    # subnormals the product's error is not representable: there a and c are scaled up by 2**600, the sum is
    # rounded to odd and scaled back, which rounds once more, correctly.
    tiny = (np.abs(a * b) < 2.0 ** -900) & (np.abs(c) < 2.0 ** -300) & (np.abs(a) < 2.0 ** 300)
    scale = np.where(tiny, 2.0 ** 600, 1.0)
    uh, ul = _two_prod(a * scale, b)
    th, tl = two_sum(c * scale, uh)
    v = round_odd_sum(tl, ul)
    r = np.where(tiny, round_odd_sum(th, v) * 2.0 ** -600, th + v)
    ok = np.isfinite(r) & np.isfinite(uh) & (np.abs(a) < 2.0 ** 500) & (np.abs(b) < 2.0 ** 500)
    return np.where(ok, r, naive)


def elementwise(name: str, operand_types: Sequence[Type], result_type: Type, args: Sequence[np.ndarray],
                attrs: dict[str, Any]) -> np.ndarray:
    """The result of elementwise op `name` (without 'pt.') on arrays of the operands' element types."""
    ts = [t.scalar for t in operand_types]
    rt = result_type.scalar
    if name == "cmp":
        t = ts[0]
        x, y = args
        if isinstance(t, ScalarType) and is_soft(t):
            x, y = widen(x, t), widen(y, t)
        return _CMP[attrs["predicate"]](x, y)
    if name == "select":
        c, x, y = args
        if isinstance(rt, ScalarType) and is_soft(rt):
            u = bits_dtype(rt)
            return np.where(c, x.view(u), y.view(u)).view(x.dtype)
        return np.where(c, x, y)
    if name == "cast":
        return cast(args[0], ts[0], rt, attrs.get("rounding"))
    if name == "bitcast":
        return args[0] if isinstance(rt, PointerType) else bitcast(args[0], rt)
    if name == "fma":
        return fma(rt, *args)
    if len(args) == 2:
        if rt.is_float:
            return _float_binary(name, rt, args[0], args[1], attrs)
        return _int_binary(name, rt, args[0], args[1])
    if len(args) == 1:
        return _unary(name, rt, args[0])
    raise ValueError(f"pt.{name} is not an elementwise op")


__all__ = ["elementwise", "fma"]
