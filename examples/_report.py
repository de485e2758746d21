"""Shared by the examples: time a launch and print the throughput."""
from __future__ import annotations

import os
from typing import Callable

import pantile


def report(name: str, run: Callable[[], object], *, bytes_moved: float = 0.0, flops: float = 0.0) -> float:
    """Print the mean time of `run` and its GB/s or GFLOP/s; return milliseconds."""
    ms = pantile.testing.do_bench(run, warmup=20, rep=100)
    target = os.environ.get("PANTILE_TARGET", "cpu")
    rate = f"{bytes_moved / ms / 1e6:.1f} GB/s" if bytes_moved else f"{flops / ms / 1e6:.1f} GFLOP/s"
    print(f"{name} on {target}: verified against numpy; {ms:.3f} ms, {rate}")
    return ms
