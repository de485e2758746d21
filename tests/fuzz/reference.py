"""The numpy reference of the fuzzer: Triton's semantics for the ops it generates, on arrays of any shape.

A value is an array of its dtype's storage type (bfloat16 is held in float32, rounded to bfloat16) and an
absolute error bound `err`: 0 for values every correct target computes bit for bit (integers, loads, casts
and comparisons of exact values), otherwise a bound on how far a correct target may be (rounding of each
float op, fused multiply-adds, summation order). Operations whose result depends on which correct answer a
target gives (comparing, truncating or arg-reducing floats closer than their error bound) and operations
whose result is undefined (division by zero, shifts by the width or more, float-to-int out of range) are
refused here (None), so the generator never emits them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np


@dataclass(frozen=True)
class DType:
    """One element type: its name in `tl`, numpy storage, IR name, width and unit roundoff (floats)."""
    name: str
    storage: type
    ir: str
    bits: int
    eps: float = 0.0      # unit roundoff; 0 for integers and bool

    @property
    def is_float(self) -> bool:
        return self.eps > 0

    @property
    def is_int(self) -> bool:
        return self.eps == 0 and self.name != "int1"

    @property
    def signed(self) -> bool:
        return self.name.startswith("int")

    @property
    def max_finite(self) -> float:
        return {"float16": 65504.0, "bfloat16": 3.38e38, "float32": 3.4e38, "float64": 1.79e308}[self.name]

    @property
    def limits(self) -> tuple[int, int]:
        """The smallest and largest integer of this type."""
        if self.signed:
            return -(1 << (self.bits - 1)), (1 << (self.bits - 1)) - 1
        return 0, (1 << self.bits) - 1


DTYPES = {d.name: d for d in (
    DType("int1", np.bool_, "i1", 1),
    DType("int8", np.int8, "i8", 8), DType("int16", np.int16, "i16", 16), DType("int32", np.int32, "i32", 32),
    DType("int64", np.int64, "i64", 64), DType("uint8", np.uint8, "u8", 8), DType("uint16", np.uint16, "u16", 16),
    DType("uint32", np.uint32, "u32", 32), DType("uint64", np.uint64, "u64", 64),
    DType("float16", np.float16, "f16", 16, 2.0 ** -11), DType("bfloat16", np.float32, "bf16", 16, 2.0 ** -8),
    DType("float32", np.float32, "f32", 32, 2.0 ** -24), DType("float64", np.float64, "f64", 64, 2.0 ** -53))}
INTS = [n for n, d in DTYPES.items() if d.is_int]
FLOATS = [n for n, d in DTYPES.items() if d.is_float]


@dataclass
class Val:
    """A value of the kernel: its variable, dtype, reference per program (axis 0 is the program) and error."""
    name: str
    dtype: DType
    ref: np.ndarray
    err: float = 0.0

    @property
    def shape(self) -> tuple[int, ...]:
        """The block shape one program sees."""
        return self.ref.shape[1:]

    @property
    def mag(self) -> float:
        return float(np.max(np.abs(self.ref.astype(np.float64)))) if self.ref.size else 0.0


def round_bf16(x: np.ndarray) -> np.ndarray:
    """x rounded to bfloat16 (to nearest, ties to even), held in float32."""
    x = np.asarray(x, np.float64)
    m, e = np.frexp(x)
    scale = np.ldexp(1.0, 8 - e)          # 8 significant bits
    return (np.rint(x * scale) / scale).astype(np.float32)


def as_dtype(x: np.ndarray, d: DType) -> np.ndarray:
    """Float values x rounded to float dtype d (its storage)."""
    return round_bf16(x) if d.name == "bfloat16" else np.asarray(x).astype(d.storage)


def finite(ref: np.ndarray, d: DType, err: float) -> bool:
    """Whether float values stay well inside d's range (a target within `err` cannot overflow)."""
    if not d.is_float:
        return True
    a = np.abs(ref.astype(np.float64))
    return bool(np.all(np.isfinite(a)) and (a.size == 0 or a.max() + err < d.max_finite / 4))


def ints(a: np.ndarray) -> np.ndarray:
    """Integer values as Python integers, which never overflow."""
    return np.asarray(a).astype(object)


def wrap(x: np.ndarray, d: DType) -> np.ndarray:
    """Integers x (Python integers, any size) wrapped into dtype d, as two's complement arithmetic does."""
    lo, _ = d.limits
    return ((np.asarray(x, object) - lo) % (1 << d.bits) + lo).astype(d.storage)


_c_quotient = np.frompyfunc(lambda u, v: (abs(u) // abs(v)) * (1 if (u < 0) == (v < 0) else -1), 2, 1)


def arith(op: str, a: Val, b: Val, out: DType) -> Optional[tuple[np.ndarray, float]]:
    """a op b for op in + - * / // % & | ^ << >> max min, both of dtype `out` (`/`: computed in `out`)."""
    d = out
    x, y = a.ref, b.ref
    if d.is_float:
        x64, y64 = x.astype(np.float64), y.astype(np.float64)
        ma, mb = a.mag, b.mag
        if op in ("+", "-"):
            r = x64 + y64 if op == "+" else x64 - y64
            err = a.err + b.err
        elif op == "*":
            r, err = x64 * y64, a.err * mb + b.err * ma + a.err * b.err
        elif op == "/":
            low = float(np.min(np.abs(y64))) - b.err if y.size else 1.0
            if low < 0.25:
                return None
            r = x64 / y64
            err = (a.err + float(np.max(np.abs(r))) * b.err) / low + 4 * d.eps * float(np.max(np.abs(r)))
        elif op in ("max", "min"):
            r = np.maximum(x64, y64) if op == "max" else np.minimum(x64, y64)
            return as_dtype(r, d), max(a.err, b.err)
        else:
            raise ValueError(op)
        res = as_dtype(r, d)
        err += d.eps * float(np.max(np.abs(r), initial=0.0)) * 2
        return (res, err) if finite(res, d, err) else None
    if op in ("+", "-", "*"):
        p, q = ints(x), ints(y)
        return wrap(p + q if op == "+" else p - q if op == "-" else p * q, d), 0.0
    if op in ("//", "%"):
        lo, _ = d.limits
        if np.any(y == 0) or (d.signed and np.any((x == lo) & (y == -1))):
            return None
        p, q = ints(x), ints(y)
        quotient = _c_quotient(p, q)       # truncated toward zero, as C; the remainder has the dividend's sign
        return wrap(quotient if op == "//" else p - quotient * q, d), 0.0
    if op in ("&", "|", "^"):
        f = {"&": np.bitwise_and, "|": np.bitwise_or, "^": np.bitwise_xor}[op]
        return f(x, y).astype(d.storage), 0.0
    if op in ("<<", ">>"):
        if np.any(y < 0) or np.any(y >= d.bits):
            return None
        p, q = ints(x), ints(y)
        return wrap(p << q if op == "<<" else p >> q, d), 0.0   # >>: arithmetic for signed, logical for unsigned
    if op in ("max", "min"):
        return (np.maximum(x, y) if op == "max" else np.minimum(x, y)).astype(d.storage), 0.0
    raise ValueError(op)


def compare(op: str, a: Val, b: Val) -> Optional[np.ndarray]:
    """a op b for op in == != < <= > >=; None where float errors could flip a lane."""
    x, y = a.ref.astype(np.float64) if a.dtype.is_float else ints(a.ref), \
        b.ref.astype(np.float64) if b.dtype.is_float else ints(b.ref)
    margin = a.err + b.err
    if margin > 0 and np.any(np.abs(x - y) <= margin):
        return None
    f: Callable = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal, ">": np.greater,
                   ">=": np.greater_equal}[op]
    return np.asarray(f(x, y), np.bool_)


def cast(a: Val, to: DType) -> Optional[tuple[np.ndarray, float]]:
    """a.to(to): C's conversions (int wrap, float truncation toward zero, rounding to nearest even)."""
    src, x = a.dtype, a.ref
    if to.name == "int1":
        if src.is_float and a.err > 0 and np.any(np.abs(x.astype(np.float64)) <= a.err):
            return None
        return x != 0, 0.0
    if src.name == "int1":
        return x.astype(to.storage), 0.0
    if src.is_int and to.is_int:
        return wrap(ints(x), to), 0.0
    if src.is_int and to.is_float:
        f = ints(x).astype(np.float64)
        res = as_dtype(f, to)
        # an integer wider than the mantissa may be rounded twice by a reference that goes through float64
        err = to.eps * float(np.max(np.abs(f), initial=0.0)) if np.any(np.abs(f) >= 2.0 ** 53) else 0.0
        return (res, err) if finite(res, to, err) else None
    if src.is_float and to.is_int:
        f = x.astype(np.float64)
        lo, hi = to.limits
        t_lo, t_hi = np.trunc(f - a.err), np.trunc(f + a.err)
        if np.any(t_lo != t_hi) or np.any(t_lo < lo) or np.any(t_hi > hi):
            return None
        return wrap(np.vectorize(int, otypes=[object])(t_lo) if t_lo.size else t_lo.astype(object), to), 0.0
    f = x.astype(np.float64)
    res = as_dtype(f, to)
    err = a.err + (to.eps * 2 * float(np.max(np.abs(f), initial=0.0)) if to.eps > src.eps else 0.0)
    if a.err > 0 and to.eps > src.eps:
        err += to.eps * float(np.max(np.abs(f), initial=0.0))
    return (res, err) if finite(res, to, err) else None


def sum_dtype(d: DType) -> DType:
    """The dtype tl.sum and tl.cumsum accumulate `d` in (Triton: narrow integers in 32 bits, bf16 in f32)."""
    if d.name == "int1" or (d.is_int and d.signed and d.bits < 32):
        return DTYPES["int32"]
    if d.is_int and d.bits < 32:
        return DTYPES["uint32"]
    return DTYPES["float32"] if d.name == "bfloat16" else d


def widened(d: DType) -> DType:
    """The dtype tl.max and tl.min compute `d` in (Triton: below 32 bits, in int32 or float32)."""
    if d.bits >= 32:
        return d
    return DTYPES["float32"] if d.is_float else DTYPES["int32"]


def reduce(kind: str, a: Val, axis: Optional[int], keep_dims: bool) -> Optional[tuple[np.ndarray, DType, float]]:
    """tl.sum / max / min / argmax / argmin of a along `axis` (None: every element); (ref, dtype, err)."""
    x = a.ref.reshape(a.ref.shape[0], -1) if axis is None else a.ref
    ax = 1 if axis is None else axis + 1
    n = x.shape[ax]
    if kind == "sum":
        d = sum_dtype(a.dtype)
        if d.is_float:
            s = x.astype(np.float64).sum(ax, keepdims=keep_dims)
            bound = np.abs(x.astype(np.float64)).sum(ax).max(initial=0.0)
            err = n * a.err + (n + 1) * d.eps * float(bound)
            res = as_dtype(s, d)
            return (res, d, err) if finite(res, d, err) else None
        return wrap(ints(x.astype(d.storage)).sum(ax, keepdims=keep_dims), d), d, 0.0
    if kind in ("max", "min"):
        r = x.max(ax, keepdims=keep_dims) if kind == "max" else x.min(ax, keepdims=keep_dims)
        d = widened(a.dtype)
        return r.astype(d.storage), d, a.err
    # argmax / argmin: the first index of the extremum; refused where errors could pick another lane
    if a.err > 0:
        best = (x.max if kind == "argmax" else x.min)(ax, keepdims=True).astype(np.float64)
        close = np.abs(x.astype(np.float64) - best) <= 2 * a.err
        if np.any(close.sum(ax) > 1):
            return None
    r = (np.argmax if kind == "argmax" else np.argmin)(x, ax)
    if keep_dims:
        r = np.expand_dims(r, ax)
    return r.astype(np.int32), DTYPES["int32"], 0.0


def scan(kind: str, a: Val, axis: int, reverse: bool) -> Optional[tuple[np.ndarray, DType, float]]:
    """tl.cumsum / tl.cumprod of a along `axis`; (ref, dtype, err)."""
    ax = axis + 1
    d = sum_dtype(a.dtype) if kind == "cumsum" else (DTYPES["float32"] if a.dtype.name == "bfloat16" else a.dtype)
    x = np.flip(a.ref, ax) if reverse else a.ref
    n = x.shape[ax]
    if d.is_float:
        f = x.astype(np.float64)
        if kind == "cumsum":
            r = np.cumsum(f, ax)
            err = n * a.err + (n + 1) * d.eps * float(np.abs(f).sum(ax).max(initial=0.0))
        else:
            if a.err > 0:
                return None                # relative errors of inexact factors compound without bound
            r = np.cumprod(f, ax)
            err = (n + 1) * d.eps * float(np.cumprod(np.abs(f), ax).max(initial=0.0))
        res = as_dtype(r, d)
        if not finite(res, d, err):
            return None
    else:
        v = ints(x.astype(d.storage))
        res = wrap(np.cumsum(v, ax) if kind == "cumsum" else np.cumprod(v, ax), d)
        err = 0.0
    return (np.flip(res, ax) if reverse else res), d, err


def dot(a: Val, b: Val, acc: Optional[Val], out: DType, tf32: bool) -> Optional[tuple[np.ndarray, float]]:
    """a @ b (+ acc) per program, accumulated in `out`."""
    if out.is_int:
        r = np.einsum("gik,gkj->gij", ints(a.ref), ints(b.ref))
        return wrap(r if acc is None else r + ints(acc.ref), out), 0.0
    x, y = a.ref.astype(np.float64), b.ref.astype(np.float64)
    r = np.einsum("gik,gkj->gij", x, y)
    bound = np.einsum("gik,gkj->gij", np.abs(x), np.abs(y))
    k = a.ref.shape[2]
    if acc is not None:         # the accumulator is summed with the products: its size scales their rounding
        r = r + acc.ref.astype(np.float64)
        bound = bound + np.abs(acc.ref.astype(np.float64))
    unit = max(out.eps, 2.0 ** -11 if tf32 else 0.0)
    err = (k + 2) * unit * float(bound.max(initial=0.0)) + k * (a.err * b.mag + b.err * a.mag + a.err * b.err)
    if acc is not None:
        err += acc.err
    res = as_dtype(r, out)
    return (res, err) if finite(res, out, err) else None
