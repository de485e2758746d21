"""tl.extra.libdevice's math functions on every float dtype, over each domain and on special values, within
OpenCL C's bounds (float64 pow and erfc over the domains their docstrings claim)."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .case import Case
from .cases_elementwise import N, elementwise_case
from .formats import FLOATS, fmt
from .kernels import binary_kernel, unary_kernel
from .tolerance import math_ulp, ulp
from .values import floats

_erfc = np.frompyfunc(math.erfc, 1, 1)


def _round_half_away(x: np.ndarray) -> np.ndarray:
    a = np.abs(x)
    return np.copysign(np.where(a - np.floor(a) >= 0.5, np.floor(a) + 1, np.floor(a)), x)


def _cbrt(x: np.ndarray) -> np.ndarray:
    # numpy's float64 cbrt is off by an ulp at times (cbrt(27) = 3.0000000000000004): take it wider.
    return np.cbrt(x.astype(np.longdouble)).astype(np.float64)


# function -> (float64 reference, operand domains as (low, high) pairs, or "log" for every exponent)
UNARY = {
    "asin": (np.arcsin, (-1.0, 1.0)), "acos": (np.arccos, (-1.0, 1.0)), "atan": (np.arctan, "log"),
    "sinh": (np.sinh, (-80.0, 80.0)), "cosh": (np.cosh, (-80.0, 80.0)), "tanh": (np.tanh, (-20.0, 20.0)),
    "asinh": (np.arcsinh, "log"), "acosh": (np.arccosh, (1.0, 1e4)), "atanh": (np.arctanh, (-1.0, 1.0)),
    "expm1": (np.expm1, (-30.0, 30.0)), "log1p": (np.log1p, (-0.999, 1e4)), "cbrt": (_cbrt, "log"),
    "erfc": (lambda x: _erfc(x).astype(np.float64), (-5.0, 9.0)), "log10": (np.log10, (0.0, 1e4)),
    "exp10": (lambda x: np.power(10.0, x), (-30.0, 30.0)), "tan": (np.tan, (-1.5, 1.5)),
    "trunc": (np.trunc, (-1e4, 1e4)), "round": (_round_half_away, (-1e4, 1e4)), "rint": (np.rint, (-1e4, 1e4)),
}
BINARY = {
    "atan2": (np.arctan2, "log", "log"), "pow": (np.power, (0.0, 10.0), (-20.0, 20.0)),
    "hypot": (np.hypot, "log", "log"), "fmod": (np.fmod, (-1e4, 1e4), (-100.0, 100.0)),
    "copysign": (np.copysign, "log", "log"),
}
# float64 domains where the float32 ones go past what the float64 formulas claim (see their docstrings).
FLOAT64_DOMAINS = {"pow": ((0.5, 2.0), (-10.0, 10.0)), "erfc": ((2.0, 26.0),)}


def _maker(domain, seed_offset: int):
    def make(rng: np.random.Generator, dtype: str) -> np.ndarray:
        if domain == "log":
            return floats(dtype, rng, N, -1.0, 1.0, log_range=True)
        top = fmt(dtype).max_finite
        return floats(dtype, rng, N, max(domain[0], -top), min(domain[1], top))
    make.__name__ = f"domain{seed_offset}"
    return make


def _special(rng: np.random.Generator, dtype: str) -> np.ndarray:
    return floats(dtype, rng, N, -1.0, 1.0, with_specials=True, log_range=True)


def _cases(table: dict, kernel) -> list[Case]:
    out = []
    for function, (reference, *domains) in table.items():
        for dt in FLOATS:
            spans = FLOAT64_DOMAINS.get(function, domains) if dt == "f64" else domains
            tol = ulp(math_ulp(function, dt))
            needs = (f"{function}:{dt}",)
            makers = tuple(_maker(d, i) for i, d in enumerate(spans))
            out.append(replace(elementwise_case("libdevice", kernel, function, dt, makers, reference, dt, tol,
                                                variant="domain"), math=needs))
            if dt != "f64" or function not in FLOAT64_DOMAINS:
                out.append(replace(elementwise_case("libdevice", kernel, function, dt, (_special,) * len(domains),
                                                    reference, dt, tol, variant="special"), math=needs))
    return out


def cases() -> list[Case]:
    """All libdevice cases."""
    return _cases(UNARY, unary_kernel) + _cases(BINARY, binary_kernel)
