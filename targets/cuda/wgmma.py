"""Hopper's warpgroup matrix instruction (sm_90a): wgmma.mma_async with f32 accumulators, for f16 and bf16
(m64nNk16), f32 inputs at tf32 precision (m64nNk8) and fp8, e4m3 and e5m2 in any pairing (m64nNk32).

Four consecutive warps (a warpgroup, starting at a warp index divisible by 4)
issue one wgmma together: a 64xN block of the result, its A (64xK) and B
(KxN) read by the tensor cores straight from shared memory through 64-bit
matrix descriptors. Warpgroups split the tile as Triton does (along M while
it has rows left, then along N); each warpgroup's part repeats in registers.
One instruction's K is 32 bytes of its inputs whatever their type, and its
accumulator fragment is the same for every type.

Everything here is data the lowering and the tests share:
- `Kind` names an input type's instruction: its K, its PTX type, and whether
  B may be read MN-major (imm-trans-b exists for 16-bit types only: tf32 and
  fp8 read both operands K-major);
- `tiling` chooses the warpgroup split and the instruction's N from the tile;
- `accumulator_layout` is the PTX ISA's accumulator fragment as a linear
  layout, so conversions to and from it come from the generic algorithm;
- `operand_placement` puts A (K-major: row-major [M, K]) and B (MN-major:
  row-major [K, N], read with imm-trans-b; or K-major: [K, N] stored column by
  column, as shared_layout.Transposed) in the 32/64/128-byte swizzle layouts
  of shared_layout.Swizzled.mode, the widest one the instruction's rows fill;
- `Descriptor` holds the strides and swizzle mode of a placed operand and
  encodes the descriptor of an instruction's start address.

The tensor cores read tf32 operands as f32 and ignore the low 13 mantissa
bits; so that a tf32 dot rounds its inputs to nearest (ties away), as
mma.sync's cvt.rna.tf32.f32 does on every other path, the program rounds
both operand tiles in place in shared memory before the instructions read them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation, Value
from pantile.targets.llvm.types import external
from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.matrix_tiles import repeat_bases
from pantile.targets.simt.shared_layout import Swizzled, Transposed
from pantile.targets.simt.values import nbytes

from .mma import LANES_ROW_MAJOR

M_INSTR, K_INSTR = 64, 16                  # rows of one wgmma; k of the 16-bit types' m64nNk16
K_BYTES = 32                               # bytes of K one instruction reads from each row, any type
MAX_N = 256
SWIZZLE_MODES = {128: 1, 64: 2, 32: 3}                 # descriptor bits 62-63 for each swizzle width
I32, I64, F32 = llir.IntType(32), llir.IntType(64), llir.FloatType()


@dataclass(frozen=True)
class Kind:
    """The wgmma inputs of one type: its PTX type, bytes per element, and whether B may be read MN-major."""

    ptx: str
    elem_bytes: int
    transposable: bool          # the instruction takes imm-trans-a/b (16-bit types); else both operands K-major

    @property
    def k(self) -> int:
        """K of one instruction."""
        return K_BYTES // self.elem_bytes


# by the operands' element type; f32 only at tf32 precision (`dot_kinds`)
KINDS = {"f16": Kind("f16", 2, True), "bf16": Kind("bf16", 2, True), "f32": Kind("tf32", 4, False),
         "f8e4m3": Kind("e4m3", 1, False), "f8e5m2": Kind("e5m2", 1, False)}


def dot_kinds(a: BlockType, b: BlockType, acc: BlockType, precision: Optional[str]) -> Optional[tuple[Kind, Kind]]:
    """The kinds of A and B of a pt.dot wgmma computes: f16 or bf16 (both alike), f32 at tf32 precision, fp8 of
    either format each, into f32 accumulators; else None."""
    ka, kb = KINDS.get(a.element.name), KINDS.get(b.element.name)
    if ka is None or kb is None or acc.element.name != "f32" or ka.elem_bytes != kb.elem_bytes:
        return None
    if ka.transposable and ka != kb or ka.ptx == "tf32" and precision != "tf32":
        return None
    return ka, kb


@dataclass(frozen=True)
class Tiling:
    """How the warpgroups of a program cover an [m, k] x [k, n] dot with wgmma.m64nNkK."""

    m: int
    n: int
    k: int
    groups_m: int        # warpgroups along M
    groups_n: int        # warpgroups along N
    n_instr: int         # N of one instruction
    k_instr: int = K_INSTR   # K of one instruction

    @property
    def repeats_m(self) -> int:
        """Instructions along M in one warpgroup's part."""
        return self.m // (M_INSTR * self.groups_m)

    @property
    def repeats_n(self) -> int:
        """Instructions along N in one warpgroup's part."""
        return self.n // (self.n_instr * self.groups_n)

    def instruction_origin(self, mi: int, ni: int) -> tuple[int, int]:
        """Where instruction (mi, ni) of warpgroup 0 starts in the result; warpgroup g adds `group_origin(g)`."""
        return M_INSTR * self.groups_m * mi, self.n_instr * self.groups_n * ni

    def group_origin(self, group: int) -> tuple[int, int]:
        """Where warpgroup `group`'s first instruction starts (warpgroups go along M first)."""
        return M_INSTR * (group % self.groups_m), self.n_instr * (group // self.groups_m)


def tiling(m: int, n: int, k: int, num_warps: int, k_instr: int = K_INSTR) -> Optional[Tiling]:
    """The warpgroup split of an [m, k] x [k, n] dot by instructions of K `k_instr`, or None when wgmma cannot
    cover it: num_warps not a multiple of 4, k not a multiple of k_instr, fewer than 64 rows per warpgroup or
    16 columns per instruction."""
    if num_warps % 4 or k % k_instr:
        return None
    groups, gm, gn = num_warps // 4, 1, 1
    while gm * gn < groups:
        if m > M_INSTR * gm:
            gm *= 2
        else:
            gn *= 2
    if m % (M_INSTR * gm) or n % gn or n // gn < 16:
        return None
    return Tiling(m, n, k, gm, gn, min(MAX_N, n // gn), k_instr)


def dot_tiling(a: BlockType, b: BlockType, acc: BlockType, num_warps: int,
               precision: Optional[str] = None) -> Optional[Tiling]:
    """The tiling of a pt.dot wgmma computes (`dot_kinds`), or None (see `tiling`)."""
    kinds = dot_kinds(a, b, acc, precision)
    if kinds is None:
        return None
    (m, k), n = a.shape, b.shape[1]
    return tiling(m, n, k, num_warps, kinds[0].k)


def accumulator_layout(t: Tiling) -> LinearLayout:
    """The [m, n] f32 accumulators of every warpgroup as a linear layout (PTX ISA, wgmma .m64nNk16 D
    fragment: register d_i of lane l in warp w of the warpgroup at row 16 w + l / 4 + 8 ((i >> 1) & 1),
    column 8 (i >> 2) + 2 (l % 4) + (i & 1)). Registers: one instruction's d_i, then its repeats along
    N, then along M; warps: the four of a warpgroup (16 rows apart), then the warpgroups along M and N."""
    regs = ((0, 1), (8, 0)) + repeat_bases(1, 8, t.n_instr)
    regs += repeat_bases(1, t.n_instr * t.groups_n, t.n) + repeat_bases(0, M_INSTR * t.groups_m, t.m)
    warps = ((16, 0), (32, 0)) + repeat_bases(0, M_INSTR, M_INSTR * t.groups_m)
    warps += repeat_bases(1, t.n_instr, t.n_instr * t.groups_n)
    return LinearLayout(regs, LANES_ROW_MAJOR, warps, (t.m, t.n))


def instruction_registers(t: Tiling, acc: LinearLayout, mi: int, ni: int) -> list[int]:
    """The registers of `acc` holding d_0 .. d_{N/2-1} of instruction (mi, ni), in operand order."""
    index = acc.register_index()
    m0, n0 = t.instruction_origin(mi, ni)
    return [index[(m0 + 8 * ((i >> 1) & 1), n0 + 8 * (i >> 2) + (i & 1))] for i in range(t.n_instr // 2)]


def swizzle_bytes(row_elems: int, elem_bytes: int) -> int:
    """The widest swizzle (128, 64 or 32 bytes) that rows of `row_elems` elements fill."""
    return min(128, row_elems * elem_bytes)


def operand_placement(operand: int, t: Tiling, elem_bytes: int, k_major: bool = False):
    """Where operand `operand` (0: A [m, k], K-major; 1: B [k, n], MN-major, or K-major where `k_major`)
    sits in shared memory: in blocks of one swizzle row along its contiguous dimension, the widest swizzle
    one instruction's rows fill. A K-major B is [n, k] row-major (a Transposed placement of [k, n])."""
    if operand == 0:
        return Swizzled.mode((t.m, t.k), elem_bytes, swizzle_bytes(t.k, elem_bytes))
    if k_major:
        return Transposed(Swizzled.mode((t.n, t.k), elem_bytes, swizzle_bytes(t.k, elem_bytes)))
    return Swizzled.mode((t.k, t.n), elem_bytes, swizzle_bytes(t.n_instr, elem_bytes))


def encode(value: int) -> int:
    """PTX's matrix-descriptor-encode: bits 4-17 of a byte address or offset."""
    return (value & 0x3FFFF) >> 4


@dataclass(frozen=True)
class Descriptor:
    """The strides and swizzle of an operand placed by `operand_placement` (PTX ISA, matrix descriptor)."""

    leading: int         # leading dimension byte offset (K-major swizzled: unused, 16 encodes the assumed 1)
    stride: int          # stride dimension byte offset
    swizzle: int         # swizzle width in bytes: 128, 64 or 32

    def high_bits(self) -> int:
        """Every field but the start address."""
        return encode(self.leading) << 16 | encode(self.stride) << 32 | SWIZZLE_MODES[self.swizzle] << 62

    def at(self, start: int) -> int:
        """The descriptor of a matrix starting at shared-memory byte address `start`."""
        return self.high_bits() | encode(start)


def operand_descriptor(operand: int, placement) -> Descriptor:
    """The descriptor fields of an operand placed by `operand_placement`. K-major (A, or a Transposed B):
    8-row (m or n) groups one swizzle atom (8 rows of the swizzle width) apart. MN-major B: 8-row (k)
    groups one atom apart, blocks of the swizzle width along N `rows` rows of the swizzle width apart."""
    stored = placement.stored if isinstance(placement, Transposed) else placement
    width = stored.width * stored.elem_bytes
    atom = 8 * width
    if operand == 0 or stored is not placement:
        return Descriptor(16, atom, width)
    return Descriptor(stored.shape[0] * width, atom, width)


# lowering ------------------------------------------------------------------------------


def _call(b: llir.IRBuilder, name: str, args: tuple = ()) -> None:
    b.call(external(b, name, llir.VoidType(), [a.type for a in args]), list(args))


def fence(b: llir.IRBuilder) -> None:
    """wgmma.fence: the accumulators written by other instructions are ready for the next wgmma."""
    _call(b, "llvm.nvvm.wgmma.fence.sync.aligned")


def wait(b: llir.IRBuilder, pending: int) -> None:
    """wgmma.wait_group: at most `pending` of this warpgroup's committed groups still run."""
    _call(b, "llvm.nvvm.wgmma.wait_group.sync.aligned", (I64(pending),))


def wait_for(b: llir.IRBuilder, values: list) -> list:
    """wgmma.wait_group 0 as inline asm that takes `values` (f32 accumulators) and gives them back: LLVM
    then cannot move a read of them above the wait, as it could past the intrinsic."""
    if not values:
        wait(b, 0)
        return []
    ftype = llir.FunctionType(llir.LiteralStructType([v.type for v in values]), [v.type for v in values])
    constraints = ",".join(["=f"] * len(values) + [str(i) for i in range(len(values))])
    out = b.asm(ftype, "wgmma.wait_group.sync.aligned 0;", constraints, values, True)
    return [b.extract_value(out, i) for i in range(len(values))]


def _group_origins(acc: LinearLayout, operand: int, shape: tuple[int, int]) -> LinearLayout:
    """Where each warpgroup's instructions start in operand `operand` (A: its rows, B: its columns) as a
    layout whose lanes and the warps within a warpgroup add nothing, for the per-thread part of the address."""
    keep = (lambda v: (v[0], 0)) if operand == 0 else (lambda v: (0, v[1]))
    return LinearLayout((), ((0, 0),) * len(acc.lane), ((0, 0), (0, 0)) + tuple(keep(v) for v in acc.warp[2:]),
                        shape)


def _descriptor_base(lw, tile, operand: int, acc: LinearLayout) -> llir.Value:
    """The i64 descriptor of this warpgroup's first instruction of operand `operand` (a SharedTile placed
    by `operand_placement`); other instructions add their start's offset >> 4 (never carrying out of the
    14-bit field: shared memory ends below 256 KB)."""
    b = lw.b
    elem_bytes = nbytes(tile.elem)
    hw = lw.hw_xor(_group_origins(acc, operand, tile.shape), tile.offsets)
    addr = b.add(b.ptrtoint(tile.base, I32), b.mul(hw, I32(elem_bytes)))
    fields = operand_descriptor(operand, tile.offsets)
    return b.or_(b.zext(b.lshr(addr, I32(4)), I64), I64(fields.high_bits()))


def carried_result(op: Operation) -> Optional[Value]:
    """The result of the scf.for whose body carries pt.dot `op`'s accumulator to its next iteration and
    nowhere else, when both operands are slots of pipelined buffers (whose next copies go to a slot this
    dot no longer reads): its wgmma may then still run while the next iteration starts; else None."""
    block = op.parent
    loop = block.parent_op if block is not None else None
    acc, res = op.operands[2], op.results[0]
    if loop is None or loop.name != "scf.for" or acc not in block.args[1:] or acc.users != [op]:
        return None
    index = block.args.index(acc) - 1
    if res.users != [block.terminator] or block.terminator.operands[index] is not res:
        return None
    if any(not isinstance(v.owner, Operation) or v.owner.name != "pt.local_load" for v in op.operands[:2]):
        return None
    return loop.results[index]


def _round_chunk(b: llir.IRBuilder, cvt: llir.Function, base: llir.Value, index: llir.Value) -> None:
    """Round the four f32 elements of 16-byte chunk `index` from `base` to tf32 in place."""
    ptr = b.gep(base, [b.mul(index, I32(4))], source_etype=F32)
    got = b.load(ptr, typ=llir.VectorType(F32, 4), align=16)
    rounded = llir.Constant(llir.VectorType(I32, 4), None)
    for j in range(4):
        rounded = b.insert_element(rounded, b.call(cvt, [b.extract_element(got, I32(j))]), I32(j))
    b.store(rounded, ptr, align=16)


def round_to_tf32(lw, tiles: list) -> None:
    """Round the f32 elements of SharedTiles `tiles` to tf32 in place (cvt.rna.tf32.f32), 16-byte chunks
    spread over the program's threads, then publish them to the tensor cores (async-proxy fence, barrier)."""
    b = lw.b
    cvt = lw.module.globals.get("llvm.nvvm.f2tf32.rna") or llir.Function(
        lw.module, llir.FunctionType(I32, [F32]), "llvm.nvvm.f2tf32.rna")
    for tile in tiles:
        chunks = math.prod(tile.shape) // 4
        for first in range(0, chunks, lw.num_threads):
            index = b.add(lw.tid, I32(first))
            if chunks - first >= lw.num_threads:
                _round_chunk(b, cvt, tile.base, index)
                continue
            with b.if_then(b.icmp_unsigned("<", index, I32(chunks))):
                _round_chunk(b, cvt, tile.base, index)
    _call(b, "llvm.nvvm.fence.proxy.async.shared_cta")
    lw.barrier()


def instruction(t: Tiling, kinds: tuple[Kind, Kind], b_k_major: bool) -> str:
    """The wgmma text of one instruction of `t`: accumulators $0.., then the A and B descriptors; scale-d
    and the scales of A and B 1; the 16-bit types' transposes: A none, B where it is MN-major."""
    half = t.n_instr // 2
    tail = ", 0, 0" if kinds[0].transposable and b_k_major else ", 0, 1" if kinds[0].transposable else ""
    return (f"wgmma.mma_async.sync.aligned.m64n{t.n_instr}k{t.k_instr}.f32.{kinds[0].ptx}.{kinds[1].ptx} "
            f"{{{', '.join(f'${i}' for i in range(half))}}}, ${half}, ${half + 1}, 1, 1, 1{tail};")


def lower_wgmma_dot(lw, op: Operation, a_tile, b_tile) -> None:
    """acc += a @ b with one wgmma per warpgroup, instruction and k step, both operands read from shared
    memory (simt.dot.SharedTile placed by `operand_placement`) through descriptors, between a fence and a
    commit (tf32 operands rounded first: `round_to_tf32`). The warpgroup waits for all but its newest group
    when the accumulator only goes to the loop's next iteration (`carried_result`), so the wgmma overlaps
    what comes next; else for all."""
    a, b_, c = op.operands
    res = op.results[0]
    (m, k), n = a.type.shape, b_.type.shape[1]
    kinds = dot_kinds(a.type, b_.type, c.type, op.attributes.get("input_precision"))
    t = tiling(m, n, k, lw.num_warps, kinds[0].k)
    lc = lw.layout_of(res)
    bld = lw.b
    acc = list(lw.regs(c))
    half = t.n_instr // 2
    asm = instruction(t, kinds, isinstance(b_tile.offsets, Transposed))
    ftype = llir.FunctionType(llir.LiteralStructType([F32] * half), [I64, I64] + [F32] * half)
    constraints = ",".join(["=f"] * half + ["l", "l"] + [str(i) for i in range(half)])
    if kinds[0].ptx == "tf32":
        round_to_tf32(lw, [a_tile, b_tile])
    a_base, b_base = (_descriptor_base(lw, tile, i, lc) for i, tile in enumerate((a_tile, b_tile)))
    eb = nbytes(a_tile.elem)
    fence(bld)
    for k0 in range(0, k, t.k_instr):
        for mi in range(t.repeats_m):
            m0 = t.instruction_origin(mi, 0)[0]
            a_desc = bld.add(a_base, I64(a_tile.offsets((m0, k0)) * eb >> 4))
            for ni in range(t.repeats_n):
                n0 = t.instruction_origin(0, ni)[1]
                b_desc = bld.add(b_base, I64(b_tile.offsets((k0, n0)) * eb >> 4))
                regs = instruction_registers(t, lc, mi, ni)
                # a side effect keeps it after the barrier that publishes its operands (LLVM sees no memory access)
                out = bld.asm(ftype, asm, constraints, [a_desc, b_desc] + [acc[r] for r in regs], True)
                for i, r in enumerate(regs):
                    acc[r] = bld.extract_value(out, i)
    _call(bld, "llvm.nvvm.wgmma.commit_group.sync.aligned")
    carried = carried_result(op)
    if carried is not None:
        wait(bld, 1)
        lw.matrix_in_flight.add(carried)
    else:
        acc = wait_for(bld, acc)
    lw.values[res] = acc
