"""Predicted kernel time from the architecture table: a roofline scaled by how many waves fit per SIMD
(vector registers from the code object's notes, LDS, the wave limit) and how much of the chip the grid fills."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pantile.targets.base import Artifact, CostModel, ValidationError
from pantile.targets.cost import Estimate, Machine, Occupancy, estimate

from .arch import ArchInfo
from .code_object import kernel_notes

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork


LDS_PER_CU_PER_CLOCK = 128       # bytes; the L2 serves about as much per CU per clock
L2_BYTES = {"gfx90a": 8 << 20, "gfx942": 256 << 20, "gfx950": 256 << 20}   # MI300's Infinity Cache as its LLC


def wave_limits(info: ArchInfo, waves_per_program: int, vgprs: int, lds_bytes: int) -> tuple[int, str]:
    """Waves one SIMD holds at once for programs of `waves_per_program` waves, and what limits them."""
    limits = {"wave slots": info.max_waves_per_simd}
    if vgprs:
        granule = 8
        limits["vector registers"] = info.vgprs_per_lane // (math.ceil(vgprs / granule) * granule)
    if lds_bytes:
        per_cu = info.lds_bytes // lds_bytes                   # programs one CU's LDS holds
        limits["LDS"] = per_cu * waves_per_program // info.simds_per_cu
    limiter = min(limits, key=limits.__getitem__)
    return max(0, limits[limiter]), limiter


def registers(artifact: Artifact) -> int:
    """Vector registers (VGPRs and AGPRs) a lane uses: from validation's metadata, else the code object's notes."""
    meta = artifact.metadata
    if "vgpr_count" not in meta and artifact.format == "hsaco":
        try:
            notes = kernel_notes(artifact.binary, artifact.kernel_name)
        except (ValidationError, OSError):   # no readelf here: registers unknown, not limiting
            return 0
        return int(notes.get(".vgpr_count", 0)) + int(notes.get(".agpr_count", 0))
    return int(meta.get("vgpr_count", 0)) + int(meta.get("agpr_count", 0))


def waves_per_simd(info: ArchInfo, waves_per_program: int, vgprs: int, lds_bytes: int) -> int:
    """Waves one SIMD holds at once for programs of `waves_per_program` waves."""
    return wave_limits(info, waves_per_program, vgprs, lds_bytes)[0]


class AmdgpuCostModel(CostModel):
    """max(bytes / bandwidth, flops / peak), divided by the fraction of the chip kept busy."""

    def __init__(self, info: ArchInfo) -> None:
        self.info = info

    def machine(self, artifact: Artifact) -> Machine:
        """The architecture table's figures per compute unit."""
        info = self.info
        cus = info.compute_units
        f32 = info.flops["f32"] / cus
        lane_ops = info.compute_units * info.simds_per_cu * 16 * info.clock_hz / cus
        rates = {"flops": f32, "special": lane_ops / 4, "int": lane_ops, "move": lane_ops,
                 "scalar": info.clock_hz, **{"dot:" + k: v / cus for k, v in info.flops.items()}}
        rates["dot:tf32"] = f32
        l2 = cus * LDS_PER_CU_PER_CLOCK * info.clock_hz
        return Machine(name="hip", units=cus, rates=rates, cache_bandwidth=max(l2, info.bandwidth),
                       memory_bandwidth=info.bandwidth, cache_bytes=L2_BYTES.get(info.name, 4 << 20),
                       launch_overhead=info.launch_overhead, program_overhead=1e-6, iteration_overhead=20e-9,
                       record=f"architecture table of {info.name} ({info.chip}): {cus} CUs, "
                              f"{info.bandwidth / 1e12:.2f} TB/s; no device here to measure")

    def occupancy(self, artifact: Artifact) -> Occupancy:
        """Programs per CU from the waves its SIMDs hold (registers from the code object's notes, LDS)."""
        info = self.info
        waves = max(1, artifact.num_warps)
        vgprs = registers(artifact)
        per_simd, limiter = wave_limits(info, waves, vgprs, artifact.shared_memory)
        programs = per_simd * info.simds_per_cu // waves
        fraction = per_simd / info.max_waves_per_simd
        return Occupancy(programs, fraction, limiter, latency_hiding=min(1.0, 0.35 + fraction))

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """The launch's time by waves over the compute units."""
        return estimate(work, self.machine(artifact), self.occupancy(artifact))

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds for one launch of `artifact` on `grid`."""
        info = self.info
        waves = max(1, artifact.num_warps)
        occ = waves_per_simd(info, waves, registers(artifact), artifact.shared_memory)
        if occ == 0:
            return math.inf
        resident = max(1, occ * info.simds_per_cu // waves) * info.compute_units
        fill = min(1.0, math.prod(grid) / resident)
        efficiency = fill * min(1.0, 0.35 + occ / info.max_waves_per_simd)   # latency hidden from about half
        peak = info.flops.get(artifact.metadata.get("dot_dtype", "f32"), info.flops["f32"])
        work = max(bytes_moved / info.bandwidth, flops / peak)
        return info.launch_overhead + work / max(efficiency, 1e-3)
