"""Host time of one warm launch on the CPU target: the @jit path every target shares (binding, specialization key,
target choice, the shared launcher) plus one call into the kernel's object code.

    python benchmarks/cpu_launch.py [--out FILE.json] [--label NAME] [--launches N] [--repeats R]

The kernels of cuda_launch.py (one tensor; six tensors and three scalars, layer norm's signature) on numpy arrays,
each program touching one element. Both clocks are reported: the thread's CPU time (what the launch costs this
thread, steadier on a shared machine) and wall time; the lowest and the median of REPEATS runs of LAUNCHES
launches, the two kernels interleaved. Writes benchmarks/results/cpu-launch-<date>.json unless --out says where.
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from launch_kernels import launch_arguments, pantile_one, pantile_six, per_launch_us
from records import host_fields, write_record


def main() -> None:
    """Measure both kernels, print and record the figures."""
    args = launch_arguments(__doc__, "cpu-launch", launches=2000, repeats=40)
    x = np.zeros(1024, np.float32)
    ys = [np.zeros(1024, np.float32) for _ in range(6)]
    cases = {"one_tensor": lambda: pantile_one[(1,)](x, 1, BLOCK=128),
             "six_tensors": lambda: pantile_six[(1,)](*ys, 1024, 1, 1e-5, BLOCK=128)}
    clocks = {"thread_cpu": time.thread_time, "wall": time.perf_counter}
    runs: dict = {(case, clock): [] for case in cases for clock in clocks}
    for launch in cases.values():
        launch()    # compiled before timing
    for _ in range(args.repeats):
        for case, launch in cases.items():
            for clock, read in clocks.items():
                runs[case, clock].append(per_launch_us(launch, args.launches, read))
    if x[0] != 1 + 2 * args.repeats * args.launches or x[1] != 0 or ys[0][0] != np.float32(1e-5):
        raise RuntimeError(f"the kernels did not run as launched: x[:2] is {x[:2]}, six's a[0] is {ys[0][0]}")
    results = {case: {clock: {"min_us": min(runs[case, clock]), "median_us": statistics.median(runs[case, clock])}
                      for clock in clocks} for case in cases}
    for case, figures in results.items():
        print(f"{args.label:4s} {case:12s} " + "  ".join(f"{clock} min {f['min_us']:6.2f} us median "
                                                         f"{f['median_us']:6.2f} us" for clock, f in figures.items()))
    write_record({**host_fields(), "label": args.label, "launches": args.launches, "repeats": args.repeats,
                  "results": results}, args.out, "cpu-launch")


if __name__ == "__main__":
    main()
