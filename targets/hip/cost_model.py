"""Predicted kernel time from the architecture table: a roofline scaled by how many waves fit per SIMD
(vector registers from the code object's notes, LDS, the wave limit) and how much of the chip the grid fills."""
from __future__ import annotations

import math

from pantile.targets.base import Artifact, CostModel

from .arch import ArchInfo


def waves_per_simd(info: ArchInfo, waves_per_program: int, vgprs: int, lds_bytes: int) -> int:
    """Waves one SIMD holds at once for programs of `waves_per_program` waves."""
    limit = info.max_waves_per_simd
    if vgprs:
        granule = 8
        limit = min(limit, info.vgprs_per_lane // (math.ceil(vgprs / granule) * granule))
    if lds_bytes:
        per_cu = info.lds_bytes // lds_bytes                   # programs one CU's LDS holds
        limit = min(limit, per_cu * waves_per_program // info.simds_per_cu)
    return max(0, limit)


class AmdgpuCostModel(CostModel):
    """max(bytes / bandwidth, flops / peak), divided by the fraction of the chip kept busy."""

    def __init__(self, info: ArchInfo) -> None:
        self.info = info

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds for one launch of `artifact` on `grid`."""
        info = self.info
        waves = max(1, artifact.num_warps)
        vgprs = artifact.metadata.get("vgpr_count", 0) + artifact.metadata.get("agpr_count", 0)
        occ = waves_per_simd(info, waves, vgprs, artifact.shared_memory)
        if occ == 0:
            return math.inf
        resident = max(1, occ * info.simds_per_cu // waves) * info.compute_units
        fill = min(1.0, math.prod(grid) / resident)
        efficiency = fill * min(1.0, 0.35 + occ / info.max_waves_per_simd)   # latency hidden from about half
        peak = info.flops.get(artifact.metadata.get("dot_dtype", "f32"), info.flops["f32"])
        work = max(bytes_moved / info.bandwidth, flops / peak)
        return info.launch_overhead + work / max(efficiency, 1e-3)
