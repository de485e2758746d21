"""The wgmma layouts against the PTX ISA, offline: the accumulator linear layout is the documented
m64nNk16 D fragment, and every descriptor makes a numpy model of the tensor cores' shared-memory read
(the ISA's canonical K-major and MN-major layouts, then the swizzle on the address bits) fetch exactly
the elements the operand placement stores there, for f16/bf16 (B MN-major or K-major), tf32 (k8) and fp8
(k32, both operands K-major)."""
from itertools import product

import numpy as np
import pytest

from pantile.ir.types import BlockType, scalar
from pantile.targets.cuda import wgmma
from pantile.targets.simt.shared_layout import Swizzled

# (m, n, k, num_warps) -> (warpgroups along M, along N, instruction N)
TILINGS = {(128, 256, 64, 8): (2, 1, 256), (128, 128, 64, 4): (1, 1, 128), (128, 128, 64, 8): (2, 1, 128),
           (64, 256, 32, 4): (1, 1, 256), (64, 64, 32, 8): (1, 2, 32), (256, 128, 32, 8): (2, 1, 128),
           (64, 512, 16, 4): (1, 1, 256), (128, 32, 128, 4): (1, 1, 32), (64, 16, 16, 4): (1, 1, 16)}


@pytest.mark.parametrize("shape", TILINGS, ids=lambda s: "x".join(map(str, s)))
def test_warpgroups_split_the_tile_like_triton(shape) -> None:
    t = wgmma.tiling(*shape)
    assert (t.groups_m, t.groups_n, t.n_instr) == TILINGS[shape]


@pytest.mark.parametrize("shape", [(128, 128, 64, 2), (128, 128, 8, 4), (32, 128, 64, 4), (64, 16, 16, 8)])
def test_shapes_wgmma_cannot_cover(shape) -> None:
    assert wgmma.tiling(*shape) is None      # 2 warps; k < 16; 32 rows; 8 columns per warpgroup


def _ptx_d_fragment(warp: int, lane: int, i: int) -> tuple[int, int]:
    """PTX ISA, wgmma .m64nNk16 accumulator D: where d_i of `lane` in warp `warp` of a warpgroup sits."""
    return 16 * warp + lane // 4 + 8 * ((i >> 1) & 1), 8 * (i >> 2) + 2 * (lane % 4) + (i & 1)


@pytest.mark.parametrize("shape", TILINGS, ids=lambda s: "x".join(map(str, s)))
def test_accumulator_layout_is_the_ptx_fragment(shape) -> None:
    t = wgmma.tiling(*shape)
    acc = wgmma.accumulator_layout(t)
    regs = {(mi, ni): wgmma.instruction_registers(t, acc, mi, ni)
            for mi, ni in product(range(t.repeats_m), range(t.repeats_n))}
    assert sorted(r for rs in regs.values() for r in rs) == list(range(acc.num_registers))   # each register once
    seen = set()
    for warp, lane in product(range(shape[3]), range(32)):
        gm, gn = t.group_origin(warp // 4)
        for (mi, ni), instr in regs.items():
            m0, n0 = t.instruction_origin(mi, ni)
            for i, r in enumerate(instr):
                row, col = _ptx_d_fragment(warp % 4, lane, i)
                assert acc.apply(r, lane, warp) == (gm + m0 + row, gn + n0 + col)
                seen.add((gm + m0 + row, gn + n0 + col))
    assert len(seen) == t.m * t.n                                                    # no element twice


def _decode(desc: int) -> tuple[int, int, int, int]:
    """(start, leading byte offset, stride byte offset, swizzle bytes) of a descriptor (PTX ISA table:
    bits 0-13, 16-29, 32-45 hold the byte values >> 4, bits 62-63 the mode 1/2/3 = 128/64/32 bytes)."""
    field = lambda lo: ((desc >> lo) & 0x3FFF) << 4        # noqa: E731
    return field(0), field(16), field(32), {1: 128, 2: 64, 3: 32}[desc >> 62]


def _swizzle(addr: np.ndarray, width: int) -> np.ndarray:
    """Swizzle<log2(width / 16), 4, 3> on byte addresses: 16-byte chunk bits xor the bits above 128 bytes."""
    return addr ^ (((addr >> 7) & (width // 16 - 1)) << 4)


def _k_major(desc: int, mn: np.ndarray, k: np.ndarray, elem_bytes: int) -> np.ndarray:
    """Canonical K-major swizzled layout ((8,m),(T,2k)):((width/16 T, SBO),(1,T)), in bytes."""
    start, _, sbo, width = _decode(desc)
    return _swizzle(start + (mn % 8) * width + (mn // 8) * sbo + k * elem_bytes, width)


def _mn_major(desc: int, mn: np.ndarray, k: np.ndarray, elem_bytes: int) -> np.ndarray:
    """Canonical MN-major swizzled layout ((T,width/16,m),(8,k)):((1,T,LBO),(width/16 T,SBO)), in bytes."""
    start, lbo, sbo, width = _decode(desc)
    per_row = width // elem_bytes
    return _swizzle(start + (mn % per_row) * elem_bytes + (mn // per_row) * lbo + (k % 8) * width + (k // 8) * sbo,
                    width)


# (bytes per element, B K-major): f16/bf16 with B either way; tf32 and fp8 read both operands K-major only
PLACEMENTS = {"16bit": (2, False), "16bit-kmajor-b": (2, True), "tf32": (4, True), "fp8": (1, True)}


@pytest.mark.parametrize("base", [0, 3 * 1024])
@pytest.mark.parametrize("kind", PLACEMENTS)
@pytest.mark.parametrize("shape", TILINGS, ids=lambda s: "x".join(map(str, s)))
def test_descriptors_read_what_the_placement_stores(shape, kind, base) -> None:
    """For every warpgroup, instruction and k step, the tensor cores' reads through the descriptor (start
    address: the placement's offset of the instruction's first element) land where the operand placement
    put each element of A (64 x K) and B (K x N), K = 32 bytes. The tile's K has the bytes of the f16 case."""
    eb, b_k_major = PLACEMENTS[kind]
    m, n, k16, warps = shape
    k_instr = wgmma.K_BYTES // eb
    t = wgmma.tiling(m, n, k16 * 2 // eb, warps, k_instr)
    for operand in (0, 1):
        place = wgmma.operand_placement(operand, t, eb, b_k_major)
        fields = wgmma.operand_descriptor(operand, place)
        rows, cols = (wgmma.M_INSTR, k_instr) if operand == 0 else (k_instr, t.n_instr)
        r, c = (a.ravel() for a in np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij"))
        for group, mi, ni, ks in product(range(warps // 4), range(t.repeats_m), range(t.repeats_n),
                                         range(t.k // k_instr)):
            g0 = t.group_origin(group)
            i0 = t.instruction_origin(mi, ni)
            origin = (g0[0] + i0[0], k_instr * ks) if operand == 0 else (k_instr * ks, g0[1] + i0[1])
            desc = fields.at(base + place(origin) * eb)
            if operand == 0:
                got = _k_major(desc, r, c, eb)
            else:
                got = _k_major(desc, c, r, eb) if b_k_major else _mn_major(desc, c, r, eb)
            want = np.array([base + place((origin[0] + i, origin[1] + j)) * eb for i, j in zip(r, c)])
            np.testing.assert_array_equal(got, want)


def _dot(a: str, b: str, acc: str = "f32", precision=None):
    return wgmma.dot_kinds(BlockType((64, 32), scalar(a)), BlockType((32, 64), scalar(b)),
                           BlockType((64, 64), scalar(acc)), precision)


def test_the_input_types_wgmma_computes() -> None:
    """f16 and bf16 (k16, each with itself), f32 only at tf32 precision (k8), fp8 of either format with either
    (k32); always into f32."""
    assert [k.k for k in _dot("f16", "f16")] == [16, 16] and _dot("bf16", "bf16")[0].ptx == "bf16"
    assert [k.ptx for k in _dot("f32", "f32", precision="tf32")] == ["tf32", "tf32"]
    assert [(k.ptx, k.k) for k in _dot("f8e4m3", "f8e5m2")] == [("e4m3", 32), ("e5m2", 32)]
    for args in (("f16", "bf16"), ("f32", "f32"), ("f32", "f32", "f32", "ieee"), ("f16", "f16", "f16"),
                 ("i8", "i8", "i32"), ("f8e4m3", "f16"), ("f8e4m3", "f8e4m3", "f16")):
        assert _dot(*args) is None, args


@pytest.mark.parametrize("kinds,b_k_major,text", [
    (("f16", "f16"), False, "m64n128k16.f32.f16.f16 {$0, .., $63}, $64, $65, 1, 1, 1, 0, 1;"),
    (("bf16", "bf16"), True, "m64n128k16.f32.bf16.bf16 {$0, .., $63}, $64, $65, 1, 1, 1, 0, 0;"),
    (("f32", "f32"), True, "m64n128k8.f32.tf32.tf32 {$0, .., $63}, $64, $65, 1, 1, 1;"),
    (("f8e4m3", "f8e5m2"), True, "m64n128k32.f32.e4m3.e5m2 {$0, .., $63}, $64, $65, 1, 1, 1;")])
def test_instruction_text(kinds, b_k_major, text) -> None:
    """PTX ISA syntax: the 16-bit types take imm-trans-a and imm-trans-b (1: MN-major), tf32 and fp8 neither."""
    ka, kb = (wgmma.KINDS[k] for k in kinds)
    got = wgmma.instruction(wgmma.tiling(128, 128, 64, 8, ka.k), (ka, kb), b_k_major)
    regs = ", ".join(f"${i}" for i in range(64))
    assert got == "wgmma.mma_async.sync.aligned." + text.replace("$0, .., $63", regs)


@pytest.mark.parametrize("shape,elem_bytes,width", [((64, 64), 2, 128), ((16, 256), 2, 128), ((64, 32), 2, 64),
                                                    ((16, 16), 2, 32), ((32, 64), 4, 128)])
def test_swizzle_modes_are_linear_permutations(shape, elem_bytes, width) -> None:
    sw = Swizzled.mode(shape, elem_bytes, width)
    coords = list(product(range(shape[0]), range(shape[1])))
    assert sorted(sw(c) for c in coords) == list(range(shape[0] * shape[1]))
    for a, b in zip(coords[::7], coords[::-5]):
        assert sw((a[0] ^ b[0], a[1] ^ b[1])) == sw(a) ^ sw(b)       # hw_xor splits offsets by bits


def test_swizzle_rows_must_fill_the_mode() -> None:
    with pytest.raises(ValueError, match="rows of 32 bytes are shorter than the 64-byte swizzle"):
        Swizzled.mode((8, 16), 2, 64)


def test_descriptor_fields() -> None:
    """Bit positions of the PTX ISA matrix descriptor: start >> 4 in 0-13, LBO >> 4 in 16-29, SBO >> 4 in
    32-45, the swizzle mode in 62-63."""
    assert wgmma.Descriptor(16, 1024, 128).at(0x2480) == 0x248 | 1 << 16 | 64 << 32 | 1 << 62
    assert wgmma.Descriptor(8192, 512, 64).at(0) == 512 << 16 | 32 << 32 | 2 << 62
    assert wgmma.Descriptor(16, 256, 32).high_bits() >> 62 == 3
