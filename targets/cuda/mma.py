"""Tensor-core dot on sm_80+: mma.sync.aligned.m16n8k16 for f16 and bf16 inputs, f32 accumulators.

The accumulator's fragment layout of the PTX ISA is written as a linear
layout, so every later op works on it like on any other. The operands are
read from swizzled shared memory with ldmatrix, one 16-wide k step at a time
right before the mma.sync instructions that use it, so only the accumulators
and one k step of operand fragments are live (`.trans` where the tile's
contiguous dimension is not k). Warps split the tile as evenly as its 16x8
instruction tiles allow (as Triton does); a warp's tile larger than 16x8
repeats in registers.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation
from pantile.targets.simt.linear_layout import LinearLayout, identity, log2
from pantile.targets.simt.matrix_tiles import repeat_bases, unit_basis, warp_split as split_warps
from pantile.targets.simt.shared_layout import swizzle_for
from pantile.targets.simt.values import pack, xor_offset

I32 = llir.IntType(32)
F32 = llir.FloatType()
LANES_ROW_MAJOR = ((0, 2), (0, 4), (1, 0), (2, 0), (4, 0))      # C: lane = 4 * row + col / 2
_LDMATRIX_BYTES = 16                                             # each lane reads one 16-byte row


def warp_split(m: int, n: int, num_warps: int, chained: bool = False) -> tuple[int, int]:
    """Warps along M and N over the 16x8 mma.sync tiles (simt.matrix_tiles.warp_split)."""
    return split_warps(m, n, num_warps, 16, 8, chained)


def _warps(wm: int, wn: int, keep_m: bool, keep_n: bool, m_dim: int = 0, n_dim: int = 1) -> tuple:
    """Warp bases: M warps first (16 rows apart), then N warps (8 columns apart); a dimension not kept
    is replicated."""
    return tuple(unit_basis(m_dim, 16 << i) if keep_m else (0, 0) for i in range(log2(wm))) + tuple(
        unit_basis(n_dim, 8 << i) if keep_n else (0, 0) for i in range(log2(wn)))


def accumulator_layout(m: int, n: int, num_warps: int, chained: bool = False) -> Optional[LinearLayout]:
    """The [M, N] accumulator fragments of the program's warps, or None when the shape does not tile."""
    wm, wn = warp_split(m, n, num_warps, chained)
    if m % (16 * wm) or n % (8 * wn):
        return None
    return LinearLayout(((0, 1), (8, 0)) + repeat_bases(1, 8 * wn, n) + repeat_bases(0, 16 * wm, m), LANES_ROW_MAJOR,
                        _warps(wm, wn, True, True), (m, n))


def dot_layouts(a: BlockType, b: BlockType, acc: BlockType, num_warps: int, chained: bool = False):
    """(accumulator layout,) for f16/bf16 dots with f32 accumulators that tile into m16n8k16; else None."""
    if a.element.name not in ("f16", "bf16") or b.element != a.element or acc.element.name != "f32":
        return None
    (m, k), n = a.shape, b.shape[1]
    lay = accumulator_layout(m, n, num_warps, chained)
    return None if lay is None or k % 16 else (lay,)


def a_fragment_layout(m: int, k: int, n: int, num_warps: int, chained: bool = False) -> LinearLayout:
    """The 16-bit halves of the A fragments of an [m, k] x [k, n] dot as a linear layout (PTX ISA: a0..a7
    at (g + 8 (j & 1), 2t + e + 8 (j >> 1))); registers walk e, j, the k steps, then the warp's M repeats."""
    wm, wn = warp_split(m, n, num_warps, chained)
    regs = ((0, 1), (8, 0), (0, 8)) + repeat_bases(1, 16, k) + repeat_bases(0, 16 * wm, m)
    return LinearLayout(regs, LANES_ROW_MAJOR, _warps(wm, wn, True, False), (m, k))


def a_from_registers(layout: LinearLayout, n: int, num_warps: int, chained: bool = False) -> Optional[list[int]]:
    """For each half of the A fragments, the register of a value held in `layout` that holds it, or None
    when some half lives in another thread (then A goes through shared memory)."""
    m, k = layout.shape
    return a_fragment_layout(m, k, n, num_warps, chained).local_sources(layout, identity)


def _split_of(acc: LinearLayout) -> tuple[int, int]:
    """(warps along M, warps along N) of an accumulator layout."""
    wm = 1 << sum(1 for v in acc.warp if v[0])
    return wm, (1 << len(acc.warp)) // wm


# ldmatrix ------------------------------------------------------------------------------


def _ldmatrix_access(operand: int, shape: tuple[int, int], num_warps: int, m: int, n: int,
                     chained: bool = False, contiguous_dim: int = 1) -> tuple[LinearLayout, bool]:
    """(where each lane's 16-byte row starts for one ldmatrix of `operand` (0: A [M, K], 1: B [K, N]) held
    in shared memory with `contiguous_dim` adjacent (1: row-major), whether it is .trans). A: x4 = rows
    0-7 / 8-15 by k 0-7 / 8-15; B: x4 = k 0-7 / 8-15 of two n-tiles of the warp (x2: one). Registers walk
    the k steps and the warp's repeats."""
    wm, wn = warp_split(m, n, num_warps, chained)
    k_dim = 1 if operand == 0 else 0
    outer = 1 - k_dim
    trans = k_dim != contiguous_dim                     # the fragment's 2 consecutive k sit along a stored row
    row_dim = k_dim if trans else outer                 # lanes 0-7 give the 8 rows of a matrix
    pair = unit_basis(outer, 8 * wn) if operand == 1 and n >= 16 * wn else (0, 0)
    lanes = (unit_basis(row_dim, 1), unit_basis(row_dim, 2), unit_basis(row_dim, 4))
    lanes += (unit_basis(outer, 8), unit_basis(k_dim, 8)) if operand == 0 else (unit_basis(k_dim, 8), pair)
    if operand == 0:
        regs = repeat_bases(k_dim, 16, shape[k_dim]) + repeat_bases(outer, 16 * wm, shape[outer])
        warps = _warps(wm, wn, True, False)
    else:
        regs = repeat_bases(k_dim, 16, shape[k_dim]) + repeat_bases(outer, 16 * wn if any(pair) else 8 * wn,
                                                                    shape[outer])
        warps = _warps(wm, wn, False, True, n_dim=outer)
    return LinearLayout(regs, lanes, warps, tuple(shape)), trans


@lru_cache(maxsize=256)
def operand_swizzle(operand: int, shape: tuple[int, int], elem_bytes: int, num_warps: int, m: int,
                    n: int, chained: bool = False, contiguous_dim: int = 1):
    """The swizzle of an operand tile (row-major, or column by column when `contiguous_dim` is 0) that
    ldmatrix reads without bank conflicts."""
    access, _ = _ldmatrix_access(operand, shape, num_warps, m, n, chained, contiguous_dim)
    return swizzle_for(shape, elem_bytes, [(access, _LDMATRIX_BYTES)], contiguous_dim)


def _ldmatrix(lw, ptr: llir.Value, count: int, trans: bool) -> list:
    """`count` b32 registers of one ldmatrix (x2 or x4), this lane's row at `ptr`."""
    bld = lw.b
    name = f"llvm.nvvm.ldmatrix.sync.aligned.m8n8.x{count}{'.trans' if trans else ''}.b16.p3"
    ret = llir.LiteralStructType([I32] * count)
    fn = lw.module.globals.get(name) or llir.Function(lw.module, llir.FunctionType(ret, [ptr.type]), name)
    got = bld.call(fn, [ptr])
    return [bld.extract_value(got, i) for i in range(count)]


def _addresses(lw, tile, hw: llir.Value, reach: int, k_coord, outer_coords: list) -> list[llir.Value]:
    """Pointers to element hw ^ offsets(k_coord + c) of `tile` for each c of `outer_coords`: one base
    register for the k step and constant offsets from it wherever the xor cannot carry into the bits
    the thread's part (`reach`) or the k step set, so the back end folds them into the instructions."""
    bld = lw.b
    k_off = tile.offsets(k_coord)
    base = bld.gep(tile.base, [xor_offset(bld, hw, k_off)], source_etype=tile.elem)
    out = []
    for c in outer_coords:
        off = tile.offsets(c)
        if off & (reach | k_off):
            out.append(bld.gep(tile.base, [xor_offset(bld, hw, k_off ^ off)], source_etype=tile.elem))
        else:
            out.append(bld.gep(base, [I32(off)], source_etype=tile.elem) if off else base)
    return out


def _reach(access: LinearLayout, offsets) -> int:
    """The bits the per-thread (lane and warp) part of `offsets` over `access` can set."""
    out = 0
    for v in access.lane + access.warp:
        out |= offsets(v)
    return out


def lower_mma_dot(lw, op: Operation, a_tile, b_tile) -> None:
    """acc += a @ b: per 16-wide k step, ldmatrix the A and B fragments of the warp's tiles, then one
    mma.sync per 16x8 tile. `a_tile`, `b_tile`: the operands in shared memory (simt.dot.SharedTile); A may
    instead be its registers, when `a_from_registers` finds every fragment half in the thread."""
    a, b_, c = op.operands
    res = op.results[0]
    lc = lw.layout_of(res)
    (m, k), n = a.type.shape, b_.type.shape[1]
    wm, wn = _split_of(lc)
    chained = (wm, wn) != warp_split(m, n, lw.num_warps)
    kind = "bf16" if a.type.scalar.name == "bf16" else "f16"
    bld = lw.b
    c_idx = lc.register_index()
    acc = list(lw.regs(c))
    asm = (f"mma.sync.aligned.m16n8k16.row.col.f32.{kind}.{kind}.f32 "
           "{$0, $1, $2, $3}, {$4, $5, $6, $7}, {$8, $9}, {$10, $11, $12, $13};")
    ftype = llir.FunctionType(llir.LiteralStructType([F32] * 4), [I32] * 6 + [F32] * 4)
    access_b, trans_b = _ldmatrix_access(1, (k, n), lw.num_warps, m, n, chained, b_tile.offsets.contiguous_dim)
    hw_b, reach_b = lw.hw_xor(access_b, b_tile.offsets), _reach(access_b, b_tile.offsets)
    if isinstance(a_tile, list):                         # A in registers: pack its halves in pairs
        halves = a_from_registers(lw.layout_of(a), n, lw.num_warps, chained)
        a_regs = [bld.bitcast(pack(bld, [a_tile[halves[i]], a_tile[halves[i + 1]]]), I32)
                  for i in range(0, len(halves), 2)]
    else:
        access_a, trans_a = _ldmatrix_access(0, (m, k), lw.num_warps, m, n, chained,
                                             a_tile.offsets.contiguous_dim)
        hw_a, reach_a = lw.hw_xor(access_a, a_tile.offsets), _reach(access_a, a_tile.offsets)
    pair = n >= 16 * wn
    m_starts, n_starts = range(0, m, 16 * wm), range(0, n, 16 * wn if pair else 8 * wn)
    for k0 in range(0, k, 16):
        b_ptrs = _addresses(lw, b_tile, hw_b, reach_b, (k0, 0), [(0, n0) for n0 in n_starts])
        if isinstance(a_tile, list):
            a_frags = {m0: a_regs[4 * (k0 // 16 + i * (k // 16)):][:4] for i, m0 in enumerate(m_starts)}
        else:
            a_ptrs = _addresses(lw, a_tile, hw_a, reach_a, (0, k0), [(m0, 0) for m0 in m_starts])
            a_frags = {m0: _ldmatrix(lw, p, 4, trans_a) for m0, p in zip(m_starts, a_ptrs)}
        b_frags = {}
        for n0, p in zip(n_starts, b_ptrs):
            regs = _ldmatrix(lw, p, 4 if pair else 2, trans_b)
            b_frags[n0] = regs[:2]
            if pair:
                b_frags[n0 + 8 * wn] = regs[2:]
        for m0, af in a_frags.items():
            for n0, bf in b_frags.items():
                cregs = [c_idx[(m0 + 8 * (r >> 1), n0 + (r & 1))] for r in range(4)]
                out = bld.asm(ftype, asm, "=f,=f,=f,=f,r,r,r,r,r,r,0,1,2,3", af + bf + [acc[r] for r in cregs],
                              False)
                for i, r in enumerate(cregs):
                    acc[r] = bld.extract_value(out, i)
    lw.values[res] = acc
