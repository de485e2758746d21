"""Elementwise cases from tables: arithmetic, division and modulo, bitwise ops, shifts, comparisons, where, fma."""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Callable

import numpy as np

from .case import Case, Output
from .formats import FLOATS, INTEGERS, decode, fmt, storage_of
from .kernels import binary_kernel, ternary_kernel, unary_kernel
from .tolerance import Tolerance, exact, math_ulp, ulp
from .values import any_values, floats, integers

N, BLOCK = 1000, 256
GRID = ((N + BLOCK - 1) // BLOCK,)
ALL = INTEGERS + FLOATS

Make = Callable[[np.random.Generator, str], np.ndarray]


def elementwise_case(group: str, kernel, op: str, dtype: str, makers: tuple[Make, ...],
                     reference: Callable[..., np.ndarray], out_dtype: str, tolerance: Tolerance,
                     variant: str = "", seed: int = 0) -> Case:
    """A case for one of the elementwise kernels: operands from `makers`, result compared as `out_dtype`."""
    def inputs(rng: np.random.Generator) -> list:
        operands = [make(rng, dtype) for make in makers]
        return [*operands, np.zeros(N, storage_of(out_dtype)), N]

    def expected(args: list) -> list:
        with np.errstate(all="ignore"):
            return [reference(*(a if a.dtype == bool else decode(dtype, a) for a in args[:len(makers)]))]

    name = f"{group}/{op}/{dtype}" + (f"/{variant}" if variant else "")
    return Case(name, group, kernel, inputs, expected, (Output(len(makers), out_dtype, tolerance),), GRID,
                (("OP", op), ("VIEW", fmt(dtype).language), ("BLOCK", BLOCK)), dtypes=(dtype, out_dtype),
                seed=seed)


def spread(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Values over the whole range, special values first."""
    return any_values(dtype, rng, N)


def spread_shuffled(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Like `spread`, with the special values at other positions (so they meet each other)."""
    return np.roll(any_values(dtype, rng, N), 7)


def nonzero(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Divisors: anything but 0 and -1 (INT_MIN / -1 overflows in C)."""
    v = any_values(dtype, rng, N)
    bad = v == 0
    if fmt(dtype).is_signed and not fmt(dtype).is_float:
        bad |= v == -1
    return np.where(bad, 3, v).astype(storage_of(dtype))


def shift_amounts(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Shift counts 0 .. bits-1."""
    return integers(dtype, rng, N, 0, fmt(dtype).bits - 1)


def conditions(rng: np.random.Generator, dtype: str) -> np.ndarray:
    """Random booleans."""
    return rng.integers(0, 2, N).astype(bool)


def _c_div(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Integer division truncating toward zero, as in C."""
    return ((x - np.fmod(x, y)) // y).astype(x.dtype)


def _float_or_int(float_fn, int_fn):
    return lambda dtype: float_fn if fmt(dtype).is_float else int_fn


_ARITH = {"add": np.add, "sub": np.subtract, "mul": np.multiply}
_COMPARE = {"lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal, "eq": np.equal,
            "ne": np.not_equal}
_BITWISE = {"and": np.bitwise_and, "or": np.bitwise_or, "xor": np.bitwise_xor}
_SHIFT = {"shl": np.left_shift, "shr": np.right_shift}
_EXTREMA = {"maximum": _float_or_int(np.fmax, np.maximum), "minimum": _float_or_int(np.fmin, np.minimum)}


def _float_tolerance(dtype: str) -> Tolerance:
    # maximum/minimum: any NaN-free answer is exact, and +0/-0 may come either way (IEEE maxNum)
    return ulp(0) if fmt(dtype).is_float else exact()


def cases() -> list[Case]:
    """All elementwise cases."""
    out: list[Case] = []
    for op, fn in _ARITH.items():
        for dt in ALL:
            out.append(elementwise_case("arith", binary_kernel, op, dt, (spread, spread_shuffled), fn, dt, exact()))
    for op, pick in _EXTREMA.items():
        for dt in ALL:
            out.append(elementwise_case("arith", binary_kernel, op, dt, (spread, spread_shuffled), pick(dt), dt,
                                        _float_tolerance(dt)))
    for dt in FLOATS:
        for op in ("div", "fdiv"):
            out.append(elementwise_case("arith", binary_kernel, op, dt, (spread, spread_shuffled), np.divide, dt,
                                        ulp(math_ulp("div", dt))))
        out.append(elementwise_case("arith", binary_kernel, "div_rn", dt, (spread, spread_shuffled), np.divide,
                                    dt, ulp(0, signed_zero=True)))
    for dt in ("f32", "f64"):
        out.append(replace(elementwise_case("arith", binary_kernel, "mod", dt, (spread, nonzero), np.fmod, dt,
                                            exact()), math=(f"mod:{dt}",)))
    for dt in INTEGERS:
        out.append(elementwise_case("intdiv", binary_kernel, "floordiv", dt, (spread, nonzero), _c_div, dt,
                                    exact()))
        out.append(elementwise_case("intdiv", binary_kernel, "mod", dt, (spread, nonzero), np.fmod, dt, exact()))
        for op, fn in _BITWISE.items():
            out.append(elementwise_case("bitwise", binary_kernel, op, dt, (spread, spread_shuffled), fn, dt,
                                        exact()))
        for op, fn in _SHIFT.items():
            out.append(elementwise_case("bitwise", binary_kernel, op, dt, (spread, shift_amounts), fn, dt, exact()))
        out.append(elementwise_case("bitwise", unary_kernel, "invert", dt, (spread,), np.invert, dt, exact()))
    for op, fn in _COMPARE.items():
        for dt in ALL:
            out.append(elementwise_case("compare", binary_kernel, op, dt, (spread, spread_shuffled), fn, "i1",
                                        exact()))
    for dt in ALL:
        out.append(elementwise_case("unary", unary_kernel, "neg", dt, (spread,), np.negative, dt, exact()))
        out.append(elementwise_case("unary", unary_kernel, "abs", dt, (spread,), np.abs, dt, exact()))
    for dt in ALL + ("i1",):
        out.append(replace(elementwise_case("where", ternary_kernel, "where", dt, (conditions, spread,
                                                                              spread_shuffled), np.where, dt,
                                            exact()), dtypes=(dt, "i1")))   # the conditions are an i1 array
    for dt in FLOATS:
        fma = elementwise_case("arith", ternary_kernel, "fma", dt, (_fma_operand,) * 3, exact_fma, dt,
                               ulp(math_ulp("fma", dt)))
        out.append(replace(fma, math=(f"fma:{dt}",)))
    return out


def _fma_operand(rng: np.random.Generator, dtype: str) -> np.ndarray:
    return floats(dtype, rng, N, -8.0, 8.0)


def exact_fma(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a * b + c rounded once (exact rational arithmetic, then Python's correctly rounded float())."""
    rounded_once = np.frompyfunc(lambda x, y, z: float(Fraction(x) * Fraction(y) + Fraction(z)), 3, 1)
    return rounded_once(a, b, c).astype(np.float64)
