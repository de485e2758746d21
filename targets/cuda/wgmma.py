"""Hopper's warpgroup matrix instruction (sm_90a): wgmma.mma_async.m64nNk16 with f32 accumulators, for f16 and bf16.

Four consecutive warps (a warpgroup, starting at a warp index divisible by 4)
issue one wgmma together: a 64xN block of the result, its A (64x16) and B
(16xN) read by the tensor cores straight from shared memory through 64-bit
matrix descriptors. Warpgroups split the tile as Triton does (along M while
it has rows left, then along N); each warpgroup's part repeats in registers.

Everything here is data the lowering and the tests share:
- `tiling` chooses the warpgroup split and the instruction's N from the tile;
- `accumulator_layout` is the PTX ISA's accumulator fragment as a linear
  layout, so conversions to and from it come from the generic algorithm;
- `operand_placement` puts A (K-major: row-major [M, K]) and B (MN-major:
  row-major [K, N], read with imm-trans-b) in the 32/64/128-byte swizzle
  layouts of shared_layout.Swizzled.mode, the widest one the instruction's
  rows fill;
- `Descriptor` holds the strides and swizzle mode of a placed operand and
  encodes the descriptor of an instruction's start address.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation, Value
from pantile.targets.llvm.types import external
from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.matrix_tiles import repeat_bases
from pantile.targets.simt.shared_layout import Swizzled

from .mma import LANES_ROW_MAJOR

M_INSTR, K_INSTR = 64, 16                  # rows and k of one wgmma.m64nNk16
MAX_N = 256
SWIZZLE_MODES = {128: 1, 64: 2, 32: 3}                 # descriptor bits 62-63 for each swizzle width
I32, I64, F32 = llir.IntType(32), llir.IntType(64), llir.FloatType()


@dataclass(frozen=True)
class Tiling:
    """How the warpgroups of a program cover an [m, k] x [k, n] dot with wgmma.m64nNk16."""

    m: int
    n: int
    k: int
    groups_m: int        # warpgroups along M
    groups_n: int        # warpgroups along N
    n_instr: int         # N of one instruction

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


def tiling(m: int, n: int, k: int, num_warps: int) -> Optional[Tiling]:
    """The warpgroup split of an [m, k] x [k, n] dot, or None when wgmma cannot cover it: num_warps not a
    multiple of 4, k not a multiple of 16, fewer than 64 rows per warpgroup or 16 columns per instruction."""
    if num_warps % 4 or k % K_INSTR:
        return None
    groups, gm, gn = num_warps // 4, 1, 1
    while gm * gn < groups:
        if m > M_INSTR * gm:
            gm *= 2
        else:
            gn *= 2
    if m % (M_INSTR * gm) or n % gn or n // gn < 16:
        return None
    return Tiling(m, n, k, gm, gn, min(MAX_N, n // gn))


def dot_tiling(a: BlockType, b: BlockType, acc: BlockType, num_warps: int) -> Optional[Tiling]:
    """The tiling of a pt.dot of f16 or bf16 blocks into f32 accumulators, or None (see `tiling`)."""
    if a.element.name not in ("f16", "bf16") or b.element != a.element or acc.element.name != "f32":
        return None
    (m, k), n = a.shape, b.shape[1]
    return tiling(m, n, k, num_warps)


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


def operand_placement(operand: int, t: Tiling, elem_bytes: int) -> Swizzled:
    """Where operand `operand` (0: A [m, k], K-major; 1: B [k, n], MN-major) sits in shared memory: in
    blocks of one swizzle row along its last dimension, the widest swizzle one instruction's rows fill."""
    if operand == 0:
        return Swizzled.mode((t.m, t.k), elem_bytes, swizzle_bytes(t.k, elem_bytes))
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


def operand_descriptor(operand: int, placement: Swizzled) -> Descriptor:
    """The descriptor fields of an operand placed by `operand_placement`. K-major A: 8-row groups one
    swizzle atom (8 rows of the swizzle width) apart. MN-major B: 8-row (k) groups one atom apart, blocks
    of the swizzle width along N `rows` rows of the swizzle width apart."""
    width = placement.width * placement.elem_bytes
    atom = 8 * width
    if operand == 0:
        return Descriptor(16, atom, width)
    return Descriptor(placement.shape[0] * width, atom, width)


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
    elem_bytes = tile.offsets.elem_bytes
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


def lower_wgmma_dot(lw, op: Operation, a_tile, b_tile) -> None:
    """acc += a @ b with one wgmma.m64nNk16 per warpgroup, instruction and 16-wide k step, both operands read
    from shared memory (simt.dot.SharedTile placed by `operand_placement`) through descriptors, between a
    fence and a commit. The warpgroup waits for all but its newest group when the accumulator only goes to
    the loop's next iteration (`carried_result`), so the wgmma overlaps what comes next; else for all."""
    a, b_, c = op.operands
    res = op.results[0]
    (m, k), n = a.type.shape, b_.type.shape[1]
    t = tiling(m, n, k, lw.num_warps)
    lc = lw.layout_of(res)
    kind = "bf16" if a.type.scalar.name == "bf16" else "f16"
    bld = lw.b
    acc = list(lw.regs(c))
    half = t.n_instr // 2
    asm = (f"wgmma.mma_async.sync.aligned.m64n{t.n_instr}k16.f32.{kind}.{kind} "
           f"{{{', '.join(f'${i}' for i in range(half))}}}, ${half}, ${half + 1}, 1, 1, 1, 0, 1;")
    ftype = llir.FunctionType(llir.LiteralStructType([F32] * half), [I64, I64] + [F32] * half)
    constraints = ",".join(["=f"] * half + ["l", "l"] + [str(i) for i in range(half)])
    a_base, b_base = (_descriptor_base(lw, tile, i, lc) for i, tile in enumerate((a_tile, b_tile)))
    eb = a_tile.offsets.elem_bytes
    fence(bld)
    for k0 in range(0, k, K_INSTR):
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
