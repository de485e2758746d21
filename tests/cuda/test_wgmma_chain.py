"""wgmma for chained dots against the PTX ISA, offline: with warpgroups along M the wgmma accumulators are
mma.sync's chained layout (so the layouts assigned do not change), the previous dot's accumulators hold in
each thread exactly the register A fragments of m64nNk16 (numpy model of the ISA's table), and a B stored
column by column (attention's Kᵀ) is read K-major through its descriptor where the placement put it."""
from itertools import product

import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.examples.attention import attention_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, lower_to_target_ir
from pantile.targets.base import CompileOptions
from pantile.targets.cuda import mma, wgmma, wgmma_chain
from pantile.targets.registry import get_target
from pantile.targets.simt.shared_layout import Transposed

from test_wgmma_layouts import _k_major, _mn_major

# (m, n, k, num_warps) of both dots of attention at the benchmark's configs (QKᵀ: [M, D] x [D, N]; P·V: [M, N] x
# [N, D], D = 128), and a deeper chain
CHAINS = [(128, 64, 128, 8), (128, 128, 64, 8), (128, 64, 128, 4), (128, 128, 64, 4), (64, 64, 128, 4),
          (64, 128, 64, 4), (128, 32, 128, 4), (128, 128, 32, 4), (64, 32, 128, 4), (64, 128, 32, 4),
          (256, 256, 64, 8)]


@pytest.mark.parametrize("shape", CHAINS, ids=lambda s: "x".join(map(str, s)))
def test_chained_wgmma_accumulators_are_mma_chained_layout(shape) -> None:
    m, n, k, warps = shape
    t = wgmma_chain.chain_tiling(m, n, k, warps)
    assert t.groups_n == 1
    assert wgmma.accumulator_layout(t) == mma.accumulator_layout(m, n, warps, chained=True)


def test_chain_tiling_keeps_whole_rows_in_a_warpgroup() -> None:
    assert wgmma.tiling(64, 64, 32, 8).groups_n == 2
    assert wgmma_chain.chain_tiling(64, 64, 32, 8) is None       # mma.sync takes it
    assert wgmma_chain.chain_tiling(128, 64, 128, 2) is None     # no warpgroup


def _ptx_register_a(warp: int, lane: int, j: int, e: int) -> tuple[int, int]:
    """PTX ISA, wgmma .m64nNk16 with A in registers (.f16/.bf16): element e of a_j of `lane` in warp `warp` of
    the warpgroup, within the instruction's 64 x 16 A."""
    return 16 * warp + lane // 4 + 8 * (j & 1), 2 * (lane % 4) + e + 8 * (j >> 1)


@pytest.mark.parametrize("shape", CHAINS, ids=lambda s: "x".join(map(str, s)))
def test_register_a_fragments_are_the_wgmma_ones(shape) -> None:
    """Register 4 (s + i K/16) + j of the lowering (halves 2 j + e of it) is a_j of k step s and M repeat i,
    for every warp and lane; and the previous dot's accumulators of that shape hold them in the thread."""
    m, n, k, warps = shape
    t = wgmma_chain.chain_tiling(m, n, k, warps)
    lay = mma.a_fragment_layout(m, k, n, warps, chained=True)
    assert lay.num_registers == 8 * t.repeats_m * (k // 16)
    for warp, lane in product(range(warps), range(32)):
        g0 = t.group_origin(warp // 4)[0]
        for mi, s, j, e in product(range(t.repeats_m), range(k // 16), range(4), range(2)):
            row, col = _ptx_register_a(warp % 4, lane, j, e)
            want = (g0 + t.instruction_origin(mi, 0)[0] + row, 16 * s + col)
            assert lay.apply(8 * (s + mi * (k // 16)) + 2 * j + e, lane, warp) == want
    previous = wgmma_chain.chain_tiling(m, k, 128, warps)          # the dot whose [m, k] result is this A
    assert mma.a_from_registers(wgmma.accumulator_layout(previous), n, warps, chained=True) is not None


@pytest.mark.parametrize("base", [0, 5 * 1024])
@pytest.mark.parametrize("shape", CHAINS, ids=lambda s: "x".join(map(str, s)))
def test_descriptors_read_b_where_the_placement_stores_it(shape, base) -> None:
    """A B stored column by column is K-major (read without imm-trans-b), a row-major one MN-major; for every
    instruction and k step the tensor cores' reads through the descriptor land on the placement's elements."""
    m, n, k, warps = shape
    t = wgmma_chain.chain_tiling(m, n, k, warps)
    eb = 2
    r, c = (a.ravel() for a in np.meshgrid(np.arange(wgmma.K_INSTR), np.arange(t.n_instr), indexing="ij"))
    for contiguous_dim in (0, 1):
        place = wgmma_chain.operand_placement(1, t, eb, contiguous_dim)
        assert isinstance(place, Transposed) == (contiguous_dim == 0) and place.contiguous_dim == contiguous_dim
        fields = wgmma_chain.descriptor_fields(1, place)
        for ni, ks in product(range(t.repeats_n), range(k // wgmma.K_INSTR)):
            origin = (16 * ks, t.instruction_origin(0, ni)[1])
            desc = fields.at(base + place(origin) * eb)
            got = _k_major(desc, c, r, eb) if contiguous_dim == 0 else _mn_major(desc, c, r, eb)
            want = np.array([base + place((origin[0] + i, origin[1] + j)) * eb for i, j in zip(r, c)])
            np.testing.assert_array_equal(got, want)


@pantile.jit
def rescaled_chain(q_ptr, k_ptr, v_ptr, o_ptr, n, D: pl.constexpr, BLOCK: pl.constexpr):
    """o = sum over key blocks of (q kᵀ) v, the running sum halved at the top of each iteration."""
    rows, cols, dims = pl.arange(0, 128), pl.arange(0, BLOCK), pl.arange(0, D)
    q = pl.load(q_ptr + rows[:, None] * D + dims[None, :])
    acc = pl.zeros([128, D], dtype=pl.float32)
    for start in range(0, n, BLOCK):
        acc = acc * 0.5
        kt = pl.load(k_ptr + (start + cols)[None, :] * D + dims[:, None])
        s = pl.dot(q, kt)
        v = pl.load(v_ptr + (start + cols)[:, None] * D + dims[None, :])
        acc += pl.dot(s.to(pl.float16), v)
    pl.store(o_ptr + rows[:, None] * D + dims[None, :], acc)


def _sm90a_dots(fn, consts: dict, ints: tuple, warps: int = 8) -> list:
    """The pt.dot ops of `fn` (f16 pointers, the scalar arguments `ints`) after the sm_90a passes, 3 stages."""
    ptrs = ("q_ptr", "k_ptr", "v_ptr", "o_ptr")
    out_type = "*fp16" if fn is attention_kernel else "*fp32"
    sig = tuple((p, parse_signature_type(out_type if p == "o_ptr" else "*fp16")) for p in ptrs) + tuple(
        (p, parse_signature_type(t)) for p, t in ints)
    spec = Specialization(sig, tuple(consts.items()), tuple((p, (("divisibility", 16),)) for p in ptrs))
    module = lower_to_target_ir(fn, spec, get_target("cuda:sm_90a"), CompileOptions(num_warps=warps, num_stages=3))
    return [op for op in module.walk() if op.name == "pt.dot"]


def test_pv_is_left_running_into_the_next_iteration() -> None:
    """Attention's P·V only feeds the next iteration, whose QKᵀ waits before the accumulator is read: it is
    deferred (carried value 2: m_i, l_i, acc); QKᵀ is not. On 4 warps the overlap would keep too many registers
    live. Where the accumulator is read before the first dot of the iteration (halved at its top), the dot waits
    for itself."""
    attention = ({"HEAD_DIM": 128, "BLOCK_M": 128, "BLOCK_N": 64},
                 (("seq_len", "i32"), ("sm_scale", "fp32"), ("stride_h", "i32"), ("stride_n", "i32")))
    qk, pv = _sm90a_dots(attention_kernel, *attention)
    assert (wgmma_chain.deferred(qk, 8), wgmma_chain.deferred(pv, 8)) == (None, 2)
    qk, pv = _sm90a_dots(attention_kernel, *attention, warps=4)
    assert wgmma_chain._overlap_registers(pv, qk) == 128 + 32 + 64 > wgmma_chain.OVERLAP_REGISTERS
    assert wgmma_chain.deferred(pv, 4) is None
    dots = _sm90a_dots(rescaled_chain, {"D": 128, "BLOCK": 64}, (("n", "i32"),))
    assert len(dots) == 2 and all(wgmma_chain._on_chain_wgmma(d, 8) for d in dots)
    assert [wgmma_chain.deferred(d, 8) for d in dots] == [None, None]
