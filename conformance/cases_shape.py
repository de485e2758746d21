"""Shape cases: trans, permute, reshape, ravel, expand_dims, broadcasting, join, split."""
from __future__ import annotations

from typing import Callable

import numpy as np

from .case import Case, Output
from .formats import storage_of
from .kernels import shape_kernel
from .tolerance import exact
from .values import any_values


def _split(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    pairs = x.reshape(x.shape[0], -1, 2)
    return np.concatenate([pairs[..., 0].ravel(), pairs[..., 1].ravel()])


# op -> numpy reference of (x, y) for x, y of shape (M, N)
OPS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "trans": lambda x, y: x.T,
    "permute": lambda x, y: x.reshape(x.shape[0], -1, 2).transpose(2, 0, 1),
    "reshape": lambda x, y: x.reshape(x.shape[1], x.shape[0]),
    "ravel": lambda x, y: x.ravel(),
    "expand_dims": lambda x, y: np.broadcast_to(x[:, None, :], (x.shape[0], 2, x.shape[1])),
    "broadcast": lambda x, y: x + y[0][None, :],
    "join": lambda x, y: np.stack([x, y], axis=-1),
    "split": _split,
}
DTYPES = ("f32", "f16", "i8", "i64", "u16")
SHAPES = ((8, 16), (2, 4), (32, 2))


def shape_case(op: str, dtype: str, rows: int, cols: int) -> Case:
    """One shape operation on an M x N block, stored through computed offsets."""
    out_size = rows * cols * (2 if op in ("expand_dims", "join") else 1)

    def inputs(rng: np.random.Generator) -> list:
        x = any_values(dtype, rng, rows * cols, with_specials=False).reshape(rows, cols)
        y = any_values(dtype, rng, rows * cols, with_specials=False).reshape(rows, cols)
        return [x, y, np.zeros(out_size, storage_of(dtype))]

    def expected(args: list) -> list:
        with np.errstate(all="ignore"):
            return [np.ascontiguousarray(OPS[op](args[0], args[1])).ravel()]

    return Case(f"shape/{op}/{dtype}/{rows}x{cols}", "shape", shape_kernel, inputs, expected,
                (Output(2, dtype, exact()),), (1,), (("OP", op), ("M", rows), ("N", cols)), dtypes=(dtype,))


def cases() -> list[Case]:
    """Every op on every dtype at 8 x 16, and float32 at the other shapes."""
    out = [shape_case(op, dt, *SHAPES[0]) for op in OPS for dt in DTYPES]
    out += [shape_case(op, "f32", *shape) for op in OPS for shape in SHAPES[1:]]
    return out
