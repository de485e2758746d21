"""Number formats of the pantile language as numpy sees them: storage, decoding, rounding, ULPs.

numpy has no bfloat16 or fp8, so those values travel as their bit patterns
(uint16, uint8) and kernels bitcast them; this module decodes and encodes
those patterns so references can be computed in float64.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import pantile.language as pl


@dataclass(frozen=True)
class Format:
    """One scalar type: its name (IR spelling), how numpy stores it, and its float layout if any."""

    name: str
    storage: type                       # numpy dtype of the arrays that hold it
    language: object                    # the pantile.language dtype
    exponent_bits: int = 0              # 0 for integers
    mantissa_bits: int = 0
    has_inf: bool = True

    @property
    def is_float(self) -> bool:
        """True for floating-point formats."""
        return self.exponent_bits > 0

    @property
    def is_signed(self) -> bool:
        """True for floats and signed integers."""
        return self.is_float or np.issubdtype(self.storage, np.signedinteger)

    @property
    def bits(self) -> int:
        """Width in bits."""
        return 1 if self.name == "i1" else np.dtype(self.storage).itemsize * 8

    @property
    def bitcast(self) -> bool:
        """True when numpy holds the bit pattern (bf16, fp8) rather than the value."""
        return self.is_float and not np.issubdtype(self.storage, np.floating)

    @property
    def bias(self) -> int:
        """Exponent bias."""
        return (1 << (self.exponent_bits - 1)) - 1

    @property
    def max_finite(self) -> float:
        """The largest finite value."""
        return float(finite_values(self)[-1])

    @property
    def min_exponent(self) -> int:
        """Exponent of the smallest normal number."""
        return 1 - self.bias


FORMATS = {f.name: f for f in (
    Format("i1", np.bool_, pl.int1),
    Format("i8", np.int8, pl.int8), Format("i16", np.int16, pl.int16),
    Format("i32", np.int32, pl.int32), Format("i64", np.int64, pl.int64),
    Format("u8", np.uint8, pl.uint8), Format("u16", np.uint16, pl.uint16),
    Format("u32", np.uint32, pl.uint32), Format("u64", np.uint64, pl.uint64),
    Format("f16", np.float16, pl.float16, 5, 10), Format("bf16", np.uint16, pl.bfloat16, 8, 7),
    Format("f32", np.float32, pl.float32, 8, 23), Format("f64", np.float64, pl.float64, 11, 52),
    Format("f8e4m3", np.uint8, pl.float8e4nv, 4, 3, has_inf=False),
    Format("f8e5m2", np.uint8, pl.float8e5, 5, 2),
)}
INTEGERS = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
FLOATS = ("f16", "bf16", "f32", "f64")
FP8 = ("f8e4m3", "f8e5m2")


def fmt(name: str) -> Format:
    """The Format called `name` (IR spelling: 'f32', 'bf16', 'f8e4m3', 'u8' ...)."""
    return FORMATS[name]


def _decode_small(f: Format, bits: np.ndarray) -> np.ndarray:
    """float64 values of 8- or 16-bit float patterns, by the IEEE layout (e4m3fn has no inf)."""
    b = bits.astype(np.int64)
    sign = np.where(b >> (f.bits - 1) & 1, -1.0, 1.0)
    exp = (b >> f.mantissa_bits) & ((1 << f.exponent_bits) - 1)
    man = (b & ((1 << f.mantissa_bits) - 1)).astype(np.float64)
    scale = float(1 << f.mantissa_bits)
    normal = np.ldexp(1.0 + man / scale, (exp - f.bias).astype(np.int64))
    sub = np.ldexp(man / scale, f.min_exponent)
    value = sign * np.where(exp == 0, sub, normal)
    top = exp == (1 << f.exponent_bits) - 1
    if f.has_inf:
        value = np.where(top, np.where(man == 0, sign * np.inf, np.nan), value)
    else:
        value = np.where(top & (man == (1 << f.mantissa_bits) - 1), np.nan, value)
    return value


def decode(name: str, stored: np.ndarray) -> np.ndarray:
    """The values an array of format `name` holds, as float64 (integers and bools as they are)."""
    f = fmt(name)
    stored = np.asarray(stored)
    if not f.is_float:
        return stored
    if f.bitcast:
        return _decode_small(f, stored)
    return stored.astype(np.float64)


@lru_cache(maxsize=None)
def finite_values(f: Format) -> np.ndarray:
    """Every non-negative finite value of a float format, ascending (index = bit pattern for small ones)."""
    if f.bits > 16:
        return np.array([0.0, float(np.finfo(f.storage).max)])
    codes = np.arange(1 << (f.bits - 1), dtype=np.uint32)
    values = _decode_small(f, codes) if f.bitcast else codes.astype(np.uint16).view(np.float16).astype(np.float64)
    return values[np.isfinite(values)]


def _round_wide(f: Format, values: np.ndarray, rounding: str) -> np.ndarray:
    """float64 to float32/float64 with numpy's round-to-nearest-even, stepped toward zero for 'rtz'."""
    with np.errstate(over="ignore"):
        out = values.astype(f.storage)
    if rounding == "rtz":
        away = np.isfinite(values) & (np.abs(out.astype(np.float64)) > np.abs(values))
        out = np.where(away, np.nextafter(out, np.zeros_like(out)), out)
    return out


def as_dot_inputs(values: np.ndarray, rounded_to: str) -> np.ndarray:
    """f32 `values` as a dot takes them: unchanged for "f32"; for "tf32", rounded to 10 mantissa bits, to
    nearest with ties away from zero (cvt.rna.tf32.f32), in float32 storage."""
    values = np.asarray(values, dtype=np.float32)
    if rounded_to == "f32":
        return values
    if rounded_to != "tf32":
        raise ValueError(f"dot inputs are rounded to 'f32' or 'tf32', not {rounded_to!r}")
    bits = values.view(np.uint32)
    finite = np.isfinite(values)
    # adding half of the lowest kept bit to the magnitude bits rounds ties away; a carry moves into the exponent
    rounded = ((bits & np.uint32(0x7FFFFFFF)) + np.uint32(0x1000)) & np.uint32(0x7FFFE000) | (bits & np.uint32(0x80000000))
    return np.where(finite, rounded.view(np.float32), values)


def encode(name: str, values: np.ndarray, rounding: str = "rtne") -> np.ndarray:
    """float64 `values` rounded into format `name` ('rtne' or 'rtz'), in its numpy storage.

    Out-of-range values become inf, or the largest finite value where the
    format has no inf (e4m3fn saturates as NVIDIA's satfinite conversion does).
    """
    f = fmt(name)
    values = np.asarray(values, dtype=np.float64)
    if not f.is_float:
        return values.astype(f.storage)
    if f.bits >= 32:
        return _round_wide(f, values, rounding)
    table = finite_values(f)
    mag = np.abs(values)
    hi = np.clip(np.searchsorted(table, mag, side="left"), 0, len(table) - 1)
    lo = np.clip(hi - 1, 0, None)
    exact = table[hi] == mag
    if rounding == "rtz":
        code = np.where(exact, hi, lo)
    else:
        dlo, dhi = mag - table[lo], table[hi] - mag
        code = np.where(exact | (dhi < dlo) | ((dhi == dlo) & (hi % 2 == 0)), hi, lo)
    code = np.where(mag >= table[-1], len(table) - 1, code)
    overflow_at = table[-1] + (table[-1] - table[-2]) / 2 if rounding == "rtne" else np.inf
    code = code.astype(np.int64)
    sign_bit = np.signbit(values).astype(np.int64) << (f.bits - 1)
    if f.bitcast:
        bits = code | sign_bit
        nan_code = (1 << (f.bits - 1)) - 1
        inf_code = ((1 << f.exponent_bits) - 1) << f.mantissa_bits
        if f.has_inf:
            bits = np.where(np.isinf(values) | (mag >= overflow_at), inf_code | sign_bit, bits)
        bits = np.where(np.isnan(values), nan_code, bits)
        return bits.astype(f.storage)
    out = np.copysign(table[code], values)
    out = np.where(np.isinf(values) | (mag >= overflow_at), np.copysign(np.inf, values), out)
    return np.where(np.isnan(values), np.nan, out).astype(f.storage)


def ulp_of(name: str, values: np.ndarray) -> np.ndarray:
    """The gap between the two finite numbers of format `name` around |values| (float64).

    For |x| in [2^e, 2^(e+1)) it is 2^(e - mantissa_bits), never below the
    subnormal spacing; at or above the largest finite value it is that value's gap.
    """
    f = fmt(name)
    mag = np.minimum(np.abs(np.asarray(values, dtype=np.float64)), f.max_finite)
    with np.errstate(divide="ignore"):
        e = np.floor(np.log2(np.where(mag > 0, mag, 1.0)))
    e = np.maximum(np.where(mag > 0, e, f.min_exponent), f.min_exponent)
    return np.ldexp(1.0, (e - f.mantissa_bits).astype(np.int64))


def storage_of(name: str) -> np.dtype:
    """The numpy dtype that holds values of format `name`."""
    return np.dtype(fmt(name).storage)
