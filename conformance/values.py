"""Seeded test values per format: random ones over the whole range, and the special ones first."""
from __future__ import annotations

import numpy as np

from .formats import encode, fmt, storage_of


def specials(name: str) -> np.ndarray:
    """The values every float op must get right (float64): zeros, infinities, NaN, denormals, extremes."""
    f = fmt(name)
    tiny = 2.0 ** f.min_exponent
    denorm = 2.0 ** (f.min_exponent - f.mantissa_bits)
    vals = [0.0, -0.0, np.inf, -np.inf, np.nan, denorm, -denorm, tiny, -tiny, tiny / 2, f.max_finite,
            -f.max_finite, 1.0, -1.0, 0.5, 2.0, 3.0]
    if not f.has_inf:
        vals = [v for v in vals if not np.isinf(v)]
    return np.array(vals)


def integer_edges(name: str) -> np.ndarray:
    """The smallest, largest and small values of an integer format."""
    info = np.iinfo(storage_of(name))
    edges = [info.min, info.max, 0, 1, info.max - 1] + ([-1, info.min + 1] if info.min < 0 else [])
    return np.array(edges, dtype=storage_of(name))


def floats(name: str, rng: np.random.Generator, n: int, low: float = -1e3, high: float = 1e3,
           with_specials: bool = False, log_range: bool = False) -> np.ndarray:
    """`n` values of float format `name` in its storage (bits for bf16/fp8).

    Uniform over [low, high], or with `log_range` spread over every exponent of
    the format (positive only when low >= 0); the special values come first.
    """
    f = fmt(name)
    if log_range:
        exps = rng.uniform(f.min_exponent - f.mantissa_bits, np.log2(f.max_finite), n)
        vals = np.exp2(exps) * (rng.choice([-1.0, 1.0], n) if low < 0 else 1.0)
    else:
        vals = rng.uniform(low, high, n)
    if with_specials:
        s = specials(name)[:n]
        vals[: len(s)] = s
    return encode(name, vals)


def integers(name: str, rng: np.random.Generator, n: int, low: int | None = None, high: int | None = None,
             with_edges: bool = False) -> np.ndarray:
    """`n` integers of format `name`, over [low, high] (the whole range by default)."""
    info = np.iinfo(storage_of(name))
    lo = info.min if low is None else low
    hi = info.max if high is None else high
    vals = rng.integers(lo, hi, size=n, endpoint=True, dtype=storage_of(name))
    if with_edges:
        e = integer_edges(name)
        e = e[(e >= lo) & (e <= hi)]
        vals[: len(e)] = e
    return vals


def any_values(name: str, rng: np.random.Generator, n: int, with_specials: bool = True) -> np.ndarray:
    """`n` values of any format: integers over their range, floats spread over magnitudes."""
    f = fmt(name)
    if name == "i1":
        return rng.integers(0, 2, n).astype(bool)
    if not f.is_float:
        return integers(name, rng, n, with_edges=with_specials)
    bound = min(f.max_finite, 1e4)
    return floats(name, rng, n, -bound, bound, with_specials=with_specials)
