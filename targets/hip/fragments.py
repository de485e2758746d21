"""AMD matrix cores for pt.dot: MFMA (CDNA, wave64) and WMMA (RDNA3, wave32) lane layouts as linear layouts.

Lane layouts, from AMD's CDNA3 and RDNA3 ISA guides (the matrix instruction calculator prints the same):
- MFMA 32x32x8 and 16x16x16 (f16; bf16 in the `_1k` forms): lane l passes A[l % M, 4 (l / M) + i] and
  B[4 (l / N) + i, l % N] for i < 4; the double-K forms (gfx942's fp8 32x32x16 and 16x16x32, gfx950's f16)
  pass 8 consecutive k the same way, A[l % M, 8 (l / M) + i] for i < 8; accumulator i of lane l is
  D[8 (i / 4) + 4 (l / 32) + i % 4, l % 32] (32x32) or D[4 (l / 16) + i, l % 16] (16x16): four consecutive
  rows per lane group, the groups' rows interleaved.
- WMMA 16x16x16 on gfx11: lane l passes row l % 16 of A and column l % 16 of B, all 16 k (lanes 16-31
  repeat lanes 0-15); accumulator i of lane l is D[2 i + l / 16, l % 16].
tests/hip/test_matrix_cores.py simulates each instruction from these formulas in numpy against the layouts.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional, Union

from llvmlite import ir as llir

from pantile.ir import Operation, scalar
from pantile.targets.llvm.types import external
from pantile.targets.simt.dot import chained
from pantile.targets.simt.linear_layout import LinearLayout
from pantile.targets.simt.matrix_tiles import (Fragments, Issue, TiledDot, lower_fragment_dot,
                                               operand_swizzle, repeat_bases, require_tiled, tile_layouts)
from pantile.targets.simt.values import pack, unpack

from .arch import MatrixInstruction

F32, I32 = llir.FloatType(), llir.IntType(32)
WAVE = {"mfma": 64, "wmma": 32}      # the lanes each family's lane mapping is stated for
_ZERO_LANE = ((0, 0),)                 # lanes 16-31 of a WMMA repeat lanes 0-15


def _mirror(lay: LinearLayout) -> LinearLayout:
    """The layout with its two dimensions swapped (B's fragments from A's)."""
    swap = lambda v: (v[1], v[0])  # noqa: E731
    return lay.map_coords(swap, (lay.shape[1], lay.shape[0]))


@lru_cache(maxsize=None)
def fragments(family: str, tile: int, k: int, wave: int) -> Fragments:
    """The fragments of an MFMA ('mfma', `tile` x `tile` x `k`, wave64: each lane passes k * tile / 64
    consecutive k of one row of A and one column of B) or a gfx11 WMMA ('wmma', 16 x 16 x 16, wave32)."""
    if family == "mfma":
        groups = wave // tile                         # lane groups of `tile` lanes: 2 (32x32) or 4 (16x16)
        per_lane = k // groups
        a = LinearLayout(repeat_bases(1, 1, per_lane), repeat_bases(0, 1, tile) + repeat_bases(1, per_lane, k), (),
                         (tile, k))
        c = LinearLayout(repeat_bases(0, 1, 4) + repeat_bases(0, 4 * groups, tile),
                         repeat_bases(1, 1, tile) + repeat_bases(0, 4, 4 * groups), (), (tile, tile))
    else:
        a = LinearLayout(repeat_bases(1, 1, 16), repeat_bases(0, 1, 16) + _ZERO_LANE, (), (16, 16))
        c = LinearLayout(repeat_bases(0, 2, 16), repeat_bases(1, 1, 16) + ((1, 0),), (), (16, 16))
    return Fragments(a, _mirror(a), c)


def _family(ins: MatrixInstruction) -> str:
    return ins.mnemonic.split("_")[1]


def choose(instructions: tuple[MatrixInstruction, ...], wave: int, dtype: Union[str, int], m: int, n: int, k: int,
           num_warps: int, chained: bool = False) -> Optional[tuple[MatrixInstruction, TiledDot]]:
    """The largest issued instruction for `dtype` inputs (a name, or a byte count: any dtype of that size, as
    those share their lane layouts) that tiles an [m, k] x [k, n] dot, with the dot's layouts in it."""
    for ins in sorted(instructions, key=lambda i: -i.shape[0]):
        takes = dtype in (ins.dtype, scalar(ins.dtype).bitwidth // 8)
        if ins.intrinsic and takes and wave == WAVE[_family(ins)]:
            tiled = tile_layouts(fragments(_family(ins), ins.shape[0], ins.shape[2], wave), m, n, k, num_warps,
                                  chained)
            if tiled is not None:
                return ins, tiled
    return None


class MatrixCoreHooks:
    """The matrix-core hooks of the SIMT lowering, mixed into a hook set that has `matrix` (the architecture's
    instructions) and `warp_size`; `issue` emits one instruction, the rest is layouts."""

    matrix: tuple[MatrixInstruction, ...] = ()
    warp_size: int = 64

    def _tiled(self, dtype: Union[str, int], m: int, n: int, k: int, num_warps: int,
               chained: bool) -> Optional[tuple[MatrixInstruction, TiledDot]]:
        return choose(self.matrix, self.warp_size, dtype, m, n, k, num_warps, chained)

    def dot_layouts(self, a: Any, b: Any, acc: Any, num_warps: int, chained: bool = False,
                    precision: Optional[str] = None) -> Optional[tuple]:
        """The MFMA/WMMA accumulator layout for dots of a dtype the architecture issues one for (f32 accumulators)
        that tile into it."""
        if b.element != a.element or acc.element.name != "f32":
            return None
        got = self._tiled(a.element.name, a.shape[0], b.shape[1], a.shape[1], num_warps, chained)
        return None if got is None else (got[1].c,)

    def operand_swizzle(self, operand: int, shape: tuple, elem_bytes: int, num_warps: int, m: int, n: int,
                        chained: bool = False, contiguous_dim: int = 1, element: str = "") -> Any:
        """Where the operand's fragments are single vector reads from LDS, conflicting least (chosen by the
        fragments, whichever order the block arrived in)."""
        k = shape[1] if operand == 0 else shape[0]
        got = self._tiled(elem_bytes, m, n, k, num_warps, chained)
        takes = [i.mnemonic for i in self.matrix if i.intrinsic and scalar(i.dtype).bitwidth == 8 * elem_bytes]
        tiled = require_tiled(got and got[1], operand, m, n, k, elem_bytes, num_warps,
                              " or ".join(takes) or "a matrix instruction (none takes them)")
        return operand_swizzle(tiled, operand, elem_bytes)

    def lower_dot(self, lw: Any, op: Operation, a_tile: Any, b_tile: Any) -> None:
        """One instruction per tile, fragments read from LDS right before the k step that uses them."""
        a, b_ = op.operands[:2]
        ins, tiled = self._tiled(a.type.element.name, a.type.shape[0], b_.type.shape[1], a.type.shape[1],
                                 lw.num_warps, chained(op))
        lower_fragment_dot(lw, op, tiled, a_tile, b_tile, self.issue(lw, op, ins, tiled))

    def issue(self, lw: Any, op: Operation, ins: MatrixInstruction, tiled: TiledDot) -> Issue:
        """llvm.amdgcn.mfma.* (cbsz = abid = blgp = 0) or llvm.amdgcn.wmma.* on one tile's fragments."""
        bld = lw.b
        elem = lw.llvm_type(op.operands[0].type)
        count = tiled.frags.c.num_registers
        per_lane = tiled.frags.a.num_registers
        # fp8 operands (held as their byte) go as one i64 of 8; the others as a vector of their elements
        operand = llir.IntType(8 * per_lane) if elem == llir.IntType(8) else llir.VectorType(elem, per_lane)
        extra = [I32(0)] * 3 if _family(ins) == "mfma" else []
        fn = external(bld, ins.intrinsic, llir.VectorType(F32, count),
                      [operand, operand, llir.VectorType(F32, count)] + [I32] * len(extra))

        def as_operand(values: list) -> llir.Value:
            vec = pack(bld, values)
            return vec if vec.type == operand else bld.bitcast(vec, operand)

        def call(a_vals: list, b_vals: list, acc: list) -> list:
            got = bld.call(fn, [as_operand(a_vals), as_operand(b_vals), pack(bld, acc)] + extra)
            return unpack(bld, got, count)
        return call
