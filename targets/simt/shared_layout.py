"""Where block elements sit in shared memory: GF(2)-linear maps from coordinates to element offsets.

Being linear, an offset map splits into a compile-time part (a register's
coordinates) xor a per-thread part (lane and warp bits), which the lowering
computes once per thread. `Swizzled` is the row-major order with each
`vec`-element chunk of a row moved by xor with (row / per_phase) mod
max_phase, so that threads reading down a column of a row-major tile hit
distinct banks. Its parameters are derived from the access pattern by
`swizzle_for`: every candidate is scored by `wavefronts`, the number of
shared-memory transactions a warp's access costs, counted from the access's
linear layout. The 32/64/128-byte swizzle modes of the tensor-memory units
are the cases `Swizzled.mode` names: the last dimension cut into blocks of
one swizzle row (32, 64 or 128 bytes), each block a row-major tile of its own,
so that the xor phase comes from the address bits above the row, as the
hardware computes it. `Transposed` stores a 2-D block column by column (its
first dimension contiguous), as a tile read transposed from global memory
sits, so that copies of it move 16-byte chunks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

if TYPE_CHECKING:
    from .linear_layout import LinearLayout

Basis = tuple[int, ...]
BANKS, BANK_BYTES = 32, 4
LINE_BYTES = BANKS * BANK_BYTES           # one transaction serves at most one 128-byte line's worth of banks


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
    """Row-major offsets of a block of `shape` whose 16-byte chunks are xor-swizzled by row.

    `per_phase` rows share one phase and there are `max_phase` phases; 0 picks
    the default: rows shorter than 128 bytes share a line, up to 8 phases.
    `block` > 0 cuts the last dimension into blocks of that many elements, block
    after block, each row-major over the other dimensions (0: one block)."""

    shape: tuple[int, ...]
    elem_bytes: int
    per_phase: int = 0
    max_phase: int = 0
    block: int = 0

    @property
    def vec(self) -> int:
        """Elements per swizzled chunk (16 bytes)."""
        return max(1, 16 // self.elem_bytes)

    @property
    def width(self) -> int:
        """Elements of one stored row: a block's, or the whole last dimension."""
        return self.block or self.shape[-1]

    @property
    def chunks(self) -> int:
        """16-byte chunks per stored row."""
        return self.width // self.vec

    def phases(self) -> tuple[int, int]:
        """(per_phase, max_phase) with the defaults filled in."""
        chunks = max(1, self.chunks)
        return (self.per_phase or max(1, 8 // chunks), self.max_phase or min(8, chunks))

    @classmethod
    def mode(cls, shape: tuple[int, ...], elem_bytes: int, swizzle_bytes: int) -> "Swizzled":
        """The 32-, 64- or 128-byte swizzle of the tensor-memory units (0: none) over `shape`: blocks of
        `swizzle_bytes` along the last dimension, chunk j of address a moved to j ^ ((a / 128) mod phases)."""
        if swizzle_bytes not in (0, 32, 64, 128):
            raise ValueError(f"swizzle mode must be 0, 32, 64 or 128 bytes, got {swizzle_bytes}")
        if not swizzle_bytes:
            return cls(tuple(shape), elem_bytes, 1, 1)
        if shape[-1] * elem_bytes < swizzle_bytes:
            raise ValueError(f"rows of {shape[-1] * elem_bytes} bytes are shorter than the {swizzle_bytes}-byte "
                             "swizzle")
        return cls(tuple(shape), elem_bytes, LINE_BYTES // swizzle_bytes, swizzle_bytes // 16,
                   swizzle_bytes // elem_bytes)

    @property
    def contiguous_dim(self) -> int:
        """The dimension whose consecutive elements are adjacent (within a 16-byte chunk)."""
        return len(self.shape) - 1

    def __call__(self, c: Basis) -> int:
        flat = sum(x * s for x, s in zip(c, row_major_strides(self.shape)))
        cols = self.width
        if self.block:                        # block c[-1] / width first, then the row, then c[-1] mod width
            row, rows = flat >> _log2(self.shape[-1]), math.prod(self.shape[:-1])
            flat = ((c[-1] >> _log2(cols)) * rows + row) * cols + (c[-1] & (cols - 1))
        if len(self.shape) < 2 or self.chunks < 2:
            return flat
        per_phase, max_phase = self.phases()
        phase = ((flat >> _log2(cols)) >> _log2(per_phase)) & (min(max_phase, self.chunks) - 1)
        return flat ^ (phase << _log2(self.vec))


@dataclass(frozen=True)
class Transposed:
    """A 2-D block stored column by column: element (r, c) where `stored` places (c, r)."""

    stored: Swizzled

    @property
    def shape(self) -> tuple[int, ...]:
        """The block's shape (the stored one reversed)."""
        return tuple(reversed(self.stored.shape))

    @property
    def contiguous_dim(self) -> int:
        """The first dimension: a column is a stored row."""
        return 0

    def __call__(self, c: Basis) -> int:
        return self.stored((c[1], c[0]))


@dataclass(frozen=True)
class Projected:
    """`offsets` applied to some coordinates of another block: output dim d takes input dim pick[d] (None: 0)."""

    offsets: Callable[[Basis], int]
    pick: tuple[Optional[int], ...]

    def __call__(self, c: Basis) -> int:
        return self.offsets(tuple(0 if p is None else c[p] for p in self.pick))


def wavefronts(addresses: list[int], access_bytes: int) -> int:
    """Shared-memory transactions of one warp instruction: lane i accesses `access_bytes` at byte
    `addresses[i]`. Lanes are served in groups moving at most 128 bytes; a group costs as many
    transactions as the most distinct 4-byte words any one bank must deliver."""
    per_group = max(1, LINE_BYTES // access_bytes)
    total = 0
    for g in range(0, len(addresses), per_group):
        words: dict[int, set[int]] = {}
        for a in addresses[g:g + per_group]:
            for w in range(a // BANK_BYTES, (a + access_bytes - 1) // BANK_BYTES + 1):
                words.setdefault(w % BANKS, set()).add(w)
        total += max(len(s) for s in words.values())
    return total


def access_wavefronts(access: "LinearLayout", offsets: Callable[[Basis], int], elem_bytes: int,
                     access_bytes: int) -> int:
    """Transactions of every instruction of `access` (one per register; lane l starts at the element
    `access` places there) over the block placed by `offsets`, warp 0's view. Lanes that only replicate
    another's access (zero basis vectors) are left out, as ldmatrix ignores them."""
    lanes = [lane for lane in range(access.num_lanes) if not lane & access.replicated_mask("lane")]
    total = 0
    for r in range(access.num_registers):
        total += wavefronts([offsets(access.apply(r, lane, 0)) * elem_bytes for lane in lanes], access_bytes)
    return total


def swizzle_for(shape: tuple[int, ...], elem_bytes: int, accesses: list[tuple["LinearLayout", int]],
                contiguous_dim: int = -1):
    """The swizzle of a block of `shape` that costs the fewest transactions for `accesses` ((layout, bytes
    per lane) of every instruction pattern reading or writing it); the default on ties. The block is
    row-major, or `Transposed` when `contiguous_dim` is 0 of two dimensions."""
    transposed = len(shape) == 2 and contiguous_dim == 0
    stored = tuple(reversed(shape)) if transposed else tuple(shape)
    default = Swizzled(stored, elem_bytes)
    chunks = max(1, default.chunks)
    candidates = [default] + [Swizzled(stored, elem_bytes, p, m) for m in (1, 2, 4, 8) if m <= chunks
                              for p in (1, 2, 4, 8)]
    placed = [Transposed(sw) if transposed else sw for sw in candidates]
    return min(placed, key=lambda sw: sum(access_wavefronts(a, sw, elem_bytes, n) for a, n in accesses))
