"""The persistent matmul (pantile.examples.matmul.persistent_matmul_kernel: one program per SM looping over tiles with
tl.range(..., flatten=True)) on sm_90a offline: each tile's K loop is pipelined (16-byte cp.async) with its wgmma
left running into the next iteration behind one barrier per iteration, HGMMA in the SASS, no spills at the 8-warp
configs of Triton's persistent tutorial; and on the GPU against numpy at ragged shapes with one program per SM
(skips off the GPU, printing why)."""
import re

import numpy as np
import pytest

import pantile
from pantile.examples.matmul import persistent_matmul_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.cuda.ptx import disassemble, find_tool
from pantile.targets.registry import get_target

# Triton's persistent tutorial configs at 8 warps: (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages)
CONFIGS = ((128, 128, 64, 8, 3), (128, 128, 64, 8, 4), (128, 128, 128, 8, 3), (128, 256, 64, 8, 3))


def persistent_artifact(config: tuple) -> Artifact:
    """The kernel for f16 as a 4096^3 launch on 132 SMs specialises it."""
    bm, bn, bk, warps, stages = config
    ptrs, ints = ("a_ptr", "b_ptr", "c_ptr"), ("M", "N", "K", "stride_am", "stride_bk", "stride_cm")
    sig = tuple((p, parse_signature_type("*fp16")) for p in ptrs) + tuple(
        (p, parse_signature_type("i32")) for p in ints)
    consts = (("stride_ak", 1), ("stride_bn", 1), ("stride_cn", 1), ("BLOCK_M", bm), ("BLOCK_N", bn),
              ("BLOCK_K", bk), ("GROUP_M", 8), ("NUM_SMS", 132))
    spec = Specialization(sig, consts, tuple((p, (("divisibility", 16),)) for p in ptrs + ints))
    return compile_artifact(persistent_matmul_kernel, spec, get_target("cuda:sm_90a"),
                            CompileOptions(num_warps=warps, num_stages=stages))


def test_each_tile_loop_is_pipelined_on_wgmma() -> None:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    art = persistent_artifact(CONFIGS[0])
    ptx = art.asm["ptx"]
    assert ptx.count("wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16") == 4
    assert "wgmma.wait_group.sync.aligned \t1;" in ptx and "ld.global" not in ptx
    sass = disassemble(art.binary)
    assert set(re.findall(r"\bHGMMA\.[\w.]+", sass)) == {"HGMMA.64x128x16.F32"}
    assert set(re.findall(r"LDGSTS[\w.]*", sass)) == {"LDGSTS.E.BYPASS.128"}


def k_loop(ptx: str) -> str:
    """The PTX of the innermost loop holding the wgmma: from a label to the branch back to it."""
    loops = [body for label in re.findall(r"^(\$L__\w+):", ptx, re.M)
             for body in re.findall(rf"^{re.escape(label)}:.*?bra(?:\.uni)?\s+{re.escape(label)};", ptx, re.M | re.S)]
    return min((body for body in loops if "wgmma.mma_async" in body), key=len)


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: "x".join(map(str, c)))
def test_each_k_iteration_has_one_barrier_and_no_shared_memory_exchange(config) -> None:
    """The K offsets (kk * BLOCK_K + arange) are computed in each operand's layout, not exchanged through shared
    memory: an iteration waits for its copies behind one barrier and touches shared memory only through them."""
    body = k_loop(persistent_artifact(config).asm["ptx"])
    assert body.count("bar.sync") == 1 and "st.shared" not in body and "ld.shared" not in body
    assert body.count("wgmma.wait_group.sync.aligned \t1;") == 1


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: "x".join(map(str, c)))
def test_no_spills_at_the_tutorial_configs(config) -> None:
    art = persistent_artifact(config)
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata


def test_the_epilogue_shares_the_pipeline_buffers_memory() -> None:
    """128x256x64 at 3 stages: 4 slots of A and B (the wgmma of the last iteration still reads one) take 192 KiB;
    the epilogue's exchange of the 128x256 f16 tile (64 KiB) reuses them after the K loop's last wait, so the
    program fits an H100's 227 KiB, with the tile loop's body ending on a barrier before the next tile's copies."""
    art = persistent_artifact((128, 256, 64, 8, 3))
    buffers = 4 * (128 * 64 + 64 * 256) * 2
    assert buffers <= art.shared_memory < buffers + 128 * 256 * 2
    assert art.shared_memory <= get_target("cuda:sm_90a").capabilities.shared_memory_bytes
    tile_loop_end = art.asm["ptx"].split("st.global")[-1]
    assert "bar.sync" in tile_loop_end.split("bra")[0]


@pytest.mark.parametrize("mnk", ((4096, 4096, 512), (1000, 1030, 333), (200, 4000, 64)),
                         ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("config", ((128, 128, 64, 8, 3), (64, 64, 32, 4, 4)), ids=lambda c: "x".join(map(str, c)))
def test_persistent_matmul_matches_numpy(gpu, mnk, config) -> None:
    """f16 in, f32 accumulation, f16 out; min(SMs, tiles) programs: more tiles than programs, and fewer."""
    m, n, k = mnk
    bm, bn, bk, warps, stages = config
    rng = np.random.default_rng(m + n + k)
    a = (rng.standard_normal((m, k), dtype=np.float32) / 4).astype(np.float16)
    b = (rng.standard_normal((k, n), dtype=np.float32) / 4).astype(np.float16)
    c = np.full((m, n), np.nan, np.float16)
    programs = min(gpu.capabilities.multiprocessor_count, pantile.cdiv(m, bm) * pantile.cdiv(n, bn))
    with pantile.target(gpu.arch):
        persistent_matmul_kernel[(programs,)](a, b, c, m, n, k, k, 1, n, 1, n, 1, BLOCK_M=bm, BLOCK_N=bn,
                                              BLOCK_K=bk, GROUP_M=8, NUM_SMS=programs, num_warps=warps,
                                              num_stages=stages)
    want = a.astype(np.float32) @ b.astype(np.float32)
    tol = 1e-2 * max(1.0, np.sqrt(k) / 16)
    np.testing.assert_allclose(c.astype(np.float32), want, rtol=tol, atol=tol)
