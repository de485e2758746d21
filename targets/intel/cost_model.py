"""Cost model of an OpenCL device: peak FLOP/s from compute units and clock, bandwidth measured once per device."""
from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import numpy as np

from pantile.ir import PointerType, f32
from pantile.targets.base import Artifact, ArgSpec, CostModel
from pantile.targets.cost import (HOST_CYCLES_PER_TRANSCENDENTAL, HOST_ITERATION_CYCLES, Estimate, Machine, Occupancy,
                                  estimate, host_core_rates)
from pantile.targets.cache_dir import cache_root, make_folder, remove, warn_uncached
from pantile.targets.spirv.module import OPENCL_DATA_LAYOUT, OPENCL_TRIPLE, emit_spirv, validate_spirv

from . import ARCH
from .device import DeviceInfo, OpenCLRuntime

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork

COPY_ELEMENTS = 1 << 22          # 16 MiB each way: large enough to leave the caches of a CPU
LAUNCH_OVERHEAD_S = 20e-6
GPU_LANES_PER_CU = 8             # GPUs report a native vector width of 1; an Intel Xe vector engine has 8 f32 lanes
DOT_EFFICIENCY = 0.25            # of a GPU's FMA peak a dot's generated code reaches
SPECIAL_PER_LANE_CLOCK = 0.06    # a GPU's exp, log ... results per lane per clock (a polynomial of ~15 operations)
CACHE_BYTES_PER_CU_CLOCK = 16.0
CPU_CACHE = 32 << 20             # a CPU device's last-level cache (OpenCL reports only per-CU caches)
GPU_CACHE = 4 << 20
PROGRAM_OVERHEAD_S = 2e-6        # a work-group's dispatch on a GPU
# On a CPU device Intel's runtime runs a work-group's work-items as SIMD lanes of host threads. Its code for
# pantile's SIMT lowering (each work-item's share of a block, address arithmetic per element, local-memory
# exchanges) costs about this many cycles per block element operation, fitted (non-negative least squares) to
# the process time of 28 matmul launches (tiles 8 to 64, 1 to 4 warps, 128^3 and 176^3) timed at real-time
# priority on this machine's 2-core EPYC; dots, loop iterations, programs and barriers added nothing the fit
# could separate from it. Rank correlation of the fit with those times: 0.86.
CPU_DEVICE_CYCLES_PER_ELEMENT = 2.95

COPY_KERNEL = f"""
target datalayout = "{OPENCL_DATA_LAYOUT}"
target triple = "{OPENCL_TRIPLE}"
declare spir_func i64 @_Z13get_global_idj(i32)
define spir_kernel void @pantile_copy(ptr addrspace(1) %src, ptr addrspace(1) %dst) {{
  %i = call spir_func i64 @_Z13get_global_idj(i32 0)
  %p = getelementptr <4 x float>, ptr addrspace(1) %src, i64 %i
  %v = load <4 x float>, ptr addrspace(1) %p, align 16
  %q = getelementptr <4 x float>, ptr addrspace(1) %dst, i64 %i
  store <4 x float> %v, ptr addrspace(1) %q, align 16
  ret void
}}
"""


def host_clock_mhz() -> int:
    """The host CPU's clock from /proc/cpuinfo (Intel's CPU runtime reports 0), or 0."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return int(float(line.split(":")[1]))
    except (OSError, ValueError):
        pass
    return 0


def measure_bandwidth(rt: OpenCLRuntime, launch: Callable[[Artifact, tuple, list], None]) -> float:
    """Bytes per second of a device-to-device copy, best of three runs."""
    binary = emit_spirv(ARCH, COPY_KERNEL)
    validate_spirv(ARCH, binary, COPY_KERNEL)
    artifact = Artifact(target=ARCH, kernel_name="pantile_copy", format="spirv", binary=binary,
                        args=(ArgSpec("src", PointerType(f32)), ArgSpec("dst", PointerType(f32), writes=True)),
                        metadata={"local_size": 64})
    cl = rt.cl
    n = COPY_ELEMENTS
    src = cl.array.to_device(rt.queue, np.ones(n, np.float32))
    dst = cl.array.empty(rt.queue, n, np.float32)
    grid = (n // 4 // 64, 1, 1)
    launch(artifact, grid, [src, dst])
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        launch(artifact, grid, [src, dst])
        best = min(best, time.perf_counter() - start)
    return 2 * 4 * n / best


@dataclass
class DeviceFigures:
    """The hardware figures the cost model needs."""

    peak_flops: float
    bandwidth: float


def device_figures(info: DeviceInfo, measure: Callable[[], float], env: Optional[dict] = None) -> DeviceFigures:
    """Peak FLOP/s from the device description and the bandwidth, measured once per device and cached on disk."""
    env = os.environ if env is None else env
    clock = info.clock_mhz or host_clock_mhz()
    lanes = info.native_float_width if not info.is_gpu else GPU_LANES_PER_CU
    peak = info.compute_units * clock * 1e6 * lanes * 2   # one f32 FMA per lane and clock
    root = cache_root(env)
    path = root / "devices" / "opencl-bandwidth.json"
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    if not isinstance(known.get(info.key), (int, float)):
        known[info.key] = measure()
        try:
            make_folder(root, path.parent)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(known, indent=1, sort_keys=True))
            if path.is_dir():   # a folder in the way would stop the replace
                remove(path)
            tmp.replace(path)
        except OSError as err:   # measured again by the next process
            warn_uncached(root, err)
    return DeviceFigures(peak, float(known[info.key]))


class OpenCLCostModel(CostModel):
    """Roofline time per wave of work-groups over the device's compute units, plus launch overhead."""

    def __init__(self, info: DeviceInfo, figures: Callable[[], DeviceFigures]) -> None:
        self.info = info
        self._figures = figures
        self._cached: Optional[DeviceFigures] = None

    @property
    def figures(self) -> DeviceFigures:
        """Measured on first use, so creating the target costs nothing."""
        if self._cached is None:
            self._cached = self._figures()
        return self._cached

    def machine(self, artifact: Artifact) -> Machine:
        """The device's compute units: a CPU device at the host's fitted rates, a GPU from its clock and vector
        width; bandwidth as measured."""
        fig, info = self.figures, self.info
        cus = info.compute_units
        local = int(artifact.metadata.get("local_size", 1))
        if info.is_gpu:
            peak = fig.peak_flops / cus                       # FMA FLOP/s of one compute unit
            lanes = peak / 2
            hz = lanes / GPU_LANES_PER_CU
            rates = {"dot:f32": peak * DOT_EFFICIENCY, "flops": lanes, "int": lanes, "move": lanes,
                     "special": lanes * SPECIAL_PER_LANE_CLOCK, "scalar": hz}
            kind, cache, program, iteration = "GPU", GPU_CACHE, PROGRAM_OVERHEAD_S, HOST_ITERATION_CYCLES / hz
        else:
            hz = (info.clock_mhz or host_clock_mhz() or 2500) * 1e6
            elements = hz / CPU_DEVICE_CYCLES_PER_ELEMENT
            rates = {**host_core_rates(hz), "flops": elements, "int": elements, "move": elements,
                     "special": hz / (HOST_CYCLES_PER_TRANSCENDENTAL + CPU_DEVICE_CYCLES_PER_ELEMENT)}
            kind = ("CPU (Intel's OpenCL CPU runtime: work-groups run on host threads; cycles per element fitted "
                    "on this machine, targets/intel/cost_model.py)")
            cache, program, iteration = CPU_CACHE, 0.0, 0.0      # the fit found none beyond the elements
        return Machine(name="intel", units=cus, rates=rates, cache_bandwidth=CACHE_BYTES_PER_CU_CLOCK * hz * cus,
                       memory_bandwidth=fig.bandwidth, cache_bytes=cache, launch_overhead=LAUNCH_OVERHEAD_S,
                       program_overhead=program, iteration_overhead=iteration,
                       record=f"{info.name}, a {kind}: {cus} compute units, work-groups of {local} work-items, "
                              f"{fig.bandwidth / 1e9:.1f} GB/s measured once")

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """Waves of work-groups over the compute units, one resident per unit on a CPU device."""
        info = self.info
        local = int(artifact.metadata.get("local_size", 1))
        if info.is_gpu:
            per_cu = max(1, min(8, info.max_work_group_size // max(1, local)))
            occ = Occupancy(per_cu, min(1.0, per_cu * local / info.max_work_group_size), "work-group slots")
        else:
            occ = Occupancy(1, 1.0, "one work-group per CPU thread")
        return estimate(work, self.machine(artifact), occ)

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds: max(compute, memory) time, stretched by the tail of the last partial wave."""
        fig = self.figures
        programs = grid[0] * grid[1] * grid[2]
        waves = math.ceil(programs / self.info.compute_units)
        utilisation = programs / (waves * self.info.compute_units)
        return LAUNCH_OVERHEAD_S + max(flops / fig.peak_flops, bytes_moved / fig.bandwidth) / utilisation
