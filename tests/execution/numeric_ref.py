"""numpy references for the number formats numpy lacks (bf16, fp8) and for C integer semantics."""
from __future__ import annotations

import bisect
import math
from fractions import Fraction
from functools import lru_cache

import numpy as np

# (exponent bits, mantissa bits, bias, IEEE inf/NaN at the top exponent)
FORMATS = {"f16": (5, 10, 15, True), "bf16": (8, 7, 127, True), "f8e5m2": (5, 2, 15, True),
           "f8e4m3": (4, 3, 7, False)}


def decode(codes: np.ndarray, fmt: str) -> np.ndarray:
    """The float64 values of integer codes in a small float format."""
    e_bits, m_bits, bias, ieee = FORMATS[fmt]
    c = codes.astype(np.int64)
    sign = np.where(c >> (e_bits + m_bits) & 1, -1.0, 1.0)
    e = (c >> m_bits) & ((1 << e_bits) - 1)
    m = c & ((1 << m_bits) - 1)
    val = np.where(e == 0, m * 2.0 ** (1 - bias - m_bits), (1 + m / 2.0 ** m_bits) * 2.0 ** (e - bias))
    if ieee:
        top = e == (1 << e_bits) - 1
        val = np.where(top & (m == 0), np.inf, np.where(top, np.nan, val))
    else:
        val = np.where((e == (1 << e_bits) - 1) & (m == (1 << m_bits) - 1), np.nan, val)
    return sign * val


@lru_cache(maxsize=None)
def _finite_codes(fmt: str) -> tuple[np.ndarray, list]:
    """The non-negative finite codes of a format, ascending, and their exact values."""
    pos = np.arange(1 << (1 + FORMATS[fmt][0] + FORMATS[fmt][1] - 1))
    vals = decode(pos, fmt)
    finite = np.isfinite(vals)
    return pos[finite], [Fraction(v) for v in vals[finite]]


def encode(x, fmt: str, rounding: str = "rtne") -> np.ndarray:
    """Codes of values (floats, or Python ints of any size) rounded once to a small format."""
    e_bits, m_bits, bias, ieee = FORMATS[fmt]
    width = 1 + e_bits + m_bits
    codes, vals = _finite_codes(fmt)
    max_code = codes[-1]
    # For round-to-nearest, infinity behaves as the value one ulp past the largest finite.
    ulp_top = Fraction(2) ** ((1 << e_bits) - 2 - bias - m_bits) if ieee else Fraction(0)
    values = np.asarray(x)
    out = np.empty(values.shape, dtype=np.int64)
    for idx, v in np.ndenumerate(values):
        v = float(v) if isinstance(v, (float, np.floating)) else int(v)
        negative = math.copysign(1, v) < 0
        if math.isnan(v):
            code = (((1 << e_bits) - 1) << m_bits) | (1 << (m_bits - 1)) if ieee else (1 << (width - 1)) - 1
        elif math.isinf(v):
            code = max_code + 1 if ieee else max_code
        else:
            a = abs(Fraction(v))
            if rounding == "rtz":
                code = codes[bisect.bisect_right(vals, a) - 1]
            elif ieee and a >= vals[-1] + ulp_top / 2:
                code = max_code + 1  # infinity
            else:
                a = min(a, vals[-1])
                k = bisect.bisect_left(vals, a)
                if vals[k] == a:
                    code = codes[k]
                else:
                    dl, dh = a - vals[k - 1], vals[k] - a
                    code = codes[k - 1] if dl < dh or (dl == dh and codes[k - 1] % 2 == 0) else codes[k]
        out[idx] = code | ((1 << (width - 1)) if negative else 0)
    return out


def c_div(a: np.ndarray, b: np.ndarray, dtype, rem: bool) -> np.ndarray:
    """C integer division (truncating) or remainder, wrapping to `dtype`."""
    out = []
    for x, y in zip(a.tolist(), b.tolist()):
        q = abs(x) // abs(y) * (1 if (x < 0) == (y < 0) else -1)
        out.append(x - q * y if rem else q)
    info = np.iinfo(dtype)
    span = 1 << info.bits
    return np.array([(v - info.min) % span + info.min for v in out], dtype=dtype)


def exact_fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a*b+c rounded once to the inputs' dtype (exact rational arithmetic)."""
    out = []
    for x, y, z in zip(a.tolist(), b.tolist(), c.tolist()):
        finite = all(math.isfinite(v) for v in (x, y, z))
        out.append(float(Fraction(x) * Fraction(y) + Fraction(z)) if finite else x * y + z)
    return np.array(out, np.float64).astype(a.dtype)


# f32 math: OpenCL's single-precision bounds in ULPs and the float64 references.
OPENCL_F32_ULP = {"exp": 3, "exp2": 3, "log": 3, "log2": 3}
REFERENCE_F32 = {"exp": np.exp, "exp2": np.exp2, "log": np.log, "log2": np.log2}


def f32_math_samples(fn: str) -> np.ndarray:
    """Arguments over the range of normal results, and many close to 1 (close to 0 for exponentials)."""
    rng = np.random.default_rng(11)
    near_one = 1 + rng.uniform(-2.0 ** -3, 2.0 ** -3, 4000)
    if fn.startswith("log"):
        wide = 10.0 ** rng.uniform(-37, 38, 4000)
        x = np.concatenate([near_one, wide, [1.0663188, 1 - 2.0 ** -24, 1 + 2.0 ** -23]])
    else:
        low, high = (-87, 88) if fn == "exp" else (-126, 127)    # results stay normal numbers
        x = np.concatenate([near_one - 1, rng.uniform(low, high, 4000), [1e-7, -1e-7]])
    return x.astype(np.float32)
