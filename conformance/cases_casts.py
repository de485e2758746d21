"""Cast cases from tables: every pair of scalar types, fp8 conversions, explicit rounding modes."""
from __future__ import annotations

from typing import Optional

import numpy as np

from .case import Case, Output
from .cases_elementwise import BLOCK, GRID, N
from .formats import FLOATS, FP8, INTEGERS, decode, encode, fmt, storage_of
from .kernels import cast_kernel
from .tolerance import exact
from .values import floats, integers

TYPES = ("i1",) + INTEGERS + FLOATS
# Narrowing float casts that take an explicit rounding mode.
ROUNDED = (("f32", "f16", "rtz"), ("f32", "bf16", "rtz"), ("f64", "f32", "rtz"), ("f64", "f16", "rtz"),
           ("f64", "bf16", "rtz"), ("f32", "f16", "rtne"), ("f32", "bf16", "rtne"))
_EXACT_INT_IN_F64 = 2 ** 53


def _source_values(src: str, dst: str, rng: np.random.Generator) -> np.ndarray:
    """Inputs whose conversion is defined: in the destination's range for float -> int."""
    s, d = fmt(src), fmt(dst)
    if src == "i1":
        return rng.integers(0, 2, N).astype(bool)
    if not s.is_float:
        info = np.iinfo(storage_of(src))
        if d.is_float:
            return integers(src, rng, N, max(info.min, -_EXACT_INT_IN_F64), min(info.max, _EXACT_INT_IN_F64),
                            with_edges=True)
        return integers(src, rng, N, with_edges=True)
    if dst == "i1" or d.is_float:
        wide = floats(src, rng, N, -1.0, 1.0, with_specials=True, log_range=True)
        if dst == "f8e4m3":
            return np.where(np.abs(decode(src, wide)) > 448.0, encode(src, np.array(1.5)), wide)
        return wide
    info = np.iinfo(storage_of(dst))
    # 0.99: stays in range after rounding into bfloat16's 8-bit significand
    top = min(float(info.max), s.max_finite) * 0.99
    bottom = max(float(info.min), -s.max_finite) * 0.99
    values = np.where(rng.integers(0, 2, N) == 1, rng.uniform(bottom, top, N),
                      np.clip(rng.uniform(-4.0, 4.0, N), bottom, top))
    return encode(src, values)


def _reference(src: str, dst: str, rounding: Optional[str]):
    def expected(args: list) -> list:
        x = args[0]
        values = decode(src, x)
        if dst == "i1":
            return [values != 0]
        if not fmt(dst).is_float:
            if fmt(src).is_float:
                return [np.trunc(values).astype(storage_of(dst))]
            return [np.asarray(x).astype(storage_of(dst))]
        values = np.asarray(values, dtype=np.float64)
        if rounding == "rtz":
            return [decode(dst, encode(dst, values, "rtz")).astype(np.float64)]
        return [values]
    return expected


def cast_case(src: str, dst: str, rounding: Optional[str] = None) -> Case:
    """Convert `src` values to `dst` (by value), compared bit for bit."""
    def inputs(rng: np.random.Generator) -> list:
        return [_source_values(src, dst, rng), np.zeros(N, storage_of(dst)), N]

    name = f"cast/{src}->{dst}" + (f"/{rounding}" if rounding else "")
    return Case(name, "cast", cast_kernel, inputs, _reference(src, dst, rounding), (Output(1, dst, exact()),), GRID,
                (("SRC", fmt(src).language), ("DST", fmt(dst).language), ("ROUNDING", rounding),
                 ("BLOCK", BLOCK)), dtypes=(src, dst))


def cases() -> list[Case]:
    """All cast cases."""
    out = [cast_case(s, d) for s in TYPES for d in TYPES if s != d]
    out += [cast_case(s, d) for f8 in FP8 for other in ("f16", "bf16", "f32") for s, d in ((f8, other), (other, f8))]
    out += [cast_case(s, d, r) for s, d, r in ROUNDED]
    return out
