"""Roofline cost model of apple:spirv from nominal figures of the adapter: a CPU rasteriser (lavapipe,
llvmpipe) or a GPU. Measured bandwidth and an M-series table are still to come (issue 19, item 5)."""
from __future__ import annotations

from pantile.targets.base import Artifact, CostModel

from .device import AdapterInfo

LAUNCH_OVERHEAD_S = 50e-6
# (bytes/s, FLOP/s): a CPU adapter, a GPU adapter
CPU_FIGURES = (10e9, 50e9)
GPU_FIGURES = (200e9, 5e12)


class RooflineModel(CostModel):
    """max(bytes / bandwidth, flops / peak) plus the launch overhead."""

    def __init__(self, adapter: AdapterInfo) -> None:
        cpu = "llvmpipe" in adapter.name.lower() or adapter.backend == "none"
        self.bandwidth, self.peak = CPU_FIGURES if cpu else GPU_FIGURES

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float, flops: float) -> float:
        """Seconds one launch is expected to take."""
        return LAUNCH_OVERHEAD_S + max(bytes_moved / self.bandwidth, flops / self.peak)
