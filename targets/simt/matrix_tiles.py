"""Wave-wide matrix instructions as linear layouts, tiled over a program's dot.

A matrix instruction (MFMA, WMMA, mma.sync ...) multiplies an [m, k] by a
[k, n] tile held by one warp: each lane passes a few elements of A and B in
registers and holds a few accumulators. Where they sit is the instruction's
`Fragments`: three linear layouts of one warp over the instruction's tiles,
registers walking the elements of one lane's operand vector in order. A
target states them once from its ISA documentation; `tile_layouts` then
spreads them over the dot's block (warps split M and N, registers repeat
the instruction along K and over the rest of the warp's tile), so that
conversions into and out of them come from the generic transfer, and
`lower_fragment_dot` issues the instructions, reading each k step's operand
fragments from shared memory right before the instructions that use it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from pantile.ir import Operation

from .exchange import load_from_shared, vector_width
from .linear_layout import Basis, LinearLayout, log2
from .shared_layout import Swizzled, Transposed, swizzle_for


def unit_basis(dim: int, value: int, rank: int = 2) -> Basis:
    """The basis vector `value` along `dim`, zero elsewhere."""
    return tuple(value if d == dim else 0 for d in range(rank))


def repeat_bases(dim: int, start: int, size: int) -> tuple[Basis, ...]:
    """Basis vectors that walk `dim` from `start` up to `size` in doubling steps."""
    out, step = [], start
    while step < size:
        out.append(unit_basis(dim, step))
        step *= 2
    return tuple(out)


def warp_split(m: int, n: int, num_warps: int, tile_m: int, tile_n: int, chained: bool = False) -> tuple[int, int]:
    """Warps along M and N: each doubling goes to the dimension with more instruction tiles (tile_m x
    tile_n) per warp left; a chained dot puts every warp along M where the rows allow, so that each warp
    holds whole rows of its result, which the next dot then reads as its A operand."""
    if chained and m % (tile_m * num_warps) == 0:
        return num_warps, 1
    wm = wn = 1
    while wm * wn < num_warps:
        if m // (tile_m * wm) >= n // (tile_n * wn) and m // (tile_m * wm) > 1:
            wm *= 2
        else:
            wn *= 2
    return wm, wn


@dataclass(frozen=True)
class Fragments:
    """Where one warp's lanes hold A [m, k], B [k, n] and the accumulators [m, n] of one instruction."""

    a: LinearLayout
    b: LinearLayout
    c: LinearLayout

    @property
    def shape(self) -> tuple[int, int, int]:
        """(m, n, k) of one instruction."""
        return self.c.shape[0], self.c.shape[1], self.a.shape[1]


@dataclass(frozen=True)
class TiledDot:
    """A dot's operands and accumulators in an instruction's fragments, spread over the program's warps."""

    frags: Fragments
    a: LinearLayout          # [M, K]
    b: LinearLayout          # [K, N]
    c: LinearLayout          # [M, N]
    split: tuple[int, int]   # warps along M and N

    def steps(self) -> list[tuple[int, int, int]]:
        """The (m0, n0, k0) corner of every instruction one warp issues, k outermost."""
        (m, k), n = self.a.shape, self.c.shape[1]
        tm, tn, tk = self.frags.shape
        wm, wn = self.split
        return [(m0, n0, k0) for k0 in range(0, k, tk) for m0 in range(0, m, tm * wm) for n0 in range(0, n, tn * wn)]

    def registers(self, which: str, corner: Basis) -> list[int]:
        """The registers of operand `which` ('a', 'b' or 'c') that hold the fragment at `corner`, in the
        instruction's element order."""
        whole: LinearLayout = getattr(self, which)
        frag: LinearLayout = getattr(self.frags, which)
        index = whole.register_index()
        return [index[tuple(x + y for x, y in zip(frag.combine("register", r), corner))]
                for r in range(frag.num_registers)]


def _spread(frag: LinearLayout, shape: tuple[int, int], repeats: tuple, warps: tuple) -> LinearLayout:
    return LinearLayout(frag.register + repeats, frag.lane, warps, shape)


def tile_layouts(frags: Fragments, m: int, n: int, k: int, num_warps: int,
                 chained: bool = False) -> Optional[TiledDot]:
    """The layouts of an [m, k] x [k, n] dot in `frags`, or None when the dot does not tile into them."""
    tm, tn, tk = frags.shape
    wm, wn = warp_split(m, n, num_warps, tm, tn, chained)
    if m % (tm * wm) or n % (tn * wn) or k % tk:
        return None
    m_warps = tuple(unit_basis(0, tm << i) for i in range(log2(wm)))
    n_warps = tuple(unit_basis(1, tn << i) for i in range(log2(wn)))
    none_m, none_n = ((0, 0),) * log2(wm), ((0, 0),) * log2(wn)
    return TiledDot(
        frags,
        _spread(frags.a, (m, k), repeat_bases(1, tk, k) + repeat_bases(0, tm * wm, m), m_warps + none_n),
        _spread(frags.b, (k, n), repeat_bases(0, tk, k) + repeat_bases(1, tn * wn, n), none_m + n_warps),
        _spread(frags.c, (m, n), repeat_bases(1, tn * wn, n) + repeat_bases(0, tm * wm, m), m_warps + n_warps),
        (wm, wn))


def require_tiled(tiled: Optional[TiledDot], operand: int, m: int, n: int, k: int, elem_bytes: int, num_warps: int,
                  instruction: str) -> TiledDot:
    """`tiled`, the dot's layouts for its operand's swizzle; where the dot does not tile into `instruction`, the
    internal error naming both (a ValueError, which placement reads as 'no placement')."""
    if tiled is None:
        raise ValueError(f"internal error: a swizzle was asked for operand {'AB'[operand]} of a {m}x{n}x{k} dot of "
                         f"{elem_bytes}-byte elements on {num_warps} warps, which does not tile into {instruction} "
                         "(only dots that dot_layouts gives a layout read their operands from a swizzled tile)")
    return tiled


@lru_cache(maxsize=256)
def operand_swizzle(tiled: TiledDot, operand: int, elem_bytes: int) -> Callable[[Basis], int]:
    """Where operand `operand` (0: A, 1: B) of the dot sits in shared memory: row-major, or column-major where
    a lane's fragment runs down a column (B's k), so that each lane reads its fragment in vectors of up to 16
    bytes; the rows' chunks swizzled for the fewest transactions of those reads."""
    access = tiled.a if operand == 0 else tiled.b
    frag = tiled.frags.a if operand == 0 else tiled.frags.b
    transposed = bool(frag.register and frag.register[0][0])      # the run goes down dimension 0
    if transposed:
        access = access.map_coords(_swap, (access.shape[1], access.shape[0]))
    vec = vector_width(access, Swizzled(access.shape, elem_bytes), max(1, 16 // elem_bytes))
    reads = LinearLayout(access.register[log2(vec):], access.lane, access.warp, access.shape)
    chosen = swizzle_for(access.shape, elem_bytes, [(reads, vec * elem_bytes)])
    return Transposed(chosen) if transposed else chosen


def _swap(v: Basis) -> Basis:
    return v[1], v[0]


Issue = Callable[[list, list, list], list]     # (a values, b values, accumulators) -> new accumulators


def lower_fragment_dot(lw, op: Operation, tiled: TiledDot, a_tile, b_tile, issue: Issue) -> None:
    """acc += a @ b with one `issue` per instruction tile; each k step's fragments are read from shared memory
    (simt.dot.SharedTile) right before the instructions that use them."""
    a, b_, c = op.operands
    res = op.results[0]
    acc = list(lw.regs(c))
    a_regs: list = [None] * tiled.a.num_registers
    b_regs: list = [None] * tiled.b.num_registers

    def fetch(regs: list, layout: LinearLayout, tile, elem, wanted: list[int]) -> list:
        span = range(min(wanted), max(wanted) + 1)      # one fragment: consecutive registers
        if regs[span.start] is None:
            for r, v in zip(span, load_from_shared(lw, layout, tile.base, elem, tile.offsets, span)):
                regs[r] = v
        return [regs[r] for r in wanted]

    for m0, n0, k0 in tiled.steps():
        av = fetch(a_regs, tiled.a, a_tile, lw.llvm_type(a.type), tiled.registers("a", (m0, k0)))
        bv = fetch(b_regs, tiled.b, b_tile, lw.llvm_type(b_.type), tiled.registers("b", (k0, n0)))
        cr = tiled.registers("c", (m0, n0))
        for r, v in zip(cr, issue(av, bv, [acc[r] for r in cr])):
            acc[r] = v
    lw.values[res] = acc
