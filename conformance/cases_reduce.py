"""Reductions and scans along each axis of blocks whose sizes are not powers of two (masked)."""
from __future__ import annotations

from typing import Optional

import numpy as np

from .case import Case, Output
from .formats import decode, fmt, storage_of
from .kernels import reduce_kernel, scan_kernel
from .tolerance import Tolerance, accumulation, exact
from .values import floats, integers

# (rows, columns, block rows, block columns): odd sizes inside power-of-two blocks
SHAPES = ((7, 13, 8, 16), (5, 33, 8, 64), (1, 9, 1, 16), (31, 3, 32, 4))
REDUCE_DTYPES = ("f32", "f16", "i32", "i8")
SCAN_DTYPES = ("f32", "i32", "i64")
_NUMPY = {"sum": np.sum, "max": np.max, "min": np.min, "argmax": np.argmax, "argmin": np.argmin}
_SUMS = ("sum", "reduce_fn")            # reduce_fn: tl.reduce with a @jit combine function that adds


def _identity(op: str, dtype: str) -> object:
    """The masked-off value that leaves the reduction unchanged."""
    if op in ("sum", "cumsum", "reduce_fn", "scan_fn"):
        return 0
    if op == "cumprod":
        return 1
    highest = op in ("min", "argmin")
    if fmt(dtype).is_float:
        return float("inf") if highest else float("-inf")
    info = np.iinfo(storage_of(dtype))
    return int(info.max if highest else info.min)


def _result_dtype(op: str, dtype: str) -> str:
    if op.startswith("arg"):
        return "i32"
    if op == "sum" and not fmt(dtype).is_float and fmt(dtype).bits < 32:
        return "i32"
    return dtype


def _data(dtype: str, rng: np.random.Generator, rows: int, cols: int, near_one: bool = False) -> np.ndarray:
    n = rows * cols
    if fmt(dtype).is_float:
        flat = floats(dtype, rng, n, 0.5, 1.5) if near_one else floats(dtype, rng, n, -100.0, 100.0)
    else:
        flat = integers(dtype, rng, n, -3, 3) if near_one else integers(dtype, rng, n, with_edges=True)
    return flat.reshape(rows, cols)


def reduce_case(op: str, axis: Optional[int], dtype: str, shape: tuple[int, int, int, int]) -> Case:
    """One reduction of an M x N block along `axis` (None: all of it)."""
    rows, cols, block_rows, block_cols = shape
    out_dtype = _result_dtype(op, dtype)
    size = {0: cols, 1: rows, None: 1}[axis]
    length = {0: rows, 1: cols, None: rows * cols}[axis]

    def inputs(rng: np.random.Generator) -> list:
        return [_data(dtype, rng, rows, cols), np.zeros(size, storage_of(out_dtype)), rows, cols]

    def expected(args: list) -> list:
        x = decode(dtype, args[0])
        if op in _SUMS and fmt(dtype).is_float:
            return [(np.atleast_1d(np.sum(x, axis=axis)), np.atleast_1d(np.sum(np.abs(x), axis=axis)))]
        if op in _SUMS:
            return [np.atleast_1d(np.sum(x, axis=axis, dtype=storage_of(out_dtype)))]
        return [np.atleast_1d(_NUMPY[op](x, axis=axis))]

    tolerance: Tolerance = exact()
    if op in _SUMS and fmt(dtype).is_float:
        tolerance = accumulation(length, dtype)
    axis_name = "all" if axis is None else f"axis{axis}"
    return Case(f"reduce/{op}/{axis_name}/{dtype}/{rows}x{cols}", "reduce", reduce_kernel, inputs, expected,
                (Output(1, out_dtype, tolerance),), (1,),
                (("OP", op), ("AXIS", axis), ("OTHER", _identity(op, dtype)), ("BLOCK_M", block_rows),
                 ("BLOCK_N", block_cols)), dtypes=(dtype, out_dtype))


def scan_case(op: str, axis: int, reverse: bool, dtype: str, shape: tuple[int, int, int, int]) -> Case:
    """A cumulative sum or product of an M x N block along `axis`, forwards or backwards."""
    rows, cols, block_rows, block_cols = shape
    length = rows if axis == 0 else cols

    def inputs(rng: np.random.Generator) -> list:
        return [_data(dtype, rng, rows, cols, near_one=op == "cumprod"), np.zeros((rows, cols), storage_of(dtype)),
                rows, cols]

    def expected(args: list) -> list:
        x = decode(dtype, args[0])
        x = np.flip(x, axis) if reverse else x
        adds = op != "cumprod"              # cumsum, and scan_fn: associative_scan with an adding combine
        if fmt(dtype).is_float:
            value = np.cumsum(x, axis) if adds else np.cumprod(x, axis)
            magnitude = np.cumsum(np.abs(x), axis) if adds else np.abs(value)
            pair = (value, magnitude)
            return [tuple(np.flip(p, axis) for p in pair) if reverse else pair]
        fn = np.cumsum if adds else np.cumprod
        value = fn(x, axis, dtype=storage_of(dtype))
        return [np.flip(value, axis) if reverse else value]

    tolerance = accumulation(length, dtype) if fmt(dtype).is_float else exact()
    direction = "reverse" if reverse else "forward"
    return Case(f"scan/{op}/axis{axis}/{direction}/{dtype}/{rows}x{cols}", "scan", scan_kernel, inputs, expected,
                (Output(1, dtype, tolerance),), (1,),
                (("OP", op), ("AXIS", axis), ("REVERSE", reverse), ("OTHER", _identity(op, dtype)),
                 ("BLOCK_M", block_rows), ("BLOCK_N", block_cols)), dtypes=(dtype,))


def _reductions() -> list[tuple[str, Optional[int]]]:
    return [(op, axis) for op in _NUMPY for axis in (0, 1, None) if not (op.startswith("arg") and axis is None)]


def cases() -> list[Case]:
    """All reduction and scan cases: float32 on every shape, other dtypes on one shape each."""
    out = [reduce_case(op, axis, "f32", shape) for op, axis in _reductions() for shape in SHAPES]
    for i, dtype in enumerate(REDUCE_DTYPES[1:]):
        out += [reduce_case(op, axis, dtype, SHAPES[(i + j) % len(SHAPES)]) for j, (op, axis) in
                enumerate(_reductions())]
    for i, dtype in enumerate(SCAN_DTYPES):
        for j, (op, axis, reverse) in enumerate((op, a, r) for op in ("cumsum", "cumprod", "scan_fn") for a in (0, 1)
                                                for r in (False, True)):
            out.append(scan_case(op, axis, reverse, dtype, SHAPES[(i + j) % 2]))
    out += [reduce_case("reduce_fn", axis, dtype, SHAPES[k % len(SHAPES)]) for k, (axis, dtype) in
            enumerate((a, d) for a in (0, 1) for d in ("f32", "i32", "f16"))]
    return out
