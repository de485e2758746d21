"""A launch's grid as three positive dimensions, checked against the target's limits (shared by @jit kernels and
kernels loaded from a bundle)."""
from __future__ import annotations

from typing import Any, Callable, Sequence, Union

import numpy as np

Grid = Union[Sequence[int], Callable[[dict], Sequence[int]]]


def launch_grid(grid: Grid, meta: Callable[[], dict], max_grid: tuple[int, int, int], kernel: str,
                arch: str) -> tuple[int, int, int]:
    """`grid` (a tuple, an int, or a callable of the parameters by name, which `meta` gives) as (x, y, z);
    ValueError naming `kernel` for a dimension that is not a positive integer or exceeds `max_grid`."""
    if callable(grid):
        grid = grid(meta())
    if isinstance(grid, int):
        grid = (grid,)
    grid = tuple(grid)
    if not 1 <= len(grid) <= 3:
        raise ValueError(f"grid {grid} of {kernel}() has {len(grid)} dimensions; use 1 to 3")
    for d, n in enumerate(grid):
        if not isinstance(n, (int, np.integer)) or n <= 0:
            raise ValueError(f"grid {grid} of {kernel}(): every dimension must be a positive "
                             f"integer, got {n!r} in dimension {d}")
        if n > max_grid[d]:
            raise ValueError(f"grid {grid} of {kernel}(): dimension {d} is {n}, more than the "
                             f"{max_grid[d]} programs target {arch} runs along it "
                             f"(capabilities.max_grid); give each program more work or spread the "
                             f"programs over more dimensions")
    return tuple(int(n) for n in grid) + (1,) * (3 - len(grid))
