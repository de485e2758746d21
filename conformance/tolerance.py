"""How close a result must be: exact, ULP bounds from OpenCL C, or bounds from the accumulation length."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from .formats import decode, encode, fmt, ulp_of
from .ulp import ulp_error

# Maximum error in ULPs of OpenCL C's built-in math functions (full-profile tables for
# single, double and half precision). bfloat16 uses the half table: targets compute it in
# float32 and round once, which stays well inside it.
OPENCL_ULP = {
    "f32": {"div": 2.5, "exp": 3, "exp2": 3, "log": 3, "log2": 3, "sin": 4, "cos": 4, "tan": 5, "sqrt": 3,
            "rsqrt": 2, "pow": 16, "erf": 16, "div_rn": 0, "sqrt_rn": 0, "floor": 0, "ceil": 0, "fma": 0},
    "f64": {"div": 0, "exp": 3, "exp2": 3, "log": 3, "log2": 3, "sin": 4, "cos": 4, "tan": 5, "sqrt": 0,
            "rsqrt": 2, "pow": 16, "erf": 16, "div_rn": 0, "sqrt_rn": 0, "floor": 0, "ceil": 0, "fma": 0},
    "f16": {"div": 0, "exp": 2, "exp2": 2, "log": 2, "log2": 2, "sin": 2, "cos": 2, "tan": 2, "sqrt": 0,
            "rsqrt": 1, "pow": 4, "erf": 4, "div_rn": 0, "sqrt_rn": 0, "floor": 0, "ceil": 0, "fma": 0},
}
# The libdevice functions (OpenCL C's tables for the same functions).
_LIBDEVICE_ULP = {"asin": 4, "acos": 4, "atan": 5, "atan2": 6, "sinh": 4, "cosh": 4, "tanh": 5, "asinh": 4,
                  "acosh": 4, "atanh": 5, "expm1": 3, "log1p": 2, "cbrt": 2, "erfc": 16, "log10": 3, "exp10": 3,
                  "hypot": 4, "trunc": 0, "round": 0, "rint": 0, "fmod": 0, "copysign": 0}
for _table in ("f32", "f64"):
    OPENCL_ULP[_table].update(_LIBDEVICE_ULP)
OPENCL_ULP["f16"].update({name: min(bound, 2) for name, bound in _LIBDEVICE_ULP.items()})
OPENCL_ULP["bf16"] = OPENCL_ULP["f16"]


# OpenCL's "0 ulp" means correctly rounded: within half an ULP of the exact value (a hair
# more, for the float64 reference's own rounding).
_CORRECTLY_ROUNDED = 0.5 + 1e-6


# Significands of formats that exist only inside dot units, not in memory. "f8-mma" is the sum that Hopper's
# wgmma keeps of fp8 products: about 14 significant bits, not float32's 24 (DeepSeek-V3 technical report,
# section 3.3.2, measured on H800); Triton's default for fp8 dots on sm_90 accumulates the whole K that way too.
_DOT_FORMATS = {"tf32": 10, "f8-mma": 13}


def significand_bits(name: str) -> int:
    """Stored significand bits of a format name, including tf32 (pt.dot's default for float32)."""
    return _DOT_FORMATS[name] if name in _DOT_FORMATS else fmt(name).mantissa_bits


def math_ulp(function: str, dtype: str) -> float:
    """The OpenCL C bound, in ULPs, of `function` computed in `dtype`."""
    return OPENCL_ULP[dtype][function]


@dataclass(frozen=True)
class Mismatch:
    """Why a result is wrong: how many elements, the first one, and the worst one."""

    count: int
    total: int
    first_index: tuple
    got: Any
    want: Any
    worst: float
    unit: str                          # "ULP", "abs" or "" for exact checks

    def __str__(self) -> str:
        worst = f"; largest error {self.worst:.4g} {self.unit}" if self.unit else ""
        return (f"{self.count} of {self.total} elements differ; first at index {self.first_index}: "
                f"got {self.got!r}, want {self.want!r}{worst}")


Checker = Callable[[list, list], Optional[str]]


@dataclass(frozen=True)
class Tolerance:
    """One of: exact bits, a ULP bound, an accumulation bound, or an invariant the result must satisfy.

    kind 'exact': stored results equal the reference rounded into the format,
    bit for bit (NaN payloads aside, so -0 differs from +0).
    kind 'ulp': error against the float64 reference at most `ulps` (OpenCL's measure;
    0 means correctly rounded);
    `signed_zero` additionally requires the sign of zero results.
    kind 'accumulation': |got - exact| <= gamma_n * sum|terms| + half an output ULP, with
    gamma_n = n u / (1 - n u) for n = `length` roundings of unit u of `accumulator`;
    the reference gives (value, sum of |terms|).
    kind 'invariant': `check(inputs, outputs)` returns None or what is wrong.
    """

    kind: str
    ulps: float = 0.0
    signed_zero: bool = False
    length: int = 0
    accumulator: str = "f32"
    check: Optional[Checker] = None
    describe: str = ""

    def __str__(self) -> str:
        if self.kind == "ulp":
            return f"<= {self.ulps:g} ULP"
        if self.kind == "accumulation":
            return f"accumulation of {self.length} terms in {self.accumulator}"
        if self.kind == "invariant":
            return self.describe
        return "exact"

    def compare(self, dtype: str, got: np.ndarray, want: Any) -> Optional[Mismatch]:
        """None when `got` (stored, in format `dtype`) meets this tolerance against `want`."""
        if self.kind == "exact":
            return _compare_exact(dtype, got, want)
        if self.kind == "ulp":
            return _compare_ulp(dtype, got, want, self.ulps, self.signed_zero)
        if self.kind == "accumulation":
            return _compare_accumulation(dtype, got, want, self.length, self.accumulator)
        raise ValueError(f"tolerance {self.kind!r} compares whole launches: call check(inputs, outputs)")


def exact() -> Tolerance:
    """Bit-exact results: integers, bitwise ops, integer casts, memory moves, comparisons."""
    return Tolerance("exact")


def ulp(bound: float, signed_zero: bool = False) -> Tolerance:
    """At most `bound` ULPs from the float64 reference."""
    return Tolerance("ulp", ulps=bound, signed_zero=signed_zero)


def accumulation(length: int, accumulator: str = "f32") -> Tolerance:
    """The error bound of summing `length` terms in `accumulator` precision, in any order."""
    return Tolerance("accumulation", length=length, accumulator=accumulator)


def invariant(check: Checker, describe: str) -> Tolerance:
    """A property of the whole launch's results (for races: atomics under contention)."""
    return Tolerance("invariant", check=check, describe=describe)


def _mismatch(bad: np.ndarray, got: np.ndarray, want: np.ndarray, worst: float, unit: str) -> Optional[Mismatch]:
    if not bad.any():
        return None
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    return Mismatch(int(bad.sum()), bad.size, first, got[first].item(), want[first].item(), worst, unit)


def _same_bits(dtype: str, got: np.ndarray, want_stored: np.ndarray) -> np.ndarray:
    f = fmt(dtype)
    if not f.is_float:
        return got == want_stored
    unsigned = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}[f.bits]
    both_nan = np.isnan(decode(dtype, got)) & np.isnan(decode(dtype, want_stored))
    return (got.view(unsigned) == want_stored.view(unsigned)) | both_nan


def _compare_exact(dtype: str, got: np.ndarray, want: Any) -> Optional[Mismatch]:
    want_stored = encode(dtype, np.asarray(want)) if fmt(dtype).is_float else np.asarray(want).astype(got.dtype)
    want_stored = np.broadcast_to(want_stored, got.shape)
    bad = ~_same_bits(dtype, got, want_stored)
    return _mismatch(bad, decode(dtype, got), decode(dtype, want_stored), 0.0, "")


def _compare_ulp(dtype: str, got: np.ndarray, want: Any, bound: float, signed_zero: bool) -> Optional[Mismatch]:
    values = np.asarray(decode(dtype, got), dtype=np.float64)
    exact_values = np.broadcast_to(np.asarray(want, dtype=np.float64), values.shape)
    err = ulp_error(dtype, values, exact_values)
    bad = err > (bound if bound > 0 else _CORRECTLY_ROUNDED)
    if signed_zero:
        zero = (values == 0) & (exact_values == 0)
        bad |= zero & (np.signbit(values) != np.signbit(exact_values))
    worst = float(np.max(np.where(np.isinf(err), np.inf, err), initial=0.0))
    return _mismatch(bad, values, exact_values, worst, "ULP")


def _compare_accumulation(dtype: str, got: np.ndarray, want: Any, length: int, accumulator: str) -> Optional[Mismatch]:
    value, magnitude = (np.asarray(w, dtype=np.float64) for w in want)
    values = np.asarray(decode(dtype, got), dtype=np.float64)
    value = np.broadcast_to(value, values.shape)
    unit = 2.0 ** -(significand_bits(accumulator) + 1)
    gamma = length * unit / (1 - length * unit)
    bound = gamma * magnitude + ulp_of(dtype, value) / 2
    with np.errstate(invalid="ignore"):
        err = np.abs(values - value)
    special = ~np.isfinite(value) | ~np.isfinite(values)
    bad = np.where(special, ~((values == value) | (np.isnan(values) & np.isnan(value))), err > bound)
    worst = float(np.max(np.where(special, 0.0, err), initial=0.0))
    return _mismatch(bad, values, value, worst, "abs")
