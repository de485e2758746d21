"""Tensor-core dot on sm_80+: mma.sync.aligned.m16n8k16 for f16 and bf16 inputs, f32 accumulators.

The fragment layouts of the PTX ISA are written as linear layouts, so the
shared SIMT machinery moves operands into them (through shared memory) and
every later op works on the accumulator layout like on any other. Warps tile
M first, then N; a block larger than the warps' tiles repeats in registers.
"""
from __future__ import annotations

from typing import Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation
from pantile.targets.simt.linear_layout import LinearLayout, log2

I32 = llir.IntType(32)
F32 = llir.FloatType()
# lane bits: lane = 4 * group + thread_in_group; (row, col) of the first element a lane holds
_LANES_ROW_MAJOR = ((0, 2), (0, 4), (1, 0), (2, 0), (4, 0))      # C and A: col = 2 * t, row = g
_LANES_B = ((2, 0), (4, 0), (0, 1), (0, 2), (0, 4))              # B: k = 2 * t, n = g


def _warp_split(m: int, n: int, num_warps: int) -> tuple[int, int]:
    """Warps along M and N: as many along M as its 16-row tiles allow, the rest along N."""
    wm = 1
    while wm * 2 <= num_warps and m // (16 * wm * 2) >= 1:
        wm *= 2
    return wm, num_warps // wm


def _axis(dim: int, value: int, rank: int = 2) -> tuple[int, ...]:
    return tuple(value if d == dim else 0 for d in range(rank))


def _repeat(dim: int, start: int, size: int) -> tuple:
    """Register bases that walk `dim` from `start` up to `size` in doubling steps."""
    out, step = [], start
    while step < size:
        out.append(_axis(dim, step))
        step *= 2
    return tuple(out)


def _warps(wm: int, wn: int, m_step: int, n_step: int, keep_m: bool, keep_n: bool) -> tuple:
    """Warp bases: M warps first, then N warps; a dimension not kept is replicated."""
    return tuple(_axis(0, m_step << i) if keep_m else (0, 0) for i in range(log2(wm))) + tuple(
        _axis(1, n_step << i) if keep_n else (0, 0) for i in range(log2(wn)))


def mma_layouts(m: int, n: int, k: int, num_warps: int) -> Optional[tuple[LinearLayout, LinearLayout, LinearLayout]]:
    """(accumulator [M, N], A [M, K], B [K, N]) fragment layouts, or None when the shapes do not tile."""
    wm, wn = _warp_split(m, n, num_warps)
    if m % (16 * wm) or n % (8 * wn) or k % 16:
        return None
    acc = LinearLayout(((0, 1), (8, 0)) + _repeat(1, 8 * wn, n) + _repeat(0, 16 * wm, m), _LANES_ROW_MAJOR,
                       _warps(wm, wn, 16, 8, True, True), (m, n))
    a = LinearLayout(((0, 1), (8, 0), (0, 8)) + _repeat(1, 16, k) + _repeat(0, 16 * wm, m), _LANES_ROW_MAJOR,
                     _warps(wm, wn, 16, 8, True, False), (m, k))
    b = LinearLayout(((1, 0), (8, 0)) + _repeat(0, 16, k) + _repeat(1, 8 * wn, n), _LANES_B,
                     _warps(wm, wn, 16, 8, False, True), (k, n))
    return acc, a, b


def dot_layouts(a: BlockType, b: BlockType, acc: BlockType, num_warps: int):
    """The mma.sync layouts for this pt.dot, or None when it takes the FMA path."""
    if a.element.name not in ("f16", "bf16") or b.element != a.element or acc.element.name != "f32":
        return None
    (m, k), n = a.shape, b.shape[1]
    return mma_layouts(m, n, k, num_warps)


def _pair(bld: llir.IRBuilder, lo: llir.Value, hi: llir.Value) -> llir.Value:
    """Two 16-bit values packed into one b32 register (lo in the low half)."""
    vec = llir.Constant(llir.VectorType(lo.type, 2), None)
    vec = bld.insert_element(bld.insert_element(vec, lo, I32(0)), hi, I32(1))
    return bld.bitcast(vec, I32)


def lower_mma_dot(lw, op: Operation) -> None:
    """acc += a @ b with one mma.sync per 16x8x16 tile."""
    a, b_, c = op.operands
    res = op.results[0]
    la, lb, lc = lw.layout_of(a), lw.layout_of(b_), lw.layout_of(res)
    (m, k), n = a.type.shape, b_.type.shape[1]
    wm, wn = _warp_split(m, n, lw.num_warps)
    kind = "bf16" if a.type.scalar.name == "bf16" else "f16"
    bld = lw.b
    a_idx, b_idx, c_idx = la.register_index(), lb.register_index(), lc.register_index()
    a_vals, b_vals, acc = lw.regs(a), lw.regs(b_), list(lw.regs(c))
    asm = (f"mma.sync.aligned.m16n8k16.row.col.f32.{kind}.{kind}.f32 "
           "{$0, $1, $2, $3}, {$4, $5, $6, $7}, {$8, $9}, {$10, $11, $12, $13};")
    ftype = llir.FunctionType(llir.LiteralStructType([F32] * 4), [I32] * 6 + [F32] * 4)
    for m0 in range(0, m, 16 * wm):
        for n0 in range(0, n, 8 * wn):
            cregs = [c_idx[(m0 + 8 * (r >> 1), n0 + (r & 1))] for r in range(4)]
            for k0 in range(0, k, 16):
                av = [a_vals[a_idx[(m0 + 8 * ((r >> 1) & 1), k0 + (r & 1) + 8 * (r >> 2))]] for r in range(8)]
                bv = [b_vals[b_idx[(k0 + (r & 1) + 8 * (r >> 1), n0)]] for r in range(4)]
                args = [_pair(bld, av[i], av[i + 1]) for i in range(0, 8, 2)]
                args += [_pair(bld, bv[i], bv[i + 1]) for i in range(0, 4, 2)]
                args += [acc[r] for r in cregs]
                out = bld.asm(ftype, asm, "=f,=f,=f,=f,r,r,r,r,r,r,0,1,2,3", args, False)
                for i, r in enumerate(cregs):
                    acc[r] = bld.extract_value(out, i)
    lw.values[res] = acc
