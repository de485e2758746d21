"""tl.dot cases: every input type (float16, bfloat16, float32, int8, fp8), with and without accumulator, several shapes."""
from __future__ import annotations

import numpy as np

from .case import Case, Output
from .formats import decode, fmt, storage_of
from .kernels import dot_kernel
from .tolerance import accumulation, exact
from .values import floats, integers

INPUTS = ("f16", "bf16", "f32", "i8", "f8e4m3", "f8e5m2")
SHAPES = ((16, 16, 16), (32, 32, 16), (16, 64, 32), (64, 16, 32), (16, 16, 64))


def dot_case(dtype: str, shape: tuple[int, int, int], with_acc: bool) -> Case:
    """C = A @ B (+ ACC) for one M x N x K shape; float results bounded by the length of the sum."""
    m, n, k = shape
    is_int = not fmt(dtype).is_float
    acc_dtype = "i32" if is_int else "f32"

    def operand(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
        flat = integers(dtype, rng, rows * cols) if is_int else floats(dtype, rng, rows * cols, -2.0, 2.0)
        return flat.reshape(rows, cols)

    def inputs(rng: np.random.Generator) -> list:
        a, b = operand(rng, m, k), operand(rng, k, n)
        acc = (integers("i32", rng, m * n, -1000, 1000) if is_int else floats("f32", rng, m * n, -10.0, 10.0))
        return [a, b, acc.reshape(m, n) if with_acc else np.zeros((m, n), storage_of(acc_dtype)),
                np.zeros((m, n), storage_of(acc_dtype))]

    def expected(args: list) -> list:
        a, b = (decode(dtype, x).astype(np.float64 if not is_int else np.int64) for x in args[:2])
        acc = args[2].astype(np.int64 if is_int else np.float64)
        value = a @ b + acc
        if is_int:
            return [value.astype(np.int32)]
        return [(value, np.abs(a) @ np.abs(b) + np.abs(acc))]

    # float32 inputs round each product once more than narrower types (exact in float32); fp8 products may be
    # summed in the tensor cores' narrower accumulator
    accumulator = "f8-mma" if dtype.startswith("f8") else "f32"
    tolerance = exact() if is_int else accumulation(k + (2 if dtype == "f32" else 1), accumulator)
    variant = "acc" if with_acc else "noacc"
    return Case(f"dot/{dtype}/{m}x{n}x{k}/{variant}", "dot", dot_kernel, inputs, expected,
                (Output(3, acc_dtype, tolerance),), (1,),
                (("VIEW", fmt(dtype).language), ("WITH_ACC", with_acc), ("M", m), ("N", n), ("K", k)),
                dtypes=(dtype, acc_dtype), dot_dtypes=(dtype,))


def cases() -> list[Case]:
    """Every input type, shape and accumulator choice."""
    return [dot_case(dt, shape, acc) for dt in INPUTS for shape in SHAPES for acc in (False, True)]
