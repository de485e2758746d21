"""IR scalar types as numpy dtypes (bf16 and fp8 through ml_dtypes), and value conversions between them.

Arithmetic on bf16 and fp8 is done in f32 and rounded once per op, as on the cpu target. Conversions round to
nearest even unless `rtz` is asked for; f8e4m3 (the 'fn' variant, no infinity) saturates at +-448 and NaN stays
NaN; float to integer saturates and NaN gives 0.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

import ml_dtypes
import numpy as np

from pantile.ir import ScalarType

_DTYPES = {
    "i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
    "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
    "f16": np.float16, "bf16": ml_dtypes.bfloat16, "f32": np.float32, "f64": np.float64,
    "f8e4m3": ml_dtypes.float8_e4m3fn, "f8e5m2": ml_dtypes.float8_e5m2,
    # e4m3 with bias 15 has e4m3fn's codes scaled by 2**-8 (held as e4m3fn, see SCALE)
    "f8e4b15": ml_dtypes.float8_e4m3fn, "f8e4b8": ml_dtypes.float8_e4m3fnuz, "f8e5b16": ml_dtypes.float8_e5m2fnuz,
}
SOFT_FLOATS = ("bf16", "f8e4m3", "f8e5m2", "f8e4b15", "f8e4b8", "f8e5b16")   # numpy has no arithmetic on them
# fp8 formats without inf saturate at their largest finite value (the e4b15 one in e4m3fn's scale)
SATURATE = {"f8e4m3": 448.0, "f8e4b15": 448.0, "f8e4b8": 240.0, "f8e5b16": 57344.0}
SCALE = {"f8e4b15": 2.0 ** -8}   # value = (the code read as the held dtype) * SCALE
F32, F64 = np.dtype(np.float32), np.dtype(np.float64)


@lru_cache(maxsize=None)
def dtype_of(t: ScalarType) -> np.dtype:
    """The numpy dtype that holds values of scalar type `t`."""
    return np.dtype(_DTYPES[t.name])


@lru_cache(maxsize=None)
def bits_dtype(t: ScalarType) -> np.dtype:
    """The unsigned integer dtype of `t`'s width (i1 is held in a byte)."""
    return np.dtype(f"u{max(1, t.bitwidth // 8)}")


def is_soft(t: ScalarType) -> bool:
    """True for the float types computed by widening to f32 (bf16, fp8)."""
    return t.name in SOFT_FLOATS


def widen(x: np.ndarray, t: ScalarType) -> np.ndarray:
    """`x` (of type `t`) in its compute dtype, exactly."""
    if not is_soft(t):
        return x
    return x.astype(F32) * np.float32(SCALE[t.name]) if t.name in SCALE else x.astype(F32)


def constant(value: Any, t: ScalarType) -> np.ndarray:
    """A one-element array holding the IR constant `value` of type `t` (integers wrap to the width)."""
    if t.is_float:
        return narrow(np.array([float(value)], F64), t)
    if t.is_bool:
        return np.array([bool(int(value) & 1)])
    bits = int(value) & ((1 << t.bitwidth) - 1)
    return np.array([bits], bits_dtype(t)).view(dtype_of(t))


def _f32_odd(x: np.ndarray) -> np.ndarray:
    """f64 values rounded to f32 to odd (truncated, last bit set when inexact): ml_dtypes converts f64 through
    f32, and rounding to odd first makes that second rounding the correct one."""
    r = x.astype(F32)
    inexact = (r.astype(F64) != x) & ~np.isnan(x) & ((r.view(np.uint32) & 1) == 0)
    if not inexact.any():
        return r
    toward = np.where(x > r.astype(F64), np.float32(np.inf), np.float32(-np.inf))
    return np.where(inexact, np.nextafter(r, toward), r)


def narrow(x: np.ndarray, t: ScalarType, rounding: Optional[str] = None) -> np.ndarray:
    """Float values `x` (f32 or f64 array) rounded to float type `t` (to nearest even, or toward zero)."""
    target = dtype_of(t)
    if t.name in SCALE:
        x = x / x.dtype.type(SCALE[t.name])     # exact: a power of two, in range of f32 and f64
    if t.name in SATURATE:
        x = np.clip(x, -SATURATE[t.name], SATURATE[t.name])     # saturate (NaN passes through clip)
    r = (_f32_odd(x) if is_soft(t) and x.dtype == F64 else x).astype(target)
    if rounding != "rtz" or x.dtype.itemsize < target.itemsize or x.dtype == target:
        return r
    # Toward zero: where rounding to nearest went away from zero, step one code back toward it.
    away = np.abs(r.astype(F64)) > np.abs(x.astype(F64))
    if not away.any():
        return r
    bits = r.view(bits_dtype(t)).copy()
    bits[away] -= 1
    return bits.view(target)


def two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a + b rounded, and its exact error (Knuth's two-sum)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def round_odd_sum(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b (f64) rounded to odd: truncated, with the last bit set when inexact."""
    s, e = two_sum(a, b)
    even = (s.view(np.uint64) & 1) == 0
    toward = np.where(e > 0, np.inf, -np.inf)
    return np.where((e != 0) & even & np.isfinite(s), np.nextafter(s, toward), s)


def _int64_to_f64_odd(x: np.ndarray) -> np.ndarray:
    """64-bit integers as f64 rounded to odd (the high and low halves are exact in f64), so that one more
    rounding to a format of 24 bits or fewer is the correct rounding of the integer."""
    low = x & np.array(0xFFFFFFFF, x.dtype)
    return round_odd_sum((x - low).astype(F64), low.astype(F64))


def _float_to_int(x: np.ndarray, src: ScalarType, dst: ScalarType) -> np.ndarray:
    x = widen(x, src).astype(F64)
    if dst.is_bool:
        return x != 0
    w = dst.bitwidth
    lo, hi = (-(1 << (w - 1)), (1 << (w - 1)) - 1) if dst.is_signed else (0, (1 << w) - 1)
    t = np.trunc(x)
    high, low, nan = t >= float(hi) + 1, t < float(lo), np.isnan(t)
    safe = np.where(high | low | nan, 0.0, t)
    out = safe.astype(dtype_of(dst))
    if high.any() or low.any():
        out = np.where(high, np.array(hi).astype(dtype_of(dst)), out)
        out = np.where(low, np.array(lo).astype(dtype_of(dst)), out)
    return out


def cast(x: np.ndarray, src: ScalarType, dst: ScalarType, rounding: Optional[str] = None) -> np.ndarray:
    """`x` converted by value from `src` to `dst` (pt.cast)."""
    if src == dst:
        return x
    if src.is_int and dst.is_int:
        if dst.is_bool:
            return x != 0
        if src.is_bool:
            return x.astype(dtype_of(dst))
        # Same width reinterprets, narrower truncates, wider extends by the source's signedness (C casts).
        return x.astype(dtype_of(dst))
    if src.is_int:
        if not is_soft(dst) and rounding != "rtz" and (dst.name != "f16" or src.bitwidth < 64):
            return x.astype(dtype_of(dst))
        return narrow(_int64_to_f64_odd(x) if src.bitwidth == 64 else x.astype(F64), dst, rounding)
    if dst.is_int:
        return _float_to_int(x, src, dst)
    wide = widen(x, src)
    if dst.bitwidth > src.bitwidth and not is_soft(src) and not is_soft(dst):
        return wide.astype(dtype_of(dst))
    return narrow(wide.astype(F64), dst, rounding)


def bitcast(x: np.ndarray, dst: ScalarType) -> np.ndarray:
    """The bits of `x` read as `dst` (same width)."""
    return x.view(dtype_of(dst))
