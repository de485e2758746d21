"""Control flow (if, for with carried values, while, static_range) and multi-dimensional grids."""
from __future__ import annotations

from typing import Callable

import numpy as np

from .case import Case, Output
from .formats import storage_of
from .kernels import control_kernel, grid_kernel
from .tolerance import exact
from .values import floats, integers

N, BLOCK = 300, 64
PROGRAMS = (N + BLOCK - 1) // BLOCK


def _for_carried(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    y, acc = x, x * 0
    for i in range(k):
        acc = acc * 2 + y
        y = y + i
    return acc + y


def _for_step(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    for i in range(1, k, 3):
        x = x * 3 - i
    return x


def _while(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    for i in range(k):
        x = x + i
    return x


def _static_range(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    for i in range(4):
        x = x * 3 + i
    return x


def _nested(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    for i in range(k):
        for j in range(i):
            x = x + j
    return x


def _if_in_loop(x: np.ndarray, k: int, program: np.ndarray) -> np.ndarray:
    y = x
    for i in range(k):
        y = y + x if i % 2 == 0 else y - 1
    return y


# mode -> numpy model of the kernel's loop, in the data's own dtype (same operations, same order)
MODES: dict[str, Callable[[np.ndarray, int, np.ndarray], np.ndarray]] = {
    "if_scalar": lambda x, k, program: x * 2 if k > 2 else x - 1,
    "if_program": lambda x, k, program: np.where(program % 2 == 0, x + 1, -x),
    "for_carried": _for_carried,
    "for_step": _for_step,
    "while": _while,
    "static_range": _static_range,
    "nested": _nested,
    "if_in_loop": _if_in_loop,
    "zero_trip": lambda x, k, program: x,
}
TRIP_COUNTS = (2, 5)        # neither 1 nor a multiple of 16: both stay runtime values


def control_case(mode: str, dtype: str, k: int) -> Case:
    """A kernel whose result depends on control flow driven by runtime `k` or the program id."""
    def inputs(rng: np.random.Generator) -> list:
        x = floats(dtype, rng, N, -10.0, 10.0) if dtype.startswith("f") else integers(dtype, rng, N, -100, 100)
        return [x, np.zeros(N, storage_of(dtype)), N, k]

    def expected(args: list) -> list:
        return [MODES[mode](args[0], k, np.arange(N) // BLOCK)]

    return Case(f"control/{mode}/{dtype}/k{k}", "control", control_kernel, inputs, expected,
                (Output(1, dtype, exact()),), (PROGRAMS,), (("MODE", mode), ("BLOCK", BLOCK)), dtypes=(dtype,))


GRIDS = ((1,), (7,), (3, 5), (2, 3, 4), (5, 1, 3), (1, 1, 9), (16, 2), (4, 4, 4))


def grid_case(grid: tuple[int, ...]) -> Case:
    """Every program stores its ids and the grid's size along each axis."""
    full = tuple(grid) + (1,) * (3 - len(grid))
    programs = int(np.prod(full))

    def expected(args: list) -> list:
        p2, p1, p0 = np.meshgrid(*(np.arange(n) for n in reversed(full)), indexing="ij")
        ids = np.stack([p0.ravel(), p1.ravel(), p2.ravel()], axis=1)
        sizes = np.broadcast_to(np.array(full), ids.shape)
        return [np.concatenate([ids, sizes], axis=1).ravel()]

    return Case(f"grid/{'x'.join(map(str, grid))}", "grid", grid_kernel,
                lambda rng: [np.full(programs * 6, -1, np.int32)], expected, (Output(0, "i32", exact()),), grid)


def cases() -> list[Case]:
    """All control-flow and grid cases."""
    out = [control_case(mode, dt, k) for mode in MODES for dt in ("i32", "f32") for k in TRIP_COUNTS]
    out += [grid_case(g) for g in GRIDS]
    return out
