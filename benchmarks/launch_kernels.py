"""The kernels and the timing loop of the warm-launch benchmarks (cpu_launch.py, cuda_launch.py): a kernel that does
almost nothing, so that many launches back to back time the host's cost of a launch."""
from __future__ import annotations

import argparse
import time
from typing import Callable

import pantile
import pantile.language as pl


@pantile.jit
def pantile_one(x_ptr, n, BLOCK: pl.constexpr):
    """Adds one to the first n elements (n is 1 in the benchmarks: a launch adds one to x[0])."""
    offs = pl.arange(0, BLOCK)
    pl.store(x_ptr + offs, pl.load(x_ptr + offs, mask=offs < n) + 1.0, mask=offs < n)


@pantile.jit
def pantile_six(a, b, c, d, e, f, stride, n, eps, BLOCK: pl.constexpr):
    """Layer norm's argument list (six tensors, three scalars); stores a[0] = b[0] + eps."""
    offs = pl.arange(0, BLOCK)
    pl.store(a + offs, pl.load(b + offs, mask=offs < n) + eps, mask=offs < n)


def per_launch_us(launch: Callable[[], object], count: int, clock: Callable[[], float] = time.perf_counter,
                  finish: Callable[[], object] = lambda: None) -> float:
    """Microseconds of `clock` per launch over `count` launches back to back, `finish` (a device
    synchronisation) included."""
    start = clock()
    for _ in range(count):
        launch()
    finish()
    return (clock() - start) / count * 1e6


def launch_arguments(doc: str, stem: str, launches: int, repeats: int,
                     flags: tuple[tuple[str, str], ...] = ()) -> argparse.Namespace:
    """The command line of a warm-launch benchmark (`doc` its help): --out, --label, --launches, --repeats, and
    the benchmark's own `flags` (name, help) that are on or off."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help=f"JSON file to write (default: benchmarks/results/{stem}-<date>.json)")
    parser.add_argument("--label", default="", help="a name for the pantile tree measured (e.g. old, new)")
    parser.add_argument("--launches", type=int, default=launches, help=f"launches per run (default {launches})")
    parser.add_argument("--repeats", type=int, default=repeats, help=f"runs of each entry (default {repeats})")
    for name, text in flags:
        parser.add_argument(name, action="store_true", help=text)
    return parser.parse_args()
