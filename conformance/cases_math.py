"""Math function cases: every function on every float dtype, over its domain and on special values."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from .case import Case
from .cases_elementwise import N, elementwise_case
from .formats import FLOATS, fmt
from .kernels import unary_kernel
from .tolerance import math_ulp, ulp
from .values import floats

_erf = np.frompyfunc(math.erf, 1, 1)

# function -> (float64 reference, domain as (low, high) or "positive" for every positive exponent)
FUNCTIONS = {
    "exp": (np.exp, (-80.0, 80.0)),
    "exp2": (np.exp2, (-120.0, 120.0)),
    "log": (np.log, "positive"),
    "log2": (np.log2, "positive"),
    "sin": (np.sin, (-100.0, 100.0)),
    "cos": (np.cos, (-100.0, 100.0)),
    "sqrt": (np.sqrt, "positive"),
    "sqrt_rn": (np.sqrt, "positive"),
    "rsqrt": (lambda x: 1.0 / np.sqrt(x), "positive"),
    "floor": (np.floor, (-1e4, 1e4)),
    "ceil": (np.ceil, (-1e4, 1e4)),
    "erf": (lambda x: _erf(x).astype(np.float64), (-5.0, 5.0)),
}


def _domain(function: str):
    domain = FUNCTIONS[function][1]

    def make(rng: np.random.Generator, dtype: str) -> np.ndarray:
        if domain == "positive":
            return floats(dtype, rng, N, 0.0, 1.0, log_range=True)
        low, high = domain
        top = fmt(dtype).max_finite
        return floats(dtype, rng, N, max(low, -top), min(high, top))
    return make


def _special(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Special values first, then values over every exponent of the format, both signs."""
    return floats(dtype, rng, N, -1.0, 1.0, with_specials=True, log_range=True)


def cases() -> list[Case]:
    """All math-function cases."""
    out = []
    for function, (reference, _) in FUNCTIONS.items():
        for dt in FLOATS:
            tol = ulp(math_ulp(function, dt))
            needs = (f"{function}:{dt}",)
            out.append(replace(elementwise_case("math", unary_kernel, function, dt, (_domain(function),),
                                                reference, dt, tol, variant="domain"), math=needs))
            out.append(replace(elementwise_case("math", unary_kernel, function, dt, (_special,), reference, dt,
                                                tol, variant="special"), math=needs))
    return out
