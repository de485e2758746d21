"""The cuda cost model: occupancy from registers and shared memory, time from bytes and FLOPs."""
import math
import pickle

import pytest

from pantile.ir import PointerType, f32
from pantile.targets.base import ArgSpec, Artifact
from pantile.targets.cuda.arch import KNOWN_DEVICES, parse_arch
from pantile.targets.cuda.cost_model import CudaCostModel, occupancy

H100 = KNOWN_DEVICES["H100"]


def artifact(registers: int, warps: int = 4, shared: int = 0) -> Artifact:
    return Artifact("cuda:sm_90a", "k", "cubin", b"", (ArgSpec("x", PointerType(f32)),), warps, shared,
                    {"registers": registers})


def test_occupancy_is_limited_by_threads_registers_and_shared_memory() -> None:
    assert occupancy(H100, 128, 32, 0) == 1.0                      # 16 programs of 4 warps fill an SM
    assert occupancy(H100, 128, 255, 0) == 2 * 128 / 2048          # 8192 registers per warp: 2 programs
    assert occupancy(H100, 256, 64, 100 * 1024) == 2 * 256 / 2048  # 2 x (100 KB + 1 KB) fit in 228 KB
    assert occupancy(H100, 128, 32, 300 * 1024) == 0.0


def test_a_full_memory_bound_launch_takes_bytes_over_bandwidth() -> None:
    model = CudaCostModel(H100)
    nbytes = 3 * 4 * 2 ** 28
    t = model.predict(artifact(32), (2 ** 18, 1, 1), bytes_moved=nbytes)
    assert t == pytest.approx(H100.launch_overhead + nbytes / H100.bandwidth)


def test_fewer_resident_programs_predict_longer_times() -> None:
    model = CudaCostModel(H100)
    fast = model.predict(artifact(32), (2 ** 18, 1, 1), bytes_moved=1e9)
    slow = model.predict(artifact(255), (2 ** 18, 1, 1), bytes_moved=1e9)
    tiny = model.predict(artifact(32), (4, 1, 1), bytes_moved=1e9)
    assert fast < slow < tiny
    assert model.predict(artifact(32, shared=300 * 1024), (1, 1, 1), bytes_moved=1.0) == math.inf


def test_compute_bound_launches_use_the_dtype_peak() -> None:
    model = CudaCostModel(H100)
    art = artifact(32)
    art.metadata["dot_dtype"] = "f16"
    flops = 2.0 * 4096 ** 3
    assert model.predict(art, (2 ** 18, 1, 1), flops=flops) == pytest.approx(
        H100.launch_overhead + flops / H100.flops["f16"])


def test_architectures_parse_with_their_features() -> None:
    assert parse_arch("cuda:sm_90a").wgmma and not parse_arch("cuda:sm_90").wgmma
    assert parse_arch("cuda:sm_80").bf16 and not parse_arch("cuda:sm_80").fp8
    assert parse_arch("cuda:sm_89").fp8
    with pytest.raises(ValueError, match=r"unknown NVIDIA architecture 'cuda:gfx90a': write cuda:sm_XX"):
        parse_arch("cuda:gfx90a")
    with pytest.raises(ValueError, match=r"cuda:sm_60: pantile needs compute capability 7.0 or newer"):
        parse_arch("cuda:sm_60")


def test_the_target_says_why_it_cannot_run_here() -> None:
    from pantile.targets.registry import get_target
    target = get_target("cuda:sm_90a")
    why = target.unavailable()
    if why is None:
        pytest.skip("a CUDA GPU is present: nothing to refuse")
    assert why.startswith(("pycuda is not installed", "no usable CUDA driver or GPU"))
    with pytest.raises(RuntimeError, match=f"cannot run k on cuda:sm_90a: {why[:20]}"):
        target.launcher(artifact(32))


def test_a_target_made_to_compile_names_its_device_without_a_cuda_context(monkeypatch) -> None:
    """A compile pool's worker makes the target to compile and predict: the device's name picks the cost model's
    figures, and the driver is asked for it without retaining a context (none per worker, no GPU memory held)."""
    import sys
    import types

    from pantile.targets.cuda import context
    from pantile.targets.cuda.target import CudaTarget

    class Device:
        def __init__(self, index):
            self.index = index

        def name(self):
            return "NVIDIA H200"

        def retain_primary_context(self):
            raise AssertionError("a context was made")
    driver = types.SimpleNamespace(init=lambda: None, Device=Device)
    monkeypatch.setitem(sys.modules, "pycuda", types.SimpleNamespace(driver=driver))
    monkeypatch.setitem(sys.modules, "pycuda.driver", driver)
    monkeypatch.setattr(context, "_state", {})
    assert CudaTarget("cuda:sm_90a").cost_model.figures == KNOWN_DEVICES["H200"]
    assert context._state == {}


def test_capabilities_follow_the_architecture() -> None:
    from pantile.targets.registry import get_target
    caps = get_target("cuda:sm_90a").capabilities
    assert caps.warp_size == 32 and caps.tensor_core_shapes == ((16, 8, 16),)
    assert {"bf16", "f8e4m3"} <= caps.dtypes and "bf16" in caps.dot_dtypes
    assert caps.unsupported(dtypes=["bf16"]) is None
    old = get_target("cuda:sm_75").capabilities
    assert old.unsupported(dtypes=["bf16"]) == "dtype bf16 not in capabilities.dtypes"
    assert old.tensor_core_shapes == ()


# pantile's f16 matmul at 4096^3 on an H100 for Triton tutorial 03's configs (BLOCK_M, BLOCK_N, BLOCK_K, warps,
# stages) -> median ms, compiled for sm_90a (benchmarks/results/cuda-tensor-cores-2026-12-07.json)
H100_MATMUL_MS = {(128, 256, 64, 8, 3): 0.3375, (64, 256, 32, 4, 4): 0.3489, (128, 128, 32, 4, 4): 0.3358,
                  (128, 64, 32, 4, 4): 0.4109, (64, 128, 32, 4, 4): 0.4120, (128, 32, 32, 4, 4): 0.6569,
                  (64, 32, 32, 2, 5): 0.7906, (32, 64, 32, 2, 5): 0.7329}


def test_the_model_ranks_the_tutorial_matmul_as_the_h100_measured_it() -> None:
    """Compiled here with ptxas, no GPU: each config's prediction on an H100 ranks as pantile's measured times do
    (Spearman at least 0.8, issue 20), the largest tile runs on wgmma bounded by its f16 dots, 64x32 on mma.sync."""
    import numpy as np

    from pantile.examples.matmul import matmul_kernel
    from pantile.runtime.explain import estimate_launch, spearman
    size = 4096
    a = np.zeros((size, size), np.float16)
    args = (a, a, a, size, size, size, size, 1, size, 1, size, 1)
    reports = {cfg: estimate_launch(matmul_kernel, (size // cfg[0] * (size // cfg[1]),), args, dict(
        BLOCK_M=cfg[0], BLOCK_N=cfg[1], BLOCK_K=cfg[2], GROUP_M=8, num_warps=cfg[3], num_stages=cfg[4]),
        "cuda:sm_90a") for cfg in H100_MATMUL_MS}
    rho = spearman([r.predicted_s for r in reports.values()], list(H100_MATMUL_MS.values()))
    assert rho >= 0.8, {cfg: (r.predicted_s, H100_MATMUL_MS[cfg]) for cfg, r in reports.items()}
    big = reports[128, 256, 64, 8, 3]
    assert big.work.dot_flops == {"f16": 2.0 * size ** 3}
    assert big.bound == "compute: dot f16" and big.estimate.occupancy.limiter in ("registers", "shared memory")
    assert "dots on wgmma" in big.estimate.record
    assert "dots on mma.sync" in reports[64, 32, 32, 2, 5].estimate.record


def test_a_preview_ranks_configs_from_the_lowered_kernel_without_ptxas(monkeypatch, tmp_path) -> None:
    """The autotuner's preview (no LLVM back end, no ptxas) has the compiled kernel's shared memory and dot path;
    its register estimate comes near ptxas's, and beyond 255 it predicts spills that make 128x256 tiles at 4 warps
    slower than at 8."""
    import numpy as np

    from pantile.examples.matmul import matmul_kernel
    from pantile.runtime.explain import estimate_launch
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))      # an empty kernel cache: nothing compiled yet
    size = 4096
    a = np.zeros((size, size), np.float16)
    args = (a, a, a, size, size, size, size, 1, size, 1, size, 1)

    def report(cfg, preview):
        return estimate_launch(matmul_kernel, (size // cfg[0] * (size // cfg[1]),), args, dict(
            BLOCK_M=cfg[0], BLOCK_N=cfg[1], BLOCK_K=cfg[2], GROUP_M=8, num_warps=cfg[3], num_stages=cfg[4]),
            "cuda:sm_90a", preview=preview)
    configs = ((128, 256, 64, 8, 3), (64, 32, 32, 2, 5), (128, 256, 32, 4, 3))
    previews = {cfg: report(cfg, True) for cfg in configs}
    stored = [pickle.loads(path.read_bytes()) for path in tmp_path.rglob("object.pkl")]
    artifacts = [a for a in stored if isinstance(a, Artifact)]    # beside them, the work each estimate counted
    assert sorted((a.format, a.binary) for a in artifacts) == [("preview", b"")] * 3    # kept, and nothing compiled
    for cfg, seen in previews.items():
        compiled = report(cfg, False)
        assert seen.shared_memory == compiled.shared_memory
        assert seen.estimate.record == compiled.estimate.record          # the same dot path
        assert abs(seen.registers - compiled.registers) <= 40, (cfg, seen.registers, compiled.registers)
    spilling = previews[128, 256, 32, 4, 3]
    assert spilling.registers == 255 and spilling.bound == "cache"
    assert spilling.predicted_s > 1.5 * previews[128, 256, 64, 8, 3].predicted_s


def test_loads_copied_ahead_hide_latency_and_a_tma_store_alone_does_not() -> None:
    from pantile.targets.cuda.cost_model import pipelined
    model = CudaCostModel(H100)

    def hiding(text, key="ptx"):
        art = artifact(255)
        art.asm[key] = text
        return pipelined(art), model.occupancy(art).latency_hiding
    assert hiding("cp.async.cg.shared.global [%r1], [%rd2], 16;") == (True, 1.0)
    assert hiding("call void @llvm.nvvm.cp.async.cg.shared.global.16.s(", key="llir") == (True, 1.0)  # a preview
    assert hiding("cp.async.bulk.tensor.2d.shared::cluster.global.mbarrier::complete_tx::bytes [%r1]") == (True, 1.0)
    stored = hiding("cp.async.bulk.tensor.2d.global.shared::cta.bulk_group [%rd1, {%r1, %r2}], [%r3];")
    assert stored == (False, 0.35 + 2 * 128 / 2048)        # two programs of 4 warps at 255 registers


def test_spilled_registers_cost_their_local_memory_traffic_on_every_loop_iteration() -> None:
    from pantile.passes.analysis.work import KernelWork
    from pantile.targets.cuda.cost_model import spill_bytes
    model = CudaCostModel(H100)
    work = KernelWork(programs=512, loop_iterations=512 * 128, dot_flops={"f16": 2.0 * 4096 ** 3})
    spilling = artifact(255)
    spilling.metadata.update(spill_stores=2864, spill_loads=2352)       # 128x256x32 tiles at 4 warps (ptxas)
    assert spill_bytes(spilling, work) == (2864 + 2352) * 128 * 128 * 512
    assert spill_bytes(artifact(255), work) == 0
    est = model.estimate(spilling, (512, 1, 1), work)
    assert est.bound == "cache"
    assert est.seconds == pytest.approx(H100.launch_overhead + spill_bytes(spilling, work) / H100.l2_bandwidth)
