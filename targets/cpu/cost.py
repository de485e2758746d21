"""Roofline cost model of the host: memory bandwidth measured once (cached on disk), FLOP/s estimated."""
from __future__ import annotations

import json
import os
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

from pantile.targets.base import Artifact, CostModel

from .launcher import thread_count

LAUNCH_OVERHEAD_S = 10e-6
THREAD_START_S = 20e-6
FLOPS_PER_CYCLE_PER_CORE = 32.0    # two 8-wide FMA units (AVX2), counting a multiply-add as 2
ASSUMED_GHZ = 2.5


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


@lru_cache(maxsize=None)
def host_figures() -> dict:
    """{'bandwidth': bytes/s, 'flops': FLOP/s} of this machine, measured once and cached."""
    path = _cache_file()
    try:
        data = json.loads(path.read_text())
        if data.get("cpus") == os.cpu_count() and data["bandwidth"] > 0:
            return data
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = {"cpus": os.cpu_count(), "bandwidth": _measure_bandwidth(),
            "flops": (os.cpu_count() or 1) * FLOPS_PER_CYCLE_PER_CORE * ASSUMED_GHZ * 1e9}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass
    return data


class RooflineCostModel(CostModel):
    """max(bytes / bandwidth, flops / peak) plus launch and threading overhead."""

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
