"""Cost model of the host: programs run one at a time on each worker thread (targets/cpu/launcher.py), so a
launch is waves of programs over the threads; memory bandwidth is measured once and cached on disk, the cache
size read from sysfs, the clock from /proc/cpuinfo, and the cycles per operation of pantile's generated code are
the fitted host figures of targets/cost.py."""
from __future__ import annotations

import json
import math
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from pantile.targets.base import Artifact, CostModel
from pantile.targets.cost import (HOST_CACHE_BYTES_PER_CYCLE, HOST_ITERATION_CYCLES, HOST_PROGRAM_CYCLES, Estimate,
                                  Machine, Occupancy, estimate, host_core_rates)

from .launcher import thread_count, worker_count

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork

LAUNCH_OVERHEAD_S = 10e-6
THREAD_START_S = 20e-6
FLOPS_PER_CYCLE_PER_CORE = 32.0    # two 8-wide FMA units (AVX2), counting a multiply-add as 2
ASSUMED_GHZ = 2.5
ASSUMED_CACHE = 8 << 20


def _cache_file() -> Path:
    root = os.environ.get("PANTILE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pantile")
    return Path(root) / "cpu_roofline.json"


def _measure_bandwidth() -> float:
    """Bytes per second of one large copy (read + write), best of three."""
    src = np.ones(8 << 20, np.float32)
    dst = np.empty_like(src)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        np.copyto(dst, src)
        best = min(best, time.perf_counter() - t)
    return 2 * src.nbytes / best


def _clock_ghz() -> float:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                return float(line.split(":")[1]) / 1e3
    except (OSError, ValueError):
        pass
    return ASSUMED_GHZ


def _last_level_cache() -> int:
    """Bytes of the largest cache sysfs lists for CPU 0."""
    best = 0
    for size in Path("/sys/devices/system/cpu/cpu0/cache").glob("index*/size"):
        try:
            text = size.read_text().strip().upper()
            best = max(best, int(text.rstrip("KMG")) << {"K": 10, "M": 20, "G": 30}.get(text[-1:], 0))
        except (OSError, ValueError):
            continue
    return best or ASSUMED_CACHE


@lru_cache(maxsize=None)
def host_figures() -> dict:
    """{'bandwidth': bytes/s, 'flops': FLOP/s, 'ghz', 'cache'} of this machine, measured once and cached."""
    path = _cache_file()
    try:
        data = json.loads(path.read_text())
        if data.get("cpus") == os.cpu_count() and data["bandwidth"] > 0 and data["ghz"] > 0 and data["cache"] > 0:
            return data
    except (OSError, ValueError, KeyError, TypeError):
        pass
    ghz = _clock_ghz()
    data = {"cpus": os.cpu_count(), "bandwidth": _measure_bandwidth(), "ghz": ghz, "cache": _last_level_cache(),
            "flops": (os.cpu_count() or 1) * FLOPS_PER_CYCLE_PER_CORE * ghz * 1e9}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass
    return data


def host_machine(threads: int) -> Machine:
    """The host as `threads` units, one program at a time each."""
    fig = host_figures()
    hz = fig["ghz"] * 1e9
    cores = os.cpu_count() or 1
    return Machine(name="cpu", units=threads, rates=host_core_rates(hz),
                   cache_bandwidth=HOST_CACHE_BYTES_PER_CYCLE * hz * cores,
                   memory_bandwidth=fig["bandwidth"], cache_bytes=int(fig["cache"]),
                   launch_overhead=LAUNCH_OVERHEAD_S + (THREAD_START_S if threads > 1 else 0.0),
                   program_overhead=HOST_PROGRAM_CYCLES / hz, iteration_overhead=HOST_ITERATION_CYCLES / hz,
                   saturating_units=cores,
                   record=f"{threads} of {cores} threads at {fig['ghz']:.2f} GHz (/proc/cpuinfo); cycles per "
                          f"operation fitted to pantile's generated code (targets/cost.py); memory "
                          f"{fig['bandwidth'] / 1e9:.1f} GB/s measured once ({_cache_file()}); last-level cache "
                          f"{fig['cache'] >> 20} MiB (sysfs)")


class RooflineCostModel(CostModel):
    """Waves of programs over the worker threads, each bounded by its compute or memory roof."""

    def estimate(self, artifact: Artifact, grid: tuple[int, int, int], work: KernelWork) -> Estimate:
        """The launch's time over the threads the launcher would use for it."""
        programs = math.prod(grid)
        threads = worker_count(int(artifact.metadata.get("work", 1)), programs)
        return estimate(work, host_machine(threads), Occupancy(1, 1.0, "one program per thread"))

    def predict(self, artifact: Artifact, grid: tuple[int, int, int], bytes_moved: float = 0.0,
                flops: float = 0.0) -> float:
        """Seconds: roofline time plus launch and thread start-up."""
        fig = host_figures()
        programs = grid[0] * grid[1] * grid[2]
        threads = min(thread_count(), programs)
        # Without byte or flop counts, a program's elements are a stand-in for its traffic.
        if not bytes_moved and not flops:
            bytes_moved = 4.0 * programs * artifact.metadata.get("work", 1)
        compute = max(bytes_moved / fig["bandwidth"], flops / fig["flops"])
        return LAUNCH_OVERHEAD_S + (THREAD_START_S if threads > 1 else 0.0) + compute
