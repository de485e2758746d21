"""The work analysis and the predictions made from it, pinned: the values in golden/work_pinned.json are what the
analysis computed at ac2a69b (before its wave measure was made faster), for the five examples and matmul configs on
cuda:sm_90a, cpu and intel:spirv. The cost model's rank correlations were measured on the H100 with those values, so
a change of speed must not change one of them (a change to the model itself rewrites the file, and says so)."""
import json
from pathlib import Path

import numpy as np
import pytest

from pantile.examples.attention import attention_kernel
from pantile.examples.layer_norm import layer_norm_kernel
from pantile.examples.matmul import matmul_kernel
from pantile.examples.softmax import softmax_kernel
from pantile.examples.vector_add import add_kernel
from pantile.runtime.explain import analyse
from pantile.targets.cost import Machine, Occupancy, estimate
from pantile.targets.registry import get_target

GOLDEN = Path(__file__).parent / "golden" / "work_pinned.json"
WAVES = (1, 2, 3, 16, 64)
FIELDS = ("programs", "loaded_bytes", "stored_bytes", "dot_flops", "flops", "transcendentals", "int_ops",
          "scalar_ops", "moved_elements", "loop_iterations", "operations", "exchanges", "segments", "footprint_bytes",
          "max_block")
# A device whose cache holds nothing: the estimate reads the wave measure (cpu and intel figures are measured)
NO_CACHE = Machine(name="pinned", units=16, rates={"flops": 1e10, "dot:f32": 4e10, "int": 1e10, "move": 1e10,
                                                   "special": 1e9, "scalar": 1e9},
                   cache_bandwidth=1e12, memory_bandwidth=2e11, cache_bytes=0, launch_overhead=5e-6,
                   program_overhead=1e-7, iteration_overhead=1e-8, exchange_overhead=1e-8)


def _matmul(size, dtype, block_m, block_n, block_k, warps, stages):
    a = np.zeros((size, size), dtype)
    meta = dict(BLOCK_M=block_m, BLOCK_N=block_n, BLOCK_K=block_k, GROUP_M=8, num_warps=warps, num_stages=stages)
    return matmul_kernel, ((size // block_m) * (size // block_n),), (a, a, a, *(size,) * 4, 1, size, 1, size, 1), meta


def _examples():
    f32 = np.float32
    x, rows = np.zeros(4000, f32), np.zeros((64, 100), f32)
    qkv = np.zeros((2, 64, 16), f32)
    return {
        "vector_add": (add_kernel, (4,), (x, x, x, 4000), {"BLOCK_SIZE": 1024}),
        "softmax": (softmax_kernel, (16,), (rows, rows, 100, 100, 64, 100), {"BLOCK_SIZE": 128}),
        "matmul": _matmul(64, f32, 32, 32, 32, 4, 3),
        "layer_norm": (layer_norm_kernel, (8,), (rows[:8], rows[:8], x[:100], x[:100], x[:8], x[:8], 100, 100, 1e-5),
                       {"BLOCK_SIZE": 128}),
        "attention": (attention_kernel, (2, 2), (qkv, qkv, qkv, qkv, 64, 0.25, 1024, 16),
                      {"HEAD_DIM": 16, "BLOCK_M": 32, "BLOCK_N": 32}),
    }


def cases():
    """name -> (target, kernel, grid, args, meta)."""
    out = {f"{name}@{target}": (target, *launch) for target in ("cuda:sm_90a", "cpu", "intel:spirv")
           for name, launch in _examples().items()}
    for config in ((64, 64, 32, 4, 4), (64, 256, 64, 8, 3), (128, 128, 32, 4, 4), (128, 256, 64, 8, 3)):
        out[f"matmul-4096-{'-'.join(map(str, config))}@cuda:sm_90a"] = ("cuda:sm_90a", *_matmul(4096, np.float16,
                                                                                                *config))
    for target in ("cpu", "intel:spirv"):
        for config in ((32, 32, 32, 4, 3), (64, 128, 32, 4, 4)):
            out[f"matmul-512-{'-'.join(map(str, config))}@{target}"] = (target, *_matmul(512, np.float32, *config))
    return out


def observed(target, kernel, grid, args, meta):
    """The work's counts, the wave measure at WAVES programs and the estimates (the target's own on cuda:sm_90a,
    whose figures are its data sheet's; the shared formula on NO_CACHE for every target)."""
    artifact, arch, grid3, work = analyse(kernel, grid, args, meta, target=target, preview=True)
    values = {name: getattr(work, name) for name in FIELDS}
    values["waves"] = [work.wave_distinct(n) for n in WAVES]
    values["estimate_no_cache"] = estimate(work, NO_CACHE, Occupancy(2, 1.0, "pinned")).seconds
    if arch.startswith("cuda"):
        values["estimate"] = get_target(arch).cost_model.estimate(artifact, grid3, work).seconds
    return values


def _close(got, want):
    if isinstance(want, dict):
        return got.keys() == want.keys() and all(_close(got[k], want[k]) for k in want)
    if isinstance(want, list):
        return len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want))
    if isinstance(want, float) or isinstance(got, float):
        return got == pytest.approx(want, rel=1e-12, abs=0)
    return got == want


@pytest.mark.parametrize("name", sorted(cases()))
def test_the_work_and_the_predictions_are_what_they_were(name):
    want = json.loads(GOLDEN.read_text())[name]
    got = json.loads(json.dumps(observed(*cases()[name])))
    assert _close(got, want), {k: (got[k], want[k]) for k in want if not _close(got[k], want[k])}
