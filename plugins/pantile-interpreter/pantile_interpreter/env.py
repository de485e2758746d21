"""Values of a batch of programs: every SSA value is an array whose first axis is the program.

A scalar of the kernel is an array of shape (P,), a block of shape S one of shape (P, *S). Where programs of
a batch take different ways (an scf.if on a program-dependent condition, loops with program-dependent trip
counts) the region runs on a sub-batch: an Env over the chosen programs that reads the outer values through
the programs' indices, lazily.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from pantile.ir import Value


class Env:
    """The values of one batch of programs (or of the chosen programs of an outer batch)."""

    __slots__ = ("values", "parent", "index", "pids", "size")

    def __init__(self, pids: Optional[np.ndarray], size: int, parent: Optional["Env"] = None,
                 index: Optional[np.ndarray] = None) -> None:
        self.values: dict[Value, np.ndarray] = {}
        self.parent = parent
        self.index = index             # which of the parent's programs this env holds
        self.pids = pids               # (size, 3) program ids; None inside a combine region
        self.size = size

    def __getitem__(self, v: Value) -> np.ndarray:
        try:
            return self.values[v]
        except KeyError:
            if self.parent is None:
                raise
        x = self.parent[v][self.index]
        self.values[v] = x
        return x

    def __setitem__(self, v: Value, x: np.ndarray) -> None:
        self.values[v] = x

    def subset(self, index: np.ndarray) -> "Env":
        """The env of programs `index` (positions in this env) only."""
        pids = None if self.pids is None else self.pids[index]
        return Env(pids, len(index), self, index)


def uniform(x: np.ndarray) -> bool:
    """True when every program holds the same value."""
    return x.size == 0 or bool((x == x[0]).all())


def scatter(parts: list[tuple[np.ndarray, np.ndarray]], size: int) -> np.ndarray:
    """One array over `size` programs from (program indices, values) parts that cover them all."""
    first = parts[0][1]
    out = np.empty((size,) + first.shape[1:], first.dtype)
    for index, x in parts:
        out[index] = x
    return out


__all__ = ["Env", "uniform", "scatter"]
