"""The AMD cost model from the architecture table: a roofline of the chip's bandwidth and matrix/vector peaks,
scaled by the waves that fit per SIMD (registers from the code object's notes, LDS)."""
import math

import pytest

from pantile.targets.base import Artifact
from pantile.targets.hip.arch import ARCHS
from pantile.targets.hip.cost_model import AmdgpuCostModel, waves_per_simd


def _artifact(vgprs: int = 32, lds: int = 0, dtype: str = "f32") -> Artifact:
    return Artifact("hip:gfx942", "k", "hsaco", b"", (), num_warps=4, shared_memory=lds,
                    metadata={"vgpr_count": vgprs, "dot_dtype": dtype})


def test_a_full_chip_streaming_kernel_runs_at_the_hbm_bandwidth():
    model = AmdgpuCostModel(ARCHS["gfx942"])
    seconds = model.predict(_artifact(), (304 * 64, 1, 1), bytes_moved=5.3e9)
    assert math.isclose(seconds - ARCHS["gfx942"].launch_overhead, 1e-3, rel_tol=0.01)


def test_registers_and_lds_limit_the_waves_per_simd():
    info = ARCHS["gfx942"]
    assert waves_per_simd(info, 4, 32, 0) == 8
    assert waves_per_simd(info, 4, 256, 0) == 2
    assert waves_per_simd(info, 4, 32, 64 * 1024) == 1
    assert AmdgpuCostModel(info).predict(_artifact(lds=128 * 1024), (1, 1, 1)) == math.inf


def test_matrix_dtypes_use_the_matrix_peak():
    model = AmdgpuCostModel(ARCHS["gfx942"])
    grid, flops = (304 * 64, 1, 1), 1e12
    assert model.predict(_artifact(dtype="f16"), grid, flops=flops) < model.predict(_artifact(), grid, flops=flops) / 5
    fp8, f16 = (model.predict(_artifact(dtype=d), grid, flops=flops) - model.info.launch_overhead
                for d in ("f8e4b8", "f16"))
    assert fp8 == pytest.approx(f16 / 2, rel=1e-3)          # the FNUZ fp8 MFMA: twice f16's peak (2615 vs 1307)
