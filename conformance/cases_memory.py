"""Memory cases: masked loads with `other`, strided, gather and scatter accesses, a transposing 2-D tile."""
from __future__ import annotations

import numpy as np

from .case import Case, Output
from .formats import INTEGERS, fmt, storage_of
from .kernels import memory_kernel
from .tolerance import exact
from .values import any_values

DTYPES = ("i1",) + INTEGERS + ("f16", "f32", "f64")
N, BLOCK, STRIDE = 1000, 128, 3
PROGRAMS = (N + BLOCK - 1) // BLOCK
TILE_ROWS, TILE_STRIDE = 100, 130           # the 2-D tile reads 5 columns of a 130-wide array, 100 rows


def _other(dtype: str) -> object:
    """A masked-off value unlike the data around it."""
    if dtype == "i1":
        return True
    if fmt(dtype).is_float:
        return -2.5
    return -7 if fmt(dtype).is_signed else 7


def _layout(mode: str, rng: np.random.Generator, dtype: str) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(source, indices, output size, n) of each mode."""
    if mode == "strided":
        return any_values(dtype, rng, N * STRIDE), np.zeros(1, np.int32), N, N
    if mode == "gather":
        return any_values(dtype, rng, 500), rng.integers(-1, 500, N).astype(np.int32), N, N
    if mode == "scatter":
        return any_values(dtype, rng, N), rng.permutation(N).astype(np.int32), N, N
    if mode == "tile":
        return any_values(dtype, rng, 5 * TILE_STRIDE), np.zeros(1, np.int32), BLOCK * 8, TILE_ROWS
    size = PROGRAMS * BLOCK if mode == "masked_other" else N
    return any_values(dtype, rng, N), np.zeros(1, np.int32), size, N


def _expected(mode: str, dtype: str, x: np.ndarray, idx: np.ndarray, out: np.ndarray, n: int) -> np.ndarray:
    other = np.array(_other(dtype)).astype(storage_of(dtype))
    if mode == "masked_other":
        return np.concatenate([x, np.full(len(out) - n, other)])
    if mode == "sparse_mask":
        return np.where(np.arange(n) % 3 == 1, other, x)
    if mode == "strided":
        return x[::STRIDE]
    if mode == "gather":
        return np.where(idx >= 0, x[np.maximum(idx, 0)], other)
    if mode == "scatter":
        result = out.copy()
        result[idx] = x
        return result
    rows, cols = np.arange(BLOCK)[:, None], np.arange(8)[None, :]
    inside = (rows < n) & (cols < 5)
    return np.where(inside, x[np.where(inside, cols * TILE_STRIDE + rows, 0)], other).ravel()


def memory_case(mode: str, dtype: str) -> Case:
    """One access pattern on one element type, compared bit for bit."""
    def inputs(rng: np.random.Generator) -> list:
        x, idx, size, n = _layout(mode, rng, dtype)
        return [x, idx, np.zeros(size, storage_of(dtype)), n, TILE_STRIDE if mode == "tile" else STRIDE]

    def expected(args: list) -> list:
        x, idx, out, n, _ = args
        return [_expected(mode, dtype, x, idx, out, n)]

    grid = (1,) if mode == "tile" else (PROGRAMS,)
    return Case(f"memory/{mode}/{dtype}", "memory", memory_kernel, inputs, expected, (Output(2, dtype, exact()),),
                grid, (("MODE", mode), ("OTHER", _other(dtype)), ("BLOCK", BLOCK)), dtypes=(dtype,))


def cases() -> list[Case]:
    """Every access pattern on every storage type."""
    return [memory_case(mode, dt) for mode in ("masked_other", "sparse_mask", "strided", "gather", "scatter", "tile")
            for dt in DTYPES]
