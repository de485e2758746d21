"""Predicted kernel time from the device figures and the occupancy ptxas's report implies."""
from __future__ import annotations

import math

from pantile.targets.base import Artifact, CostModel

from .arch import DeviceFigures


def occupancy(fig: DeviceFigures, threads: int, registers: int, shared_bytes: int) -> float:
    """Resident threads per SM over the SM's maximum, limited by registers, shared memory and threads."""
    limits = [fig.max_blocks_per_sm, fig.max_threads_per_sm // max(1, threads)]
    if registers:
        per_warp = math.ceil(registers * 32 / 256) * 256          # registers are allocated per warp in 256s
        limits.append(fig.registers_per_sm // (per_warp * max(1, threads // 32)))
    if shared_bytes:
        limits.append(fig.shared_per_sm // (shared_bytes + 1024))  # 1 KB reserved per program
    blocks = max(0, min(limits))
    return blocks * threads / fig.max_threads_per_sm


class CudaCostModel(CostModel):
    """max(bytes / bandwidth, flops / peak) scaled by how much of the chip the launch can fill."""

    def __init__(self, figures: DeviceFigures) -> None:
        self.figures = figures

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds for one launch of `artifact` on `grid`."""
        fig = self.figures
        threads = artifact.num_warps * 32
        occ = occupancy(fig, threads, artifact.metadata.get("registers", 0), artifact.shared_memory)
        if occ == 0:
            return math.inf
        programs = math.prod(grid)
        resident = max(1, round(occ * fig.max_threads_per_sm / threads)) * fig.sm_count
        fill = min(1.0, programs / resident)
        # memory latency is hidden from about half occupancy on
        efficiency = fill * min(1.0, 0.35 + occ)
        dtype = artifact.metadata.get("dot_dtype", "f32")
        peak = fig.flops.get(dtype, fig.flops["f32"])
        work = max(bytes_moved / fig.bandwidth, flops / peak)
        return fig.launch_overhead + work / max(efficiency, 1e-3)
