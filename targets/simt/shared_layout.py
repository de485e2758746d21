"""Where block elements sit in shared memory: GF(2)-linear maps from coordinates to element offsets.

Being linear, an offset map splits into a compile-time part (a register's
coordinates) xor a per-thread part (lane and warp bits), which the lowering
computes once per thread. `Swizzled` is the row-major order with each
16-byte chunk of a row moved by xor with the row number, so that threads
reading down a column of a narrow row-major tile hit distinct banks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

Basis = tuple[int, ...]


def row_major_strides(shape: tuple[int, ...]) -> tuple[int, ...]:
    """Element strides of a row-major array of `shape`."""
    out, s = [], 1
    for d in reversed(shape):
        out.append(s)
        s *= d
    return tuple(reversed(out))


def _log2(n: int) -> int:
    return n.bit_length() - 1


@dataclass(frozen=True)
class Weights:
    """sum(c[d] * weights[d]): row-major strides, or one coordinate (a unit vector)."""

    weights: tuple[int, ...]

    def __call__(self, c: Basis) -> int:
        return sum(x * w for x, w in zip(c, self.weights))


@dataclass(frozen=True)
class Swizzled:
    """Row-major offsets of a block of `shape` whose 16-byte chunks are xor-swizzled by row."""

    shape: tuple[int, ...]
    elem_bytes: int

    def __call__(self, c: Basis) -> int:
        flat = sum(x * s for x, s in zip(c, row_major_strides(self.shape)))
        cols = self.shape[-1]
        vec = max(1, 16 // self.elem_bytes)
        chunks = cols // vec
        if len(self.shape) < 2 or chunks < 2:
            return flat
        per_phase = max(1, 8 // chunks)          # short rows share one 128-byte line
        phase = ((flat >> _log2(cols)) >> _log2(per_phase)) & (min(8, chunks) - 1)
        return flat ^ (phase << _log2(vec))


@dataclass(frozen=True)
class Projected:
    """`offsets` applied to some coordinates of another block: output dim d takes input dim pick[d] (None: 0)."""

    offsets: Callable[[Basis], int]
    pick: tuple[Optional[int], ...]

    def __call__(self, c: Basis) -> int:
        return self.offsets(tuple(0 if p is None else c[p] for p in self.pick))
