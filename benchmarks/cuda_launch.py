"""Host time of one warm launch on a CUDA GPU: pantile beside Triton, in one process.

    python benchmarks/cuda_launch.py [--out FILE.json] [--label NAME]

A kernel that does almost nothing is launched LAUNCHES times back to back and the
wall time is divided by the count: the GPU finishes each launch long before the
host issues the next, so the figure is the host's cost of a launch (argument
binding, the driver call). One tensor and six tensors (layer norm's signature),
medians of REPEATS, pantile and Triton interleaved.
"""
from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import triton
import triton.language as tl

import pantile
import pantile.language as pl

LAUNCHES, REPEATS = 5000, 7


@pantile.jit
def pantile_one(x_ptr, n, BLOCK: pl.constexpr):
    """Adds one to the first n elements (n is 1 in the benchmark)."""
    offs = pl.arange(0, BLOCK)
    pl.store(x_ptr + offs, pl.load(x_ptr + offs, mask=offs < n) + 1.0, mask=offs < n)


@triton.jit
def triton_one(x_ptr, n, BLOCK: tl.constexpr):
    """The same kernel, for Triton."""
    offs = tl.arange(0, BLOCK)
    tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) + 1.0, mask=offs < n)


@pantile.jit
def pantile_six(a, b, c, d, e, f, stride, n, eps, BLOCK: pl.constexpr):
    """Layer norm's argument list; touches one element."""
    offs = pl.arange(0, BLOCK)
    pl.store(a + offs, pl.load(b + offs, mask=offs < n) + eps, mask=offs < n)


@triton.jit
def triton_six(a, b, c, d, e, f, stride, n, eps, BLOCK: tl.constexpr):
    """The same kernel, for Triton."""
    offs = tl.arange(0, BLOCK)
    tl.store(a + offs, tl.load(b + offs, mask=offs < n) + eps, mask=offs < n)


def per_launch_us(launch) -> float:
    """Median microseconds of host time per launch over REPEATS runs of LAUNCHES launches."""
    launch()
    torch.cuda.synchronize()
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(LAUNCHES):
            launch()
        runs.append((time.perf_counter() - start) / LAUNCHES * 1e6)
        torch.cuda.synchronize()
    return statistics.median(runs)


def main() -> None:
    """Measure both signatures for both compilers, print and record them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="JSON file to write")
    parser.add_argument("--label", default="", help="a name for the pantile tree measured (e.g. old, new)")
    args = parser.parse_args()
    xs = [torch.zeros(1024, device="cuda") for _ in range(6)]
    cases = {
        "one_tensor": {"pantile": lambda: pantile_one[(1,)](xs[0], 1, BLOCK=128),
                       "triton": lambda: triton_one[(1,)](xs[0], 1, BLOCK=128)},
        "six_tensors": {"pantile": lambda: pantile_six[(1,)](*xs, 1024, 1, 1e-5, BLOCK=128),
                        "triton": lambda: triton_six[(1,)](*xs, 1024, 1, 1e-5, BLOCK=128)},
    }
    results = {}
    for name, runs in cases.items():
        us = {k: per_launch_us(fn) for k, fn in runs.items()}
        results[name] = {"us_per_launch": us, "pantile/triton": us["pantile"] / us["triton"]}
        print(f"{args.label:4s} {name:12s} pantile {us['pantile']:6.1f} us  triton {us['triton']:6.1f} us  "
              f"ratio {us['pantile'] / us['triton']:.2f}", flush=True)
    if args.out:
        record = {"device": torch.cuda.get_device_name(), "date": datetime.date.today().isoformat(),
                  "command": " ".join([sys.executable] + sys.argv), "label": args.label,
                  "versions": {"torch": torch.__version__, "triton": triton.__version__},
                  "launches": LAUNCHES, "repeats": REPEATS, "results": results}
        Path(args.out).write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
