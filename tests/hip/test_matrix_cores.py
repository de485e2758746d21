"""AMD matrix cores without AMD hardware: the MFMA and WMMA lane layouts pantile states as linear layouts are
checked against the instructions' documented lane mappings by simulating each instruction in numpy, over
whole tiled dots (warps, k steps, repeats); the matmul example assembles to v_mfma / v_wmma code without
scratch spills (the disassembly and the code object's notes are read)."""
import re

import numpy as np
import pytest

from matmul_artifacts import matmul_artifact
from pantile.ir import BlockType, scalar
from pantile.targets.base import CompileOptions
from pantile.targets.hip import fragments
from pantile.targets.hip.code_object import notes_text, parse_notes
from pantile.targets.registry import get_target
from pantile.targets.simt.matrix_tiles import operand_swizzle, tile_layouts
from pantile.targets.simt.shared_layout import Transposed


# The documented mappings (CDNA3 / RDNA3 ISA guides): (lane, element i) -> (row, column) of A [m, k],
# B [k, n] and the accumulators D [m, n].
def _mfma(tile, per_lane):
    """MFMA tile x tile (wave64), `per_lane` consecutive k of A and B in each lane (4, or 8 in the double-K
    forms); 64 / tile lane groups."""
    def doc(lane, i):
        g, at = lane // tile, lane % tile
        return {"a": (at, per_lane * g + i), "b": (per_lane * g + i, at),
                "c": (4 * (64 // tile) * (i // 4) + 4 * g + i % 4, at)}
    return doc


def _wmma_gfx11(lane, i):
    return {"a": (lane % 16, i), "b": (i, lane % 16), "c": (2 * i + lane // 16, lane % 16)}


# (family, tile, k, wave, documented mapping, elements a lane passes of A, B, D)
INSTRUCTIONS = [("mfma", 32, 8, 64, _mfma(32, 4), (4, 4, 16)), ("mfma", 16, 16, 64, _mfma(16, 4), (4, 4, 4)),
                ("mfma", 32, 16, 64, _mfma(32, 8), (8, 8, 16)), ("mfma", 16, 32, 64, _mfma(16, 8), (8, 8, 4)),
                ("wmma", 16, 16, 32, _wmma_gfx11, (16, 16, 8))]
IDS = ["mfma32x32x8", "mfma16x16x16", "mfma32x32x16", "mfma16x16x32", "wmma16x16x16"]


def simulate(doc, wave: int, counts, a_regs, b_regs, c_regs):
    """One instruction as documented: operands gathered from the lanes' registers by `doc`, D = A B + C,
    scattered back to the lanes' accumulators. Lanes that repeat an element must hold the same value."""
    mats = {}
    for which, regs, n in (("a", a_regs, counts[0]), ("b", b_regs, counts[1]), ("c", c_regs, counts[2])):
        pos = [[doc(lane, i)[which] for i in range(n)] for lane in range(wave)]
        shape = tuple(max(p[d] for row in pos for p in row) + 1 for d in (0, 1))
        mat = np.full(shape, np.nan)
        for lane in range(wave):
            for i, (r, c) in enumerate(pos[lane]):
                assert np.isnan(mat[r, c]) or mat[r, c] == regs[lane][i], "repeated element differs between lanes"
                mat[r, c] = regs[lane][i]
        assert not np.isnan(mat).any(), f"{which}: some element is held by no lane"
        mats[which] = mat
    d = mats["a"] @ mats["b"] + mats["c"]
    return [[d[doc(lane, i)["c"]] for i in range(counts[2])] for lane in range(wave)]


@pytest.mark.parametrize("family,tile,k,wave,doc,counts", INSTRUCTIONS, ids=IDS)
def test_fragment_layouts_are_the_documented_lane_mappings(family, tile, k, wave, doc, counts):
    frags = fragments.fragments(family, tile, k, wave)
    for which, n in zip("abc", counts):
        lay = getattr(frags, which)
        assert lay.num_registers == n and lay.num_lanes == wave
        for lane in range(wave):
            for i in range(n):
                assert lay.apply(i, lane, 0) == doc(lane, i)[which], (which, lane, i)


@pytest.mark.parametrize("family,tile,tk,wave,doc,counts", INSTRUCTIONS, ids=IDS)
@pytest.mark.parametrize("m,n,k,warps", [(64, 64, 32, 4), (128, 64, 64, 8), (32, 128, 32, 2), (64, 32, 64, 1)])
def test_a_tiled_dot_simulated_instruction_by_instruction_is_a_matmul(family, tile, tk, wave, doc, counts, m, n, k,
                                                                      warps):
    tiled = tile_layouts(fragments.fragments(family, tile, tk, wave), m, n, k, warps)
    assert tiled is not None
    rng = np.random.default_rng(1)
    a, b, c = (rng.integers(-4, 5, s).astype(np.float64) for s in ((m, k), (k, n), (m, n)))

    def regs(lay, mat, w):
        return [[mat[lay.apply(r, lane, w)] for r in range(lay.num_registers)] for lane in range(wave)]
    for w in range(warps):
        a_w, b_w, acc = regs(tiled.a, a, w), regs(tiled.b, b, w), regs(tiled.c, c, w)
        for m0, n0, k0 in tiled.steps():
            ra, rb, rc = (tiled.registers("a", (m0, k0)), tiled.registers("b", (k0, n0)),
                          tiled.registers("c", (m0, n0)))
            got = simulate(doc, wave, counts, [[x[r] for r in ra] for x in a_w], [[x[r] for r in rb] for x in b_w],
                           [[x[r] for r in rc] for x in acc])
            for lane in range(wave):
                for i, r in enumerate(rc):
                    acc[lane][r] = got[lane][i]
        assert acc == regs(tiled.c, a @ b + c, w)


def test_every_element_of_the_accumulators_has_one_owner():
    tiled = tile_layouts(fragments.fragments("mfma", 32, 8, 64), 128, 128, 32, 4)
    owners = {tiled.c.apply(r, lane, w) for w in range(4) for lane in range(64) for r in range(64)}
    assert len(owners) == 128 * 128


def test_b_is_placed_column_major_so_a_lane_reads_its_k_run_as_one_vector():
    tiled = tile_layouts(fragments.fragments("wmma", 16, 16, 32), 64, 64, 32, 4)
    at = operand_swizzle(tiled, 1, 2)
    assert isinstance(at, Transposed) and at.contiguous_dim == 0
    assert [at((k, 0)) for k in range(8)] == list(range(8))      # B[0:8, 0] is one 16-byte chunk
    assert not isinstance(operand_swizzle(tiled, 0, 2), Transposed)


def _block(shape, dtype):
    return BlockType(shape, scalar(dtype))


@pytest.mark.parametrize("arch,dtype,mnemonic", [("gfx90a", "bf16", "v_mfma_f32_32x32x8bf16_1k"),
                                                 ("gfx942", "f16", "v_mfma_f32_32x32x8_f16"),
                                                 ("gfx942", "f8e4b8", "v_mfma_f32_32x32x16_fp8_fp8"),
                                                 ("gfx942", "f8e5b16", "v_mfma_f32_32x32x16_bf8_bf8"),
                                                 ("gfx950", "f16", "v_mfma_f32_32x32x16_f16"),
                                                 ("gfx1100", "bf16", "v_wmma_f32_16x16x16_bf16")])
def test_the_architecture_picks_its_instruction(arch, dtype, mnemonic):
    target = get_target(f"hip:{arch}")
    hooks = target.hooks(CompileOptions(num_warps=4))
    got = fragments.choose(hooks.matrix, hooks.warp_size, dtype, 64, 64, 32, 4)
    assert got[0].mnemonic == mnemonic
    assert hooks.dot_layouts(_block((64, 32), dtype), _block((32, 64), dtype), _block((64, 64), "f32"), 4) == (
        got[1].c,)
    assert hooks.dot_layouts(_block((64, 32), dtype), _block((32, 64), dtype), _block((64, 64), "f16"), 4) is None


def test_a_dot_too_small_for_the_32x32_mfma_takes_the_16x16_one():
    hooks = get_target("hip:gfx942").hooks(CompileOptions(num_warps=4))
    assert fragments.choose(hooks.matrix, 64, "f16", 64, 32, 16, 4)[0].mnemonic == "v_mfma_f32_16x16x16_f16"
    assert fragments.choose(hooks.matrix, 64, "f16", 16, 16, 8, 4) is None          # k below 16: FMA path


def test_a_swizzle_for_a_dot_that_does_not_tile_is_an_internal_error():
    """A 16x16x8 f16 dot has k below every gfx942 MFMA's (dot_layouts gives it the FMA path): asking for its
    operands' swizzle anyway names the dot and the instructions instead of failing on a missing tiling."""
    hooks = get_target("hip:gfx942").hooks(CompileOptions(num_warps=4))
    assert hooks.dot_layouts(_block((16, 8), "f16"), _block((8, 16), "f16"), _block((16, 16), "f32"), 4) is None
    with pytest.raises(ValueError, match=r"internal error: a swizzle was asked for operand B of a 16x16x8 dot of "
                                         r"2-byte elements on 4 warps, which does not tile into "
                                         r"v_mfma_f32_32x32x8_f16 or v_mfma_f32_16x16x16_f16 or "):
        hooks.operand_swizzle(1, (8, 16), 2, 4, 16, 16)
    assert hooks.operand_swizzle(1, (16, 32), 2, 4, 64, 32) is not None


@pytest.mark.parametrize("arch,dtype", [("gfx950", "bf16"), ("gfx1201", "f16"), ("gfx942", "f8e4m3"),
                                        ("gfx90a", "f8e4b8")])
def test_dots_without_an_issued_instruction_keep_the_fma_path(arch, dtype):
    """gfx950's bf16 MFMA (bfloat operands) and gfx1201's WMMA are not issued; gfx942's fp8 MFMA takes the FNUZ
    formats, not OCP's; gfx90a has no fp8 MFMA."""
    hooks = get_target(f"hip:{arch}").hooks(CompileOptions(num_warps=4))
    assert hooks.dot_layouts(_block((64, 32), dtype), _block((32, 64), dtype), _block((64, 64), "f32"), 4) is None


# (arch, dtype, BLOCK_M, BLOCK_N, BLOCK_K, num_warps, instruction, count per K block); 64x64x32 / 4 warps is
# the example's own configuration
MATMULS = [("gfx942", "f16", 64, 64, 32, 4, "v_mfma_f32_32x32x8_f16", 4),
           ("gfx942", "bf16", 64, 64, 32, 4, "v_mfma_f32_32x32x8_bf16", 4),
           ("gfx942", "f16", 128, 128, 32, 4, "v_mfma_f32_32x32x8_f16", 16),
           ("gfx942", "fp8e4b8", 64, 64, 32, 4, "v_mfma_f32_32x32x16_fp8_fp8", 2),
           ("gfx942", "fp8e5b16", 64, 64, 64, 4, "v_mfma_f32_32x32x16_bf8_bf8", 4),
           ("gfx1100", "f16", 64, 64, 32, 4, "v_wmma_f32_16x16x16_f16", 8),
           ("gfx1100", "f16", 128, 128, 32, 8, "v_wmma_f32_16x16x16_f16", 16)]


@pytest.mark.parametrize("arch,dtype,bm,bn,bk,warps,mnemonic,count", MATMULS)
def test_the_matmul_example_runs_on_matrix_cores_without_spills(arch, dtype, bm, bn, bk, warps, mnemonic, count):
    target = get_target(f"hip:{arch}")
    art = matmul_artifact(target.arch, dtype, bm, bn, bk, warps)
    target.validate(art)
    code = target.disassemble(art)
    assert re.findall(r"\bv_(?:mfma|wmma)\w*", code) == [mnemonic] * count
    assert not re.search(r"\bscratch_|\bbuffer_store", code)
    notes = next(k for k in parse_notes(notes_text(art.binary)) if k[".name"] == art.kernel_name)
    assert (notes[".vgpr_spill_count"], notes[".sgpr_spill_count"], notes[".private_segment_fixed_size"]) == (0, 0, 0)
    assert notes[".wavefront_size"] == target.info.wavefront
    assert art.metadata["spill_stores"] == 0 and "spills" not in art.metadata


def test_spills_are_reported_not_refused():
    """128x128 accumulators over 4 waves of 32 lanes need more than gfx1100's 256 VGPRs: the kernel is valid
    (it runs, slower), and validation says how much spilled."""
    target = get_target("hip:gfx1100")
    art = matmul_artifact(target.arch, "bf16", 128, 128, 32, 4, stages=1)
    target.validate(art)
    spilled = art.metadata["vgpr_spill_count"]
    assert spilled > 0 and art.metadata["spill_stores"] == 4 * spilled
    assert art.metadata["spills"].startswith(f"{spilled} VGPRs spilled to scratch (")
    assert "scratch_" in target.disassemble(art)
