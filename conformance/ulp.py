"""Distances in units in the last place, with IEEE's special values handled.

Rules, for both functions:
- NaN matches NaN (any payload) at distance 0; NaN against a number is infinitely far.
- +0 and -0 are the same number (distance 0); tolerances that care about the
  sign of zero check it separately (`Tolerance.signed_zero`).
- An infinity sits one ULP above the largest finite value, as in the ordered
  bit patterns of IEEE 754, so overflow to inf next to the largest value is 1 ULP.
"""
from __future__ import annotations

import numpy as np

from .formats import encode, fmt, ulp_of


def _ordered(name: str, values: np.ndarray) -> np.ndarray:
    """Integers that count representable numbers of `name`: consecutive floats differ by 1, +0 == -0 == 0."""
    f = fmt(name)
    bits = encode(name, values)
    unsigned = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}[f.bits]
    raw = bits.view(unsigned).astype(np.uint64)
    sign = (raw >> np.uint64(f.bits - 1)).astype(bool)
    magnitude = (raw & np.uint64((1 << (f.bits - 1)) - 1)).astype(np.float64)
    return np.where(sign, -magnitude, magnitude)


def ulp_distance(name: str, got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """How many representable numbers of format `name` lie between got and want (values, float64)."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    dist = np.abs(_ordered(name, got) - _ordered(name, want))
    g_nan, w_nan = np.isnan(got), np.isnan(want)
    dist = np.where(g_nan | w_nan, np.where(g_nan & w_nan, 0.0, np.inf), dist)
    return dist


def ulp_error(name: str, got: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """|got - exact| in ULPs of format `name` at `exact`, as OpenCL measures it.

    `exact` is a higher-precision (float64) reference; `got` holds values of
    the format. An exact value at or past the overflow threshold counts as inf.
    """
    f = fmt(name)
    got = np.asarray(got, dtype=np.float64)
    exact = np.asarray(exact, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        if f.has_inf and f.bits < 64:
            top_gap = float(ulp_of(name, np.array(f.max_finite)))
            exact = np.where(np.abs(exact) >= f.max_finite + top_gap / 2, np.copysign(np.inf, exact), exact)
            limit = f.max_finite + top_gap            # where inf sits on the ULP scale
            g = np.where(np.isinf(got), np.copysign(limit, got), got)
            w = np.where(np.isinf(exact), np.copysign(limit, exact), exact)
        else:
            g, w = got, exact
        err = np.abs(g - w) / ulp_of(name, w)
    same_inf = np.isinf(got) & np.isinf(exact) & (np.sign(got) == np.sign(exact))
    err = np.where(same_inf, 0.0, err)
    g_nan, w_nan = np.isnan(got), np.isnan(exact)
    return np.where(g_nan | w_nan, np.where(g_nan & w_nan, 0.0, np.inf), err)
