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

from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.matrix_tiles import repeat_bases
from pantile.targets.simt.shared_layout import Swizzled

from .mma import LANES_ROW_MAJOR

M_INSTR, K_INSTR = 64, 16                  # rows and k of one wgmma.m64nNk16
MAX_N = 256
SWIZZLE_MODES = {128: 1, 64: 2, 32: 3}                 # descriptor bits 62-63 for each swizzle width


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
