"""mma.sync beyond f16/bf16, offline: the fragments of m16n8k8 .tf32 and m16n8k32 .s8/.u8 are the PTX ISA's
tables in every lane, spread over the program's warps; f32 dots at tf32 precision (sm_80) and int8 dots into i32
(sm_80 and sm_90a) build with the instructions in the PTX and HMMA/IMMA in the SASS, without spills."""
import pytest

import pantile
import pantile.language as pl
from matmul_artifacts import matmul_artifact as compile_matmul
from pantile.ir import BlockType
from pantile.ir.types import scalar
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import CompileOptions
from pantile.targets.cuda import mma, mma_kinds
from pantile.targets.cuda.ptx import disassemble, find_tool
from pantile.targets.registry import get_target


def _ptx_tables(kind: str):
    """(A, B, C) element i of lane -> (row, col) as the PTX ISA writes them (g = groupID, t = threadID_in_group)."""
    if kind == "tf32":                                 # m16n8k8 .tf32
        a = lambda g, t, i: (g + 8 * (i & 1), t + 4 * (i >> 1))
        b = lambda g, t, i: (t + 4 * i, g)
        sizes = (4, 2)
    else:                                              # m16n8k32 .s8 / .u8
        a = lambda g, t, i: (g + (8 if (i >> 2) & 1 else 0), 4 * t + (i & 3) + (16 if i >= 8 else 0))
        b = lambda g, t, i: (4 * t + (i & 3) + (16 if i >= 4 else 0), g)
        sizes = (16, 8)
    c = lambda g, t, i: (g + 8 * (i >> 1), 2 * t + (i & 1))
    return a, b, c, sizes


KINDS = {"tf32": mma_kinds.TF32, "s8": mma_kinds.KINDS["i8"], "u8": mma_kinds.KINDS["u8"]}


@pytest.mark.parametrize("name", ["tf32", "s8", "u8"])
def test_fragments_are_the_ptx_tables(name: str) -> None:
    frags = KINDS[name].frags
    a, b, c, (na, nb) = _ptx_tables(name)
    assert (frags.a.num_registers, frags.b.num_registers, frags.c.num_registers) == (na, nb, 4)
    for lane in range(32):
        g, t = lane // 4, lane % 4
        assert [frags.a.apply(i, lane, 0) for i in range(na)] == [a(g, t, i) for i in range(na)]
        assert [frags.b.apply(i, lane, 0) for i in range(nb)] == [b(g, t, i) for i in range(nb)]
        assert [frags.c.apply(i, lane, 0) for i in range(4)] == [c(g, t, i) for i in range(4)]


@pytest.mark.parametrize("name", ["tf32", "s8"])
@pytest.mark.parametrize("m,n,k,warps,chained", [(128, 128, 32, 4, False), (64, 32, 64, 2, False),
                                                 (16, 8, 32, 1, False),
                                                 (128, 64, 64, 8, True)])
def test_every_lane_holds_its_fragments_of_the_tiled_dot(name, m, n, k, warps, chained) -> None:
    """For each instruction a warp issues, the registers passed as a_i, b_i, c_i hold the elements the ISA
    puts there, offset by the instruction's corner and the warp's part of the tile; the accumulators split
    over warps as those of m16n8k16 do."""
    tiled = mma_kinds.tiled(KINDS[name], m, n, k, warps, chained)
    a, b, c, (na, nb) = _ptx_tables(name)
    assert tiled.split == mma.warp_split(m, n, warps, chained)
    if not chained:
        assert tiled.c == mma.accumulator_layout(m, n, warps)
    for w in range(warps):
        wm0, wn0 = tiled.c.apply(0, 0, w)
        for m0, n0, k0 in tiled.steps():
            ra, rb, rc = (tiled.registers("a", (m0, k0)), tiled.registers("b", (k0, n0)),
                          tiled.registers("c", (m0, n0)))
            for lane in range(32):
                g, t = lane // 4, lane % 4
                for i, r in enumerate(ra):
                    row, col = a(g, t, i)
                    assert tiled.a.apply(r, lane, w) == (wm0 + m0 + row, k0 + col)
                for i, r in enumerate(rb):
                    row, col = b(g, t, i)
                    assert tiled.b.apply(r, lane, w) == (k0 + row, wn0 + n0 + col)
                for i, r in enumerate(rc):
                    row, col = c(g, t, i)
                    assert tiled.c.apply(r, lane, w) == (wm0 + m0 + row, wn0 + n0 + col)


def _block(shape, name: str) -> BlockType:
    return BlockType(shape, scalar(name))


@pytest.mark.parametrize("inputs,acc,precision,kind", [
    ("f32", "f32", "tf32", "tf32"), ("f32", "f32", "ieee", None), ("f32", "f32", "tf32x3", None),
    ("i8", "i32", None, "s8"), ("u8", "i32", None, "u8"), ("i8", "f32", None, None), ("f16", "f32", None, None)])
def test_which_dots_take_the_instructions(inputs, acc, precision, kind) -> None:
    """tf32 only where the dot asks for it ("ieee" and "tf32x3" keep the exact FMA path); int8 into i32."""
    a, b, c = _block((64, 32), inputs), _block((32, 64), inputs), _block((64, 64), acc)
    got = mma_kinds.dot_layouts(a, b, c, 4, precision=precision)
    assert got == (None if kind is None else (mma_kinds.tiled(KINDS[kind], 64, 64, 32, 4).c,))


def test_a_swizzle_for_a_dot_that_does_not_tile_is_an_internal_error() -> None:
    """A tf32 dot with k = 4 has no m16n8k8 tiling (dot_layouts gives it the FMA path): asking for its operands'
    swizzle anyway names the dot and the instruction instead of failing on a missing tiling."""
    a, b, c = _block((16, 4), "f32"), _block((4, 8), "f32"), _block((16, 8), "f32")
    assert mma_kinds.dot_layouts(a, b, c, 1, precision="tf32") is None
    with pytest.raises(ValueError, match=r"internal error: a swizzle was asked for operand A of a 16x8x4 dot of "
                                         r"4-byte elements on 1 warps, which does not tile into mma\.sync\.m16n8k8"):
        mma_kinds.operand_swizzle(0, (16, 4), 4, 1, 16, 8)
    assert mma_kinds.operand_swizzle(0, (16, 8), 4, 1, 16, 8) is not None


@pytest.mark.parametrize("arch", ["cuda:sm_80"])
def test_f32_matmul_runs_on_tf32_mma(arch: str) -> None:
    """The example matmul on f32 (tf32 by default): 64x64 over 2x2 warps is 2 x 4 tiles of 16x8 per warp and
    4 k steps of 8 per 32-wide K block; each operand element rounded once per k step (A: 2 x 4, B: 4 x 2).
    (sm_90a runs it on wgmma: test_wgmma_kinds_offline.py.)"""
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    art = compile_matmul(arch, "fp32", 64, 64, 32, 4, 3)
    ptx = art.asm["ptx"]
    assert ptx.count("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32") == 2 * 4 * 4
    assert ptx.count("cvt.rna.tf32.f32") == 4 * (2 * 4 + 4 * 2)
    sass = disassemble(art.binary)
    assert sass.count("HMMA.1688.F32.TF32") == 2 * 4 * 4
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata


@pantile.jit
def _int_dot_kernel(a_ptr, b_ptr, c_ptr, M: pl.constexpr, N: pl.constexpr, K: pl.constexpr):
    rm, rn, rk = pl.arange(0, M), pl.arange(0, N), pl.arange(0, K)
    a = pl.load(a_ptr + rm[:, None] * K + rk[None, :])
    b = pl.load(b_ptr + rk[:, None] * N + rn[None, :])
    pl.store(c_ptr + rm[:, None] * N + rn[None, :], pl.dot(a, b))


@pytest.mark.parametrize("arch", ["cuda:sm_80", "cuda:sm_90a"])
@pytest.mark.parametrize("dtype,sign", [("i8", "s8"), ("u8", "u8")])
def test_int8_dot_runs_on_imma(arch: str, dtype: str, sign: str) -> None:
    """An int8 dot into i32, 64x64x64 over 2x2 warps: 2 x 4 tiles of 16x8 per warp, 2 k steps of 32."""
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    sig = tuple((p, parse_signature_type(t)) for p, t in (("a_ptr", "*" + dtype), ("b_ptr", "*" + dtype),
                                                         ("c_ptr", "*i32")))
    spec = Specialization(sig, (("M", 64), ("N", 64), ("K", 64)),
                          tuple((p, (("divisibility", 16),)) for p in ("a_ptr", "b_ptr", "c_ptr")))
    art = compile_artifact(_int_dot_kernel, spec, get_target(arch), CompileOptions(num_warps=4))
    ptx = art.asm["ptx"]
    assert ptx.count(f"mma.sync.aligned.m16n8k32.row.col.s32.{sign}.{sign}.s32") == 2 * 4 * 2
    sass = disassemble(art.binary)
    assert sass.count(f"IMMA.16832.{sign.upper()}.{sign.upper()}") == 2 * 4 * 2, [
        ln for ln in sass.splitlines() if "IMMA" in ln][:2]
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata
