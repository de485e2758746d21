"""wgmma for tf32 and fp8 on sm_90a, offline: the example matmul with f32 inputs (tf32, Triton's default) runs
m64nNk8 .tf32 (SASS HGMMA ... .TF32) on operands rounded in place with cvt.rna.tf32.f32; with fp8 inputs and B
pre-transposed (K-major, as Triton's fp8 tutorial passes it) m64nNk32 (SASS QGMMA ... .E4M3.E4M3 or .E5M2), both
operands copied by 16-byte cp.async into K-major slots; no spills at the fp8 benchmark configs; sm_80 keeps
mma.sync for tf32 and the FMA path for fp8."""
import re

import pytest

from pantile.examples.matmul import matmul_kernel
from pantile.runtime.args import parse_signature_type
from pantile.runtime.compiler import Specialization, compile_artifact
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.cuda.ptx import assemble, disassemble, find_tool
from pantile.targets.registry import get_target

# Triton tutorial 03's fp8 configs: (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages), GROUP_M = 8
FP8_CONFIGS = ((128, 256, 128, 8, 3), (256, 128, 128, 8, 3), (256, 64, 128, 4, 4), (64, 256, 128, 4, 4),
               (128, 128, 128, 4, 4), (128, 64, 64, 4, 4), (64, 128, 64, 4, 4), (128, 32, 64, 4, 4))
# The largest B tile per thread: the C store takes the layout of B's K-major load (layout assignment's anchor, the
# op moving the most elements), so C is stored an f16 at a time, its masks staged through shared memory; it spills.
SPILLS = {(64, 256, 128, 4, 4)}


def matmul(arch: str, inputs: str, output: str, config: tuple, b_k_major: bool) -> Artifact:
    """The example matmul as a 4096^3 launch specialises it: unit inner strides (B's K stride where it is
    K-major), 16-divisible sizes and pointers."""
    bm, bn, bk, warps, stages = config
    ptrs = ("a_ptr", "b_ptr", "c_ptr")
    ints = ("M", "N", "K", "stride_am", "stride_cm", "stride_bn" if b_k_major else "stride_bk")
    sig = tuple((p, parse_signature_type("*" + t)) for p, t in zip(ptrs, (inputs, inputs, output)))
    sig += tuple((p, parse_signature_type("i32")) for p in ints)
    consts = (("stride_ak", 1), ("stride_bk" if b_k_major else "stride_bn", 1), ("stride_cn", 1), ("BLOCK_M", bm),
              ("BLOCK_N", bn), ("BLOCK_K", bk), ("GROUP_M", 8))
    spec = Specialization(sig, consts, tuple((p, (("divisibility", 16),)) for p in ptrs + ints))
    return compile_artifact(matmul_kernel, spec, get_target(arch), CompileOptions(num_warps=warps, num_stages=stages))


def _sass(art: Artifact) -> str:
    assert find_tool("nvdisasm") is not None, "nvdisasm is needed: pip install nvidia-cuda-nvdisasm (dev/setup --test)"
    return disassemble(art.binary)


def test_tf32_matmul_runs_hgmma_tf32_on_rounded_operands() -> None:
    art = matmul("cuda:sm_90a", "fp32", "fp32", (128, 128, 32, 4, 3), True)
    ptx = art.asm["ptx"]
    assert ptx.count("wgmma.mma_async.sync.aligned.m64n128k8.f32.tf32.tf32") == 8        # 2 M repeats x 4 k steps
    assert "cvt.rna.tf32.f32" in ptx and "mma.sync" not in ptx
    sass = _sass(art)
    assert set(re.findall(r"\bHGMMA\.[\w.]+", sass)) == {"HGMMA.64x128x8.F32.TF32"}
    assert "LDGSTS.E.BYPASS.128" in sass and "LDL" not in sass and "STL" not in sass
    assert "warning" not in assemble(ptx, "sm_90a")[2]


def test_tf32_with_a_row_major_b_reads_it_k_major() -> None:
    """tf32 has no MN-major B: a row-major B is copied element by element into its K-major slots."""
    art = matmul("cuda:sm_90a", "fp32", "fp32", (64, 64, 32, 4, 3), False)
    assert "m64n64k8.f32.tf32.tf32" in art.asm["ptx"]
    assert "LDGSTS.E " in _sass(art) + " "     # 4-byte copies


@pytest.mark.parametrize("inputs,kind", [("fp8e4nv", "E4M3"), ("fp8e5", "E5M2")])
def test_fp8_matmul_runs_qgmma_on_k_major_operands(inputs: str, kind: str) -> None:
    art = matmul("cuda:sm_90a", inputs, "fp16", (128, 256, 128, 8, 3), True)
    ptx = art.asm["ptx"]
    ptx_kind = kind.lower()
    assert ptx.count(f"wgmma.mma_async.sync.aligned.m64n256k32.f32.{ptx_kind}.{ptx_kind}") == 4
    assert "wgmma.wait_group.sync.aligned \t1;" in ptx        # the loop's wgmma overlaps the next iteration
    sass = _sass(art)
    assert set(re.findall(r"\b[HQ]GMMA\.[\w.]+", sass)) == {f"QGMMA.64x256x32.F32.{kind}.{kind}"}
    assert set(re.findall(r"LDGSTS[\w.]*", sass)) == {"LDGSTS.E.BYPASS.128"}
    assert "LDL" not in sass and "STL" not in sass
    assert "warning" not in assemble(ptx, "sm_90a")[2]


SPILL_MARK = pytest.mark.xfail(strict=True, reason="the C store follows B's K-major layout")


@pytest.mark.parametrize("config", [pytest.param(c, marks=SPILL_MARK) if c in SPILLS else c for c in FP8_CONFIGS],
                         ids=lambda c: "x".join(map(str, c)))
def test_fp8_matmul_has_no_spills_at_the_benchmark_configs(config) -> None:
    art = matmul("cuda:sm_90a", "fp8e4nv", "fp16", config, True)
    assert art.metadata["spill_stores"] == 0 and art.metadata["spill_loads"] == 0, art.metadata
    assert "k32.f32.e4m3.e4m3" in art.asm["ptx"]


def test_sm80_keeps_mma_sync_for_tf32_and_fma_for_fp8() -> None:
    tf32 = matmul("cuda:sm_80", "fp32", "fp32", (128, 128, 32, 4, 3), True).asm["ptx"]
    fp8 = matmul("cuda:sm_80", "fp8e4nv", "fp16", (128, 128, 64, 4, 3), True).asm["ptx"]
    assert "mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32" in tf32 and "wgmma" not in tf32
    assert "mma" not in fp8
