"""Predicted kernel time from the device figures and the occupancy ptxas's report implies."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from pantile.targets.base import Artifact, CostModel
from pantile.targets.cost import Estimate, Machine, Occupancy, estimate

from .arch import DeviceFigures

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork

# Fraction of the data sheet's tensor-core peak each dot path sustains: wgmma streams both operands from shared
# memory asynchronously and reaches what cuBLAS reaches, 699 of 989 TFLOP/s for an f16 4096^3 product on an H100
# SXM (measured 2026-12-07, benchmarks/results/cuda-kernels-h100-2026-12-07T1505.json: the card runs below its
# boost clock under this load); mma.sync (sm_80's path, run on Hopper) issues from registers.
PATH_EFFICIENCY = {"wgmma": 0.70, "mma.sync": 0.6}
EXCHANGE_OVERHEAD_S = 100e-9     # a barrier and a shared-memory round trip around each dot or reduction


def resident_programs(fig: DeviceFigures, threads: int, registers: int, shared_bytes: int) -> tuple[int, str]:
    """Programs of `threads` threads one SM holds at once, and what limits them."""
    limits = {"program slots": fig.max_blocks_per_sm, "threads": fig.max_threads_per_sm // max(1, threads)}
    if registers:
        per_warp = math.ceil(registers * 32 / 256) * 256          # registers are allocated per warp in 256s
        limits["registers"] = fig.registers_per_sm // (per_warp * max(1, threads // 32))
    if shared_bytes:
        limits["shared memory"] = fig.shared_per_sm // (shared_bytes + 1024)  # 1 KB reserved per program
    limiter = min(limits, key=limits.__getitem__)
    return max(0, limits[limiter]), limiter


def occupancy(fig: DeviceFigures, threads: int, registers: int, shared_bytes: int) -> float:
    """Resident threads per SM over the SM's maximum, limited by registers, shared memory and threads."""
    blocks, _ = resident_programs(fig, threads, registers, shared_bytes)
    return blocks * threads / fig.max_threads_per_sm


def instructions(artifact: Artifact) -> str:
    """The artifact's PTX, or for a preview (no PTX yet) the LLVM IR its inline assembly lies in."""
    return artifact.asm.get("ptx") or artifact.asm.get("llir", "")


def dot_path(artifact: Artifact) -> str:
    """The instructions the artifact's dots run on: 'wgmma', 'mma.sync' or 'fma'."""
    text = instructions(artifact)
    return "wgmma" if "wgmma.mma_async" in text else "mma.sync" if "mma.sync" in text else "fma"


# An asynchronous copy from global into shared memory (cp.async.cg/ca, the bulk tensor copy's load), not the bulk
# tensor store (shared into global) an epilogue may end with.
ASYNC_LOAD = re.compile(r"cp\.async[.\w]*?\.shared(::\w+)?\.global")


def pipelined(artifact: Artifact) -> bool:
    """Whether the artifact copies tiles into shared memory asynchronously, stages ahead of their use."""
    return ASYNC_LOAD.search(instructions(artifact)) is not None


def spill_bytes(artifact: Artifact, work: KernelWork) -> float:
    """Bytes the launch moves to and from local memory for the registers ptxas spilled. ptxas reports each
    thread's spill stores and loads as static byte counts; a kernel spills where most values are live, in its
    loop (a matmul's accumulator), so they run on each loop iteration. Local memory is per thread, private to
    the program's SM; what does not stay in its L1 (shared memory takes most of it) goes through L2."""
    per_thread = artifact.metadata.get("spill_stores", 0) + artifact.metadata.get("spill_loads", 0)
    if not per_thread:
        return 0.0
    runs = max(1.0, work.per_program(work.loop_iterations))
    return float(per_thread) * artifact.num_warps * 32 * runs * max(1, work.programs)


class CudaCostModel(CostModel):
    """Waves of programs over the SMs, each bounded by its compute (tensor cores, FMA, SFU) or memory roof."""

    def __init__(self, figures: DeviceFigures) -> None:
        self.figures = figures

    def machine(self, artifact: Artifact) -> Machine:
        """The device's figures per SM, with the dot rates of the path the artifact's dots take."""
        fig = self.figures
        sms = fig.sm_count
        path = dot_path(artifact)
        rates = {"flops": fig.flops["f32"] / sms, "special": fig.special_per_s / sms, "int": fig.int_per_s / sms,
                 "move": fig.int_per_s / sms, "scalar": fig.int_per_s / 32 / sms}
        for dtype, peak in fig.flops.items():
            rates["dot:" + dtype] = peak / sms
        rates["dot:tf32"] = fig.flops["f32"] / sms
        if path != "fma":
            for dtype, peak in fig.tensor_flops.items():
                rates["dot:" + dtype] = peak * PATH_EFFICIENCY[path] / sms
        # wgmma is asynchronous: the tensor cores multiply while the warps compute addresses and issue copies
        asynchronous = frozenset(k for k in rates if k.startswith("dot:")) if path == "wgmma" else frozenset()
        return Machine(name="cuda", units=sms, rates=rates, cache_bandwidth=fig.l2_bandwidth,
                       memory_bandwidth=fig.bandwidth, cache_bytes=fig.l2_bytes,
                       launch_overhead=fig.launch_overhead, program_overhead=1e-6, iteration_overhead=20e-9,
                       exchange_overhead=EXCHANGE_OVERHEAD_S, asynchronous=asynchronous,
                       record=f"data-sheet figures of {sms} SMs, {fig.bandwidth / 1e12:.2f} TB/s; dots on {path} "
                              f"at {PATH_EFFICIENCY.get(path, 1.0):.0%} of peak")

    def occupancy(self, artifact: Artifact) -> Occupancy:
        """Resident programs per SM from the threads, ptxas's registers and the shared memory."""
        fig = self.figures
        threads = artifact.num_warps * 32
        blocks, limiter = resident_programs(fig, threads, artifact.metadata.get("registers", 0),
                                            artifact.shared_memory)
        fraction = blocks * threads / fig.max_threads_per_sm
        # memory latency is hidden from about half occupancy on; a loop whose copies are issued stages ahead
        # (cp.async, the bulk tensor copies) has the next tiles in flight while it computes, whatever its occupancy
        hiding = 1.0 if pipelined(artifact) else min(1.0, 0.35 + fraction)
        return Occupancy(blocks, fraction, limiter, latency_hiding=hiding)

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """The launch's time by waves over the SMs, with the local-memory traffic of ptxas's spills."""
        return estimate(work, self.machine(artifact), self.occupancy(artifact), spill_bytes(artifact, work))

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds for one launch of `artifact` on `grid` from totals of bytes and FLOPs."""
        fig = self.figures
        threads = artifact.num_warps * 32
        occ = occupancy(fig, threads, artifact.metadata.get("registers", 0), artifact.shared_memory)
        if occ == 0:
            return math.inf
        programs = math.prod(grid)
        resident = max(1, round(occ * fig.max_threads_per_sm / threads)) * fig.sm_count
        fill = min(1.0, programs / resident)
        efficiency = fill * min(1.0, 0.35 + occ)
        dtype = artifact.metadata.get("dot_dtype", "f32")
        peak = fig.flops.get(dtype, fig.flops["f32"])
        work = max(bytes_moved / fig.bandwidth, flops / peak)
        return fig.launch_overhead + work / max(efficiency, 1e-3)
