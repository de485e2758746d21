"""Cost model of apple:spirv from nominal figures of the adapter kind: a CPU rasteriser (lavapipe, llvmpipe),
whose workgroups run on host threads, or a GPU (an M-series table is still to come, issue 19 item 5)."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pantile.targets.base import Artifact, CostModel
from pantile.targets.cost import Estimate, Machine, Occupancy, estimate, host_core_rates

from .device import AdapterInfo

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork

LAUNCH_OVERHEAD_S = 50e-6
# (bytes/s, FLOP/s): a CPU adapter, a GPU adapter
CPU_FIGURES = (10e9, 50e9)
GPU_FIGURES = (200e9, 5e12)
GPU_UNITS = 10                     # an M1's GPU cores; the figures are per chip
HOST_HZ = 2.5e9                    # a CPU adapter runs on the host's cores, at the host's fitted rates
PROGRAM_OVERHEAD_S = {True: 5e-6, False: 0.5e-6}   # a workgroup's dispatch: CPU adapter, GPU adapter


class RooflineModel(CostModel):
    """Waves of workgroups over the adapter's units, each bounded by its compute or memory roof."""

    def __init__(self, adapter: AdapterInfo) -> None:
        self.cpu = "llvmpipe" in adapter.name.lower() or adapter.backend == "none"
        self.bandwidth, self.peak = CPU_FIGURES if self.cpu else GPU_FIGURES
        self.adapter = adapter

    def machine(self) -> Machine:
        """Nominal figures split over the adapter's units (host cores for a CPU adapter)."""
        units = (os.cpu_count() or 1) if self.cpu else GPU_UNITS
        flops = self.peak / units
        rates = host_core_rates(HOST_HZ) if self.cpu else {
            "dot:f32": flops / 2, "flops": flops / 2, "int": flops / 2, "move": flops / 2, "special": flops / 32,
            "scalar": flops / 16}
        return Machine(name="apple", units=units, rates=rates, cache_bandwidth=2 * self.bandwidth,
                       memory_bandwidth=self.bandwidth, cache_bytes=8 << 20, launch_overhead=LAUNCH_OVERHEAD_S,
                       program_overhead=PROGRAM_OVERHEAD_S[self.cpu], iteration_overhead=10e-9,
                       record=f"nominal figures of a {'CPU' if self.cpu else 'GPU'} adapter ({self.adapter.name}): "
                              f"{self.bandwidth / 1e9:.0f} GB/s, {self.peak / 1e9:.0f} GFLOP/s; not measured")

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """Waves of workgroups, one resident per unit."""
        return estimate(work, self.machine(), Occupancy(1, 1.0, "one workgroup per unit (nominal)"))

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float, flops: float) -> float:
        """Seconds one launch is expected to take."""
        return LAUNCH_OVERHEAD_S + max(bytes_moved / self.bandwidth, flops / self.peak)
