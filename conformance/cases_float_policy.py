"""The floating-point policy of docs/floating-point.md, on every target: `a * b + c` is never contracted,
`tl.fma` rounds once, subnormals are kept (neither flushed nor read as zero), and maximum/minimum with
`propagate_nan=ALL` give NaN for a NaN operand and order -0 below +0.

The operands are chosen so that each rule changes the answer: `c = -round(a * b)` makes an unfused
`a * b + c` exactly 0 and a fused one the product's rounding error; subnormal products round to
subnormals, which a flushing target gives as 0.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .case import Case, Output
from .cases_elementwise import BLOCK, GRID, N, elementwise_case, exact_fma, spread, spread_shuffled
from .formats import FLOATS, decode, encode, fmt, storage_of
from .kernels import binary_kernel, ternary_kernel
from .tolerance import ulp
from .values import floats

ROUNDED = ("f16", "f32", "f64")        # formats whose arithmetic rounds in the format itself
# Operand pairs where maximum and minimum must get NaN and the sign of zero right, before random values.
_PAIRS = ((0.0, -0.0), (-0.0, 0.0), (np.nan, 1.0), (1.0, np.nan), (np.nan, np.nan), (-np.inf, np.nan),
          (np.nan, -0.0), (-0.0, -0.0), (np.inf, -np.inf), (2.0, 2.0))


def _product_cancelled(dtype: str) -> Callable[[np.random.Generator], list]:
    """a, b and c = -round(a * b) in `dtype`, and the output buffer."""
    def inputs(rng: np.random.Generator) -> list:
        a, b = floats(dtype, rng, N, -8.0, 8.0), floats(dtype, rng, N, -8.0, 8.0)
        c = encode(dtype, -decode(dtype, encode(dtype, decode(dtype, a) * decode(dtype, b))))
        return [a, b, c, np.zeros(N, storage_of(dtype)), N]
    return inputs


def _rounding_case(op: str, dtype: str, reference: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
                   math: tuple[str, ...] = ()) -> Case:
    """ternary_kernel's `op` on (a, b, -round(a*b)), compared bit for bit."""
    def expected(args: list) -> list:
        return [reference(*(decode(dtype, a) for a in args[:3]))]
    return Case(f"float-policy/{op}/{dtype}", "float-policy", ternary_kernel, _product_cancelled(dtype), expected,
                (Output(3, dtype, ulp(0, signed_zero=True)),), GRID,
                (("OP", op), ("VIEW", fmt(dtype).language), ("BLOCK", BLOCK)), dtypes=(dtype,), math=math)


def _unfused(dtype: str) -> Callable[..., np.ndarray]:
    """a * b rounded to `dtype`, then + c rounded (exactly +0 here)."""
    return lambda a, b, c: decode(dtype, encode(dtype, decode(dtype, encode(dtype, a * b)) + c))


def _subnormal(dtype: str) -> Callable[[np.random.Generator, str], np.ndarray]:
    """Subnormal values of `dtype` of either sign (and the smallest normal ones)."""
    f = fmt(dtype)

    def make(rng: np.random.Generator, _: str) -> np.ndarray:
        exps = rng.uniform(f.min_exponent - f.mantissa_bits, f.min_exponent + 1, N)
        return encode(dtype, np.exp2(exps) * rng.choice([-1.0, 1.0], N))
    return make


def _scales(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Factors that keep a subnormal product subnormal or make it just normal."""
    return floats(dtype, rng, N, 0.125, 4.0)


def _rounded(dtype: str, fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., np.ndarray]:
    """`fn` in float64, rounded once to `dtype` (exact for products and sums of these operands)."""
    return lambda x, y: decode(dtype, encode(dtype, fn(x, y)))


def _pairs(first: bool) -> Callable[[np.random.Generator, str], np.ndarray]:
    """The special pairs' first or second operands, then random values with specials."""
    make = spread if first else spread_shuffled

    def values(rng: np.random.Generator, dtype: str) -> np.ndarray:
        out = make(rng, dtype)
        out[:len(_PAIRS)] = encode(dtype, np.array([p[0 if first else 1] for p in _PAIRS]))
        return out
    return values


def _ieee_extremum(greater: bool) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """IEEE 754-2019 maximum/minimum: NaN if either is NaN, -0 < +0."""
    def fn(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        pick = np.maximum(x, y) if greater else np.minimum(x, y)
        negative = (np.logical_and if greater else np.logical_or)(np.signbit(x), np.signbit(y))
        return np.where(x == y, np.copysign(x, np.where(negative, -1.0, 1.0)), pick)
    return fn


def cases() -> list[Case]:
    """Every floating-point policy case."""
    out: list[Case] = []
    for dt in ROUNDED:
        out.append(_rounding_case("mul_add", dt, _unfused(dt)))
        out.append(_rounding_case("fma", dt, exact_fma, math=(f"fma:{dt}",)))
        for op, fn in (("mul", np.multiply), ("add", np.add)):
            second = _scales if op == "mul" else _subnormal(dt)
            out.append(elementwise_case("float-policy", binary_kernel, op, dt, (_subnormal(dt), second),
                                        _rounded(dt, fn), dt, ulp(0, signed_zero=True), variant="subnormal"))
    for dt in FLOATS:
        for op, greater in (("maximum_nan", True), ("minimum_nan", False)):
            out.append(elementwise_case("float-policy", binary_kernel, op, dt, (_pairs(True), _pairs(False)),
                                        _ieee_extremum(greater), dt, ulp(0, signed_zero=True)))
    return out
