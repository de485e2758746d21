"""mma.sync for the inputs beyond f16/bf16: f32 at tf32 precision (m16n8k8) and 8-bit integers (m16n8k32,
i32 accumulators), on sm_80+.

Each instruction's fragments are the PTX ISA's tables written as linear
layouts (lane = 4 * groupID + threadID_in_group; registers walk the
elements of the operand vector low to high); `matrix_tiles` spreads them
over the dot and reads each k step's fragments from shared memory with
vector loads where a lane's elements are adjacent. The accumulators sit as
those of m16n8k16 do, so the tiles split over warps the same way.
A `tf32` dot rounds its operands with cvt.rna.tf32.f32; `ieee` and `tf32x3`
keep the FMA path.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation
from pantile.targets.simt.dot import chained
from pantile.targets.simt.exchange import vector_width
from pantile.targets.simt.linear_layout import LinearLayout, log2
from pantile.targets.simt.matrix_tiles import (Fragments, Issue, TiledDot, lower_fragment_dot, require_tiled,
                                               tile_layouts)
from pantile.targets.simt.shared_layout import Swizzled, Transposed, swizzle_for
from pantile.targets.simt.values import pack

I32 = llir.IntType(32)
F32 = llir.FloatType()
_GROUP_ROWS = ((1, 0), (2, 0), (4, 0))                # groupID (lane bits 2-4) along the rows of A and C
_C = LinearLayout(((0, 1), (8, 0)), ((0, 2), (0, 4)) + _GROUP_ROWS, (), (16, 8))   # c0..c3: (g + 8 (i >> 1), 2t + (i & 1))


@dataclass(frozen=True)
class MmaKind:
    """One mma.sync shape and type: its fragments and the PTX types of its operands."""

    frags: Fragments
    ptx: str                 # "<dtype>.<atype>.<btype>.<ctype>" of the instruction
    per_register: int        # elements of A and B in one b32 register

    def instruction(self) -> str:
        """The mma.sync text with its 4 + 2 + 4 operand placeholders."""
        m, n, k = self.frags.shape
        return (f"mma.sync.aligned.m{m}n{n}k{k}.row.col.{self.ptx} "
                "{$0, $1, $2, $3}, {$4, $5, $6, $7}, {$8, $9}, {$10, $11, $12, $13};")


# m16n8k8 .tf32: a0..a3 at (g + 8 (i & 1), t + 4 (i >> 1)); b0, b1 at (t + 4 i, g)
TF32 = MmaKind(Fragments(LinearLayout(((8, 0), (0, 4)), ((0, 1), (0, 2)) + _GROUP_ROWS, (), (16, 8)),
                         LinearLayout(((4, 0),), ((1, 0), (2, 0), (0, 1), (0, 2), (0, 4)), (), (8, 8)), _C),
               "f32.tf32.tf32.f32", 1)


def _int8(sign: str) -> MmaKind:
    """m16n8k32 .s8/.u8: a0..a15 at (g + 8 ((i >> 2) & 1), 4t + (i & 3) + 16 (i >> 3)); b0..b7 at
    (4t + (i & 3) + 16 (i >> 2), g)."""
    a = LinearLayout(((0, 1), (0, 2), (8, 0), (0, 16)), ((0, 4), (0, 8)) + _GROUP_ROWS, (), (16, 32))
    b = LinearLayout(((1, 0), (2, 0), (16, 0)), ((4, 0), (8, 0), (0, 1), (0, 2), (0, 4)), (), (32, 8))
    return MmaKind(Fragments(a, b, _C), f"s32.{sign}.{sign}.s32", 4)


KINDS = {"i8": _int8("s8"), "u8": _int8("u8")}


def kind_of(a: BlockType, b: BlockType, acc: BlockType, precision: Optional[str]) -> Optional[MmaKind]:
    """The instruction for a dot of these types (f32 at tf32 precision, or 8-bit integers into i32), or None."""
    name = a.element.name
    if b.element != a.element:
        return None
    if name == "f32" and acc.element.name == "f32":
        return TF32 if precision == "tf32" else None
    return KINDS.get(name) if acc.element.name == "i32" else None


@lru_cache(maxsize=256)
def tiled(kind: MmaKind, m: int, n: int, k: int, num_warps: int, chained: bool = False) -> Optional[TiledDot]:
    """The dot's layouts in `kind`'s fragments, or None when it does not tile."""
    return tile_layouts(kind.frags, m, n, k, num_warps, chained)


def dot_layouts(a: BlockType, b: BlockType, acc: BlockType, num_warps: int, chained: bool = False,
                precision: Optional[str] = None) -> Optional[tuple]:
    """(accumulator layout,) for tf32 and 8-bit integer dots that tile into their mma.sync; else None."""
    kind = kind_of(a, b, acc, precision)
    got = kind and tiled(kind, a.shape[0], b.shape[1], a.shape[1], num_warps, chained)
    return (got.c,) if got else None


def kind_by_size(elem_bytes: int) -> MmaKind:
    """The kind whose operands have `elem_bytes` bytes (int8's two signs read alike from shared memory)."""
    return TF32 if elem_bytes == 4 else KINDS["i8"]


@lru_cache(maxsize=256)
def operand_swizzle(operand: int, shape: tuple[int, int], elem_bytes: int, num_warps: int, m: int, n: int,
                    chained: bool = False, contiguous_dim: int = 1) -> Callable:
    """The swizzle of an operand tile stored row-major (or column by column when `contiguous_dim` is 0) that
    costs the fewest transactions for the vector reads of its fragments."""
    k = shape[1] if operand == 0 else shape[0]
    kind = kind_by_size(elem_bytes)
    dot = require_tiled(tiled(kind, m, n, k, num_warps, chained), operand, m, n, k, elem_bytes, num_warps,
                        "mma.sync.m{}n{}k{}".format(*kind.frags.shape))
    access = dot.a if operand == 0 else dot.b
    plain = Swizzled(tuple(shape), elem_bytes, 1, 1)
    if contiguous_dim == 0:
        plain = Transposed(Swizzled((shape[1], shape[0]), elem_bytes, 1, 1))
    vec = vector_width(access, plain, max(1, 16 // elem_bytes))
    reads = LinearLayout(access.register[log2(vec):], access.lane, access.warp, access.shape)
    return swizzle_for(tuple(shape), elem_bytes, [(reads, vec * elem_bytes)], contiguous_dim)


def _issue(lw, kind: MmaKind, integer: bool) -> Issue:
    """One mma.sync on a tile's fragments: 8-bit elements packed four to a register, f32 ones rounded to tf32."""
    bld = lw.b
    acc_t, acc_c = (I32, "r") if integer else (F32, "f")
    ftype = llir.FunctionType(llir.LiteralStructType([acc_t] * 4), [I32] * 6 + [acc_t] * 4)
    constraints = ",".join([f"={acc_c}"] * 4 + ["r"] * 6 + ["0", "1", "2", "3"])
    to_tf32 = None
    if not integer:
        to_tf32 = lw.module.globals.get("llvm.nvvm.f2tf32.rna") or llir.Function(
            lw.module, llir.FunctionType(I32, [F32]), "llvm.nvvm.f2tf32.rna")

    def registers(values: list) -> list:
        if to_tf32 is not None:
            return [bld.call(to_tf32, [v]) for v in values]
        return [bld.bitcast(pack(bld, values[i:i + kind.per_register]), I32)
                for i in range(0, len(values), kind.per_register)]

    def call(a_vals: list, b_vals: list, acc: list) -> list:
        out = bld.asm(ftype, kind.instruction(), constraints, registers(a_vals) + registers(b_vals) + acc, False)
        return [bld.extract_value(out, i) for i in range(4)]

    return call


def lower_dot(lw, op: Operation, a_tile, b_tile) -> None:
    """acc += a @ b, one mma.sync per 16x8 tile and k step, fragments read from shared memory."""
    a, b_, c = op.operands
    kind = kind_of(a.type, b_.type, c.type, op.attributes.get("input_precision"))
    (m, k), n = a.type.shape, b_.type.shape[1]
    lower_fragment_dot(lw, op, tiled(kind, m, n, k, lw.num_warps, chained(op)), a_tile, b_tile,
                       _issue(lw, kind, c.type.element.name == "i32"))
