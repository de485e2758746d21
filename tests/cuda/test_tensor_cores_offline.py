"""The Ampere tensor-core path, offline: ldmatrix reads without bank conflicts into the mma.sync fragments,
warps split the tile as evenly as Triton does, and the example matmul built for sm_80 copies its tiles with
cp.async and shows HMMA and LDSM in its SASS without spills at the benchmark's configs; built for sm_90a, it
shows HGMMA instead, its wgmma overlapping the next stage's copies."""
import pytest

from matmul_artifacts import matmul_artifact as compile_matmul
from pantile.examples.attention import attention_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import CompileOptions
from pantile.targets.cuda import mma
from pantile.targets.cuda.ptx import assemble, disassemble, find_tool
from pantile.targets.registry import get_target
from pantile.targets.simt.shared_layout import Swizzled, Transposed, access_wavefronts, wavefronts

# (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages): the benchmark's configs (Triton tutorial 03's list)
BENCH_CONFIGS = ((128, 256, 64, 8, 3), (64, 256, 32, 4, 4), (128, 128, 32, 4, 4), (128, 64, 32, 4, 4),
                 (64, 128, 32, 4, 4), (128, 32, 32, 4, 4), (64, 32, 32, 2, 5), (32, 64, 32, 2, 5),
                 (128, 128, 64, 4, 3), (128, 128, 64, 8, 3))


def test_wavefronts_count_bank_conflicts() -> None:
    assert wavefronts([4 * i for i in range(32)], 4) == 1            # one word per bank
    assert wavefronts([128 * i for i in range(32)], 4) == 32         # every lane in bank 0
    assert wavefronts([0] * 32, 4) == 1                              # one word, broadcast
    assert wavefronts([16 * i for i in range(32)], 16) == 4          # 512 bytes: four 128-byte passes
    assert wavefronts([128 * i for i in range(8)], 16) == 8          # 8 rows of 128 bytes, same column


@pytest.mark.parametrize("shape", [(128, 64), (64, 32), (16, 16), (128, 16)])
def test_ldmatrix_reads_of_a_are_conflict_free_only_when_swizzled(shape) -> None:
    access, trans = mma._ldmatrix_access(0, shape, 4, shape[0], 128)
    assert not trans
    plain = Swizzled(shape, 2, 1, 1)                                  # row-major, no swizzle
    chosen = mma.operand_swizzle(0, shape, 2, 4, shape[0], 128)
    ideal = access.num_registers * 4                                 # x4: 512 bytes a warp, 4 passes
    assert access_wavefronts(access, chosen, 2, 16) == ideal
    if shape[1] * 2 >= 64:                                           # rows of 64+ bytes collide unswizzled
        assert access_wavefronts(access, plain, 2, 16) > ideal


@pytest.mark.parametrize("k,n,warps", [(64, 256, 8), (32, 128, 4), (32, 64, 2), (16, 8, 1)])
def test_ldmatrix_trans_reads_of_b_are_conflict_free(k, n, warps) -> None:
    access, trans = mma._ldmatrix_access(1, (k, n), warps, 128, n)
    assert trans
    sw = mma.operand_swizzle(1, (k, n), 2, warps, 128, n)
    lanes = 32 if n >= 16 * mma.warp_split(128, n, warps)[1] else 16   # x4, or x2 (lanes 16-31 unused)
    assert access_wavefronts(access, sw, 2, 16) == access.num_registers * lanes // 8


@pytest.mark.parametrize("k,n,warps,m", [(128, 64, 8, 128), (64, 128, 4, 128), (32, 64, 2, 64), (16, 8, 1, 16)])
def test_ldmatrix_reads_of_a_b_stored_column_by_column_are_conflict_free(k, n, warps, m) -> None:
    """Kᵀ of attention sits in shared memory as it was read, each column of [K, N] contiguous: ldmatrix
    without .trans reads it, and the swizzle found for it costs one transaction per 8 lanes."""
    access, trans = mma._ldmatrix_access(1, (k, n), warps, m, n, True, contiguous_dim=0)
    assert not trans
    sw = mma.operand_swizzle(1, (k, n), 2, warps, m, n, True, contiguous_dim=0)
    assert isinstance(sw, Transposed) and sw.shape == (k, n) and sw.contiguous_dim == 0
    lanes = 32 if n >= 16 * mma.warp_split(m, n, warps, True)[1] else 16
    assert access_wavefronts(access, sw, 2, 16) == access.num_registers * lanes // 8


def test_swizzle_modes_of_the_tensor_memory_units() -> None:
    assert Swizzled.mode((8, 64), 2, 128).phases() == (1, 8)
    assert Swizzled.mode((8, 32), 2, 64).phases() == (2, 4)
    assert Swizzled.mode((8, 64), 2, 0)((3, 9)) == 3 * 64 + 9
    with pytest.raises(ValueError, match="swizzle mode must be 0, 32, 64 or 128 bytes, got 48"):
        Swizzled.mode((8, 64), 2, 48)


@pytest.mark.parametrize("m,n,warps,split", [(128, 256, 8, (2, 4)), (128, 128, 4, (2, 2)), (128, 128, 8, (2, 4)),
                                             (64, 64, 4, (2, 2)), (16, 64, 4, (1, 4)), (128, 16, 4, (4, 1))])
def test_warps_split_the_tile_like_triton(m, n, warps, split) -> None:
    assert mma.warp_split(m, n, warps) == split


def matmul_artifact(dtype: str, bm: int, bn: int, bk: int, warps: int, stages: int):
    """The example matmul compiled for cuda:sm_80."""
    return compile_matmul("cuda:sm_80", dtype, bm, bn, bk, warps, stages)


@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_matmul_uses_hmma_and_ldsm(dtype: str) -> None:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    art = matmul_artifact(dtype, 128, 128, 32, 4, 4)
    assert "cp.async.cg.shared.global" in art.asm["ptx"] and "cp.async.wait_group \t2;" in art.asm["ptx"]
    sass = disassemble(art.binary)
    assert "HMMA.16816.F32" + (".BF16" if dtype == "bf16" else "") in sass
    assert "LDSM.16.M88.4" in sass and "LDSM.16.MT88.4" in sass     # A as is, B transposed
    assert "LDGSTS.E.BYPASS.128" in sass                              # cp.async.cg, 16 bytes
    assert "LDL" not in sass and "STL" not in sass


@pytest.mark.parametrize("config", BENCH_CONFIGS, ids=lambda c: "x".join(map(str, c)))
def test_matmul_has_no_spills_at_the_benchmark_configs(config) -> None:
    art = matmul_artifact("fp16", *config)
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata


@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_sm90a_matmul_uses_hgmma(dtype: str) -> None:
    """Both operands from shared memory through descriptors (B transposed: N-major), one m64n256k16 per
    warpgroup and k step; the loop leaves its newest wgmma group running (wait_group 1) and waits for all of
    them after it; no mma.sync, no ldmatrix."""
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    art = compile_matmul("cuda:sm_90a", dtype, 128, 256, 64, 8, 3)
    ptx = art.asm["ptx"]
    kind = "bf16" if dtype == "bf16" else "f16"
    assert ptx.count(f"wgmma.mma_async.sync.aligned.m64n256k16.f32.{kind}.{kind}") == 4
    assert ptx.count("wgmma.wait_group.sync.aligned \t1;") == 1 and ptx.count("wgmma.wait_group.sync.aligned 0;") == 1
    assert "cp.async.cg.shared.global" in ptx and "fence.proxy.async.shared::cta;" in ptx
    sass = disassemble(art.binary)
    assert sass.count("HGMMA.64x256x16.F32" + (".BF16" if dtype == "bf16" else "")) == 4
    assert "tnspB" in sass and "HMMA" not in sass and "LDSM" not in sass
    assert "WARPGROUP.DEPBAR.LE gsb0, 0x1" in sass
    assert "LDL" not in sass and "STL" not in sass
    assert "warning" not in assemble(ptx, "sm_90a")[2]     # e.g. wgmma serialized for a register it cannot keep


@pytest.mark.parametrize("config", [c for c in BENCH_CONFIGS if c[3] % 4 == 0], ids=lambda c: "x".join(map(str, c)))
def test_sm90a_matmul_has_no_spills_at_the_benchmark_configs(config) -> None:
    for dtype in ("fp16", "bf16"):
        art = compile_matmul("cuda:sm_90a", dtype, *config)
        assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, (dtype, art.metadata)
        assert "wgmma.mma_async" in art.asm["ptx"]


def _ldmatrix_gets(access, register: int, warp: int, trans: bool, lane: int, matrix: int, e: int,
                   contiguous_dim: int = 1) -> tuple:
    """The coordinates of element e of `lane`'s b32 register `matrix` after one ldmatrix, as the PTX ISA
    defines it: lanes 8j..8j+7 give the 8 rows of matrix j (8 elements along the contiguous dimension of
    the tile in shared memory); thread l gets row l/4, elements 2(l%4)+e, or with .trans column l/4 of
    rows 2(l%4)+e."""
    g, t = lane // 4, lane % 4
    row, col = (2 * t + e, g) if trans else (g, 2 * t + e)
    start = list(access.apply(register, 8 * matrix + row, warp))
    start[contiguous_dim] += col
    return tuple(start)


@pytest.mark.parametrize("b_contiguous", [1, 0])
@pytest.mark.parametrize("m,n,k,warps", [(128, 256, 64, 8), (128, 128, 32, 4), (64, 32, 32, 2), (16, 8, 16, 1),
                                         (32, 64, 32, 2), (128, 16, 16, 4)])
def test_ldmatrix_fills_the_mma_fragments(m, n, k, warps, b_contiguous) -> None:
    """Every lane's A and B registers hold the elements mma.sync.m16n8k16 expects there (PTX ISA fragment
    layouts: A a0..a7 at (g + 8 (j & 1), 2t + e + 8 (j >> 1)), B b0..b3 at (2t + e + 8 j, g)), with B
    stored row-major (read with .trans) or column by column as a transposed load leaves it (without)."""
    wm, wn = mma.warp_split(m, n, warps)
    acc = mma.accumulator_layout(m, n, warps)
    a_access, a_trans = mma._ldmatrix_access(0, (m, k), warps, m, n)
    b_access, b_trans = mma._ldmatrix_access(1, (k, n), warps, m, n, contiguous_dim=b_contiguous)
    assert b_trans == (b_contiguous == 1)
    pair = n >= 16 * wn
    for w in range(warps):
        wm0, wn0 = acc.apply(0, 0, w)
        for lane in range(32):
            g, t = lane // 4, lane % 4
            for r in range(a_access.num_registers):
                m0, k0 = a_access.apply(r, 0, 0)
                for j in range(4):
                    for e in range(2):
                        want = (m0 + wm0 + g + 8 * (j & 1), k0 + 2 * t + e + 8 * (j >> 1))
                        assert _ldmatrix_gets(a_access, r, w, a_trans, lane, j, e) == want
            for r in range(b_access.num_registers):
                k0, n0 = b_access.apply(r, 0, 0)
                for j in range(4 if pair else 2):
                    for e in range(2):
                        want = (k0 + 2 * t + e + 8 * (j & 1), n0 + wn0 + (j >> 1) * 8 * wn + g)
                        assert _ldmatrix_gets(b_access, r, w, b_trans, lane, j, e, b_contiguous) == want


@pytest.mark.parametrize("m,k,n,warps,chained", [(128, 64, 128, 8, True), (64, 32, 128, 4, True),
                                                 (128, 32, 64, 4, False), (16, 16, 8, 1, False)])
def test_a_fragment_layout_is_the_ptx_fragment(m, k, n, warps, chained) -> None:
    """Half 2j + e of k step s and M repeat i is a_j element e (PTX ISA: (g + 8 (j & 1), 2t + e + 8 (j >> 1)))."""
    wm, _ = mma.warp_split(m, n, warps, chained)
    lay = mma.a_fragment_layout(m, k, n, warps, chained)
    for w in range(warps):
        m_w = lay.apply(0, 0, w)[0]
        for lane in range(32):
            g, t = lane // 4, lane % 4
            for r in range(lay.num_registers):
                e, j, s, i = r & 1, (r >> 1) & 3, (r >> 3) % (k // 16), (r >> 3) // (k // 16)
                want = (m_w + 16 * wm * i + g + 8 * (j & 1), 16 * s + 2 * t + e + 8 * (j >> 1))
                assert lay.apply(r, lane, w) == want


def test_a_chained_dot_result_is_the_next_dots_a_fragment() -> None:
    """With every warp along M, the accumulator of [128, 64] holds, in each thread, the A fragment halves of
    a [128, 64] x [64, 128] dot (attention's P V): no exchange between threads is needed."""
    acc = mma.accumulator_layout(128, 64, 8, chained=True)
    assert mma.a_from_registers(acc, 128, 8, chained=True) is not None
    assert mma.a_from_registers(mma.accumulator_layout(128, 64, 8), 128, 8) is None     # warps split N too


def attention_artifact(bm: int, bn: int, warps: int, stages: int, arch: str = "cuda:sm_80", causal: bool = False):
    """The example attention (f16, D=128) compiled for `arch` as the benchmark launches it."""
    ptrs = ("q_ptr", "k_ptr", "v_ptr", "o_ptr")
    sig = tuple((p, parse_signature_type("*fp16")) for p in ptrs) + tuple(
        (p, parse_signature_type(t)) for p, t in (("seq_len", "i32"), ("sm_scale", "fp32"), ("stride_h", "i32"),
                                                   ("stride_n", "i32")))
    divisible = tuple((p, (("divisibility", 16),)) for p in ptrs + ("seq_len", "stride_h", "stride_n"))
    spec = Specialization(sig, (("HEAD_DIM", 128), ("BLOCK_M", bm), ("BLOCK_N", bn), ("CAUSAL", causal)), divisible)
    return compile_artifact(attention_kernel, spec, get_target(arch), CompileOptions(num_warps=warps, num_stages=stages))


def test_attention_reads_p_from_registers_and_copies_q_once() -> None:
    """P V takes P from the QK^T accumulators, and Q is copied to shared memory once, with cp.async, before
    the K/V loop. Kᵀ, read along its first dimension, is copied as it lies (16-byte copies of columns) and
    read by ldmatrix without .trans: 8 k steps of Q and 8 x 4 of Kᵀ; only V's 8 x 4 use .trans. 16-byte
    copies a thread makes: 8 for Q's 128x128 f16 tile, 4 per 64x128 Kᵀ or V tile, in the 2 prologue
    iterations and once in the loop body. The row statistics (m_i, l_i) stay in the accumulators' rows:
    the loop synchronises the program once, where it waits for its copies, and neither stores to shared memory
    nor loads from it but through ldmatrix."""
    ptx = attention_artifact(128, 64, 8, 3).asm["ptx"]
    assert ptx.count("ldmatrix.sync.aligned.m8n8.x4.shared.b16") == 8 + 32
    assert ptx.count("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16") == 32
    assert ptx.count("cp.async.cg.shared.global") == 8 + 3 * (4 + 4)
    loop = ptx[ptx.index("cp.async.wait_group \t1"):]
    loop = loop[:loop.index("cp.async.wait_group \t0")]          # to the wait after the loop
    assert loop.count("bar.sync") == 1
    assert "st.shared" not in loop and "ld.shared" not in loop      # P and the row statistics stay in registers


@pytest.mark.parametrize("config", ((128, 64, 8, 3), (128, 128, 8, 3), (64, 64, 4, 4)),
                         ids=lambda c: "x".join(map(str, c)))
def test_sm90a_causal_attention_pipelines_both_loops_in_the_same_shared_memory(config) -> None:
    """Causal attention's two loops (below the diagonal, then the diagonal block) both copy K and V ahead with
    cp.async, Q copied once before the first and read by both; the second loop's buffers take the place of the
    first's, so the kernel needs no more shared memory than the non-causal one (but the scratch of a
    reduction), and nothing spills."""
    bm, bn, warps, stages = config
    full = attention_artifact(*config, arch="cuda:sm_90a")
    causal = attention_artifact(*config, arch="cuda:sm_90a", causal=True)
    per_tile = 2 * bn * 128 * 2 // (warps * 32 * 16)                 # 16-byte copies a thread makes of K and V
    q_once = bm * 128 * 2 // (warps * 32 * 16)
    loop = full.asm["ptx"].count("cp.async.cg.shared.global") - q_once       # prologue and body: S stages
    assert loop in (stages * per_tile, (stages - 1) * per_tile)              # 128x128: 2 stages fit beside Q
    assert causal.asm["ptx"].count("cp.async.cg.shared.global") == q_once + 2 * loop
    assert full.shared_memory <= causal.shared_memory <= full.shared_memory + 1024
    assert (causal.metadata["spill_stores"], causal.metadata["spill_loads"]) == (0, 0)


# the benchmark's attention configs (BLOCK_M, BLOCK_N, num_warps, num_stages) that wgmma covers
ATTENTION_WGMMA_CONFIGS = ((128, 64, 8, 3), (64, 64, 4, 3), (128, 32, 4, 3), (64, 32, 4, 3))


@pytest.mark.parametrize("config", ATTENTION_WGMMA_CONFIGS, ids=lambda c: "x".join(map(str, c)))
def test_sm90a_attention_chains_wgmma_through_registers(config) -> None:
    """Built for sm_90a, both dots of attention run on wgmma: QKᵀ reads Q and Kᵀ (K-major, as copied) through
    descriptors, P·V takes P from the QKᵀ accumulators as its register A operand and V through a transposed
    descriptor, and runs on while the next iteration starts (the QKᵀ of the next iteration waits for it).
    Nothing goes through shared memory between the two dots and nothing through local memory;
    no ldmatrix or mma.sync is left, and ptxas keeps every wgmma asynchronous (no serialisation warning)."""
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    bm, bn, warps, _ = config
    art = attention_artifact(*config, arch="cuda:sm_90a")
    ptx = art.asm["ptx"]
    per_group = bm // (64 * (warps // 4))                     # M repeats in a warpgroup
    qk = ptx.count(f"wgmma.mma_async.sync.aligned.m64n{bn}k16.f32.f16.f16")
    pv = ptx.count("wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16")
    assert (qk, pv) == (per_group * 128 // 16, per_group * bn // 16)
    first, second = ptx.index(f"m64n{bn}k16"), ptx.index("m64n128k16")
    between = ptx[first:second]
    assert "st.shared" not in between and "ld.shared" not in between and "bar.sync" not in between
    assert "ldmatrix" not in ptx and "mma.sync" not in ptx and ".local" not in ptx
    # P·V is left running into the next iteration: its wait comes after the loop's back branch
    after_pv = ptx[ptx.rindex("wgmma.commit_group"):]
    assert "bra" in after_pv[:after_pv.index("wgmma.wait_group")] and ptx.count("wgmma.wait_group") == 2
    sass = disassemble(art.binary)
    assert sass.count(f"HGMMA.64x{bn}x16.F32") == qk and sass.count("HGMMA.64x128x16.F32") == pv
    assert all("tnspB" in line for line in sass.splitlines() if "HGMMA.64x128x16" in line)
    assert not any("tnspB" in line for line in sass.splitlines() if f"HGMMA.64x{bn}x16" in line)
    assert "LDL" not in sass and "STL" not in sass
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata
    assert "warning" not in assemble(ptx, "sm_90a")[2]
