"""Autotuning with cost-model pruning against the exhaustive search, on Triton tutorial 03's matmul and its configs.

    python benchmarks/autotune.py                                   # the GPU: cuda, 4096^3 f16, torch tensors
    python benchmarks/autotune.py --space grid                      # 24 configs around the tutorial's
    python benchmarks/autotune.py --space tutorial-cuda             # the tutorial's whole CUDA list (16)
    python benchmarks/autotune.py --target cpu --size 256 --dtype float32 --out benchmarks/results

Each search runs in a new process with its own empty kernel cache, so each pays its compiles as a user's first
launch would (the kernel keeps compiled variants in memory, so searches in one process would share them):

  exhaustive-serial  every config benchmarked, each compiled at its benchmark (one compile worker: Triton's way)
  exhaustive         every config benchmarked, the configs compiled first on the compile pool
  pruned             the default: configs ranked by the target's cost model from the target's previews (no back
                     end run; on the compile pool where it starts for them), the best quarter (at least 2) compiled
                     and benchmarked
  pruned-serial      the same in one process (one compile worker): the pair of exhaustive-serial
  exhaustive-warm,   exhaustive and pruned again with the kernel cache their cold runs filled (compiles, and the
  pruned-warm        pruned search's previews): tuning time without compiles

A search's time is the wall time of the first launch (tuning, then the launch). The picks are judged by a last
process that times every config again, interleaved over 5 rounds, and keeps each one's fastest round (a single
search's timings wander on a shared machine): the pruned pick's time over the fastest config's. The JSON also holds
every config's predicted and measured times and Spearman's rank correlation of prediction and judged time. Writes
<out>/autotune-<target>-<date>.json.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pantile.examples.matmul import TUTORIAL_CONFIGS, TUTORIAL_FP8_CONFIGS

# Triton tutorial 03's autotune list for CUDA: its first 8 (f16), or (--space tutorial-cuda) the whole list, whose
# other 8 the tutorial marks as good for fp8 inputs (it tunes its f16 matmul over all 16)
TUTORIAL_CUDA_CONFIGS = TUTORIAL_CONFIGS + TUTORIAL_FP8_CONFIGS
# --space grid: 24 configs around the tutorial's (a space where a quarter is 6)
GRID_CONFIGS = tuple((m, n, k, w, 3 if k == 64 else 4) for m in (64, 128) for n in (64, 128, 256) for k in (32, 64)
                     for w in (4, 8))
SPACES = {"tutorial": TUTORIAL_CONFIGS, "tutorial-cuda": TUTORIAL_CUDA_CONFIGS, "grid": GRID_CONFIGS}
SEARCHES = {   # name: (benchmark every config, compile workers (None: the default), kernel cache of which search)
    "exhaustive-serial": (True, 1, None),
    "exhaustive": (True, None, None),
    "pruned": (False, None, None),
    "pruned-serial": (False, 1, None),
    "exhaustive-warm": (True, None, "exhaustive"),
    "pruned-warm": (False, None, "pruned"),
}
JUDGE_ROUNDS = 5
RESULTS = Path(__file__).resolve().parent / "results"


def search(args: argparse.Namespace) -> dict:
    """One search in this process (the child's side): tune, check the result, report what it saw."""
    import pantile
    from pantile.examples.matmul import matmul_kernel

    every, _, _ = SEARCHES[args.search]
    configs = space_configs(args.space)
    tuned = pantile.autotune(configs, key=["M", "N", "K"], prune_configs_by={"top_k": 1.0} if every else None,
                             cache_results=False)(matmul_kernel)
    a, b, c, error = operands(args.size, args.dtype, args.target)
    with pantile.target(args.target):
        start = time.perf_counter()
        tuned[grid(args.size)](a, b, c, *sizes(args.size))
        relative_error = error()     # waits for the launch
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "bench_seconds": tuned.bench_time, "best": configs.index(tuned.best_config),
            "relative_error": relative_error,
            "measured_ms": {configs.index(k): v[0] for k, v in tuned.configs_timings.items()},
            "predicted_ms": {configs.index(k): v * 1e3 for k, v in tuned.configs_predicted.items()}}


def judge(args: argparse.Namespace) -> dict:
    """Every config timed again, interleaved over JUDGE_ROUNDS rounds, each one's fastest round kept: what the
    searches' picks are judged by (one search's timings wander on a shared machine)."""
    import pantile
    from pantile.examples.matmul import matmul_kernel

    a, b, c, _ = operands(args.size, args.dtype, args.target)
    fastest: dict[int, float] = {}
    with pantile.target(args.target):
        for _ in range(JUDGE_ROUNDS):
            for i, config in enumerate(space_configs(args.space)):
                def launch(config=config):
                    matmul_kernel[grid(args.size)](a, b, c, *sizes(args.size), **config.all_kwargs())
                try:
                    ms = pantile.testing.do_bench(launch, quantiles=(0.5,))
                except pantile.OutOfResources:    # as the autotuner counts it: a config that cannot run
                    ms = float("inf")
                fastest[i] = min(fastest.get(i, float("inf")), ms)
    return {"ms": fastest}


def space_configs(space: str) -> list:
    """The configs of a space as pantile Configs."""
    import pantile
    return [pantile.Config({"BLOCK_M": m, "BLOCK_N": n, "BLOCK_K": k, "GROUP_M": 8}, num_warps=w, num_stages=s)
            for m, n, k, w, s in SPACES[space]]


def sizes(size: int) -> tuple:
    """M, N, K and the strides of row-major A, B and C."""
    return (size, size, size, size, 1, size, 1, size, 1)


def grid(size: int):
    """The launch grid of a config: one program per block of C."""
    return lambda meta: (-(-size // meta["BLOCK_M"]) * -(-size // meta["BLOCK_N"]),)


def operands(size: int, dtype: str, target: str):
    """A, B, C and a function giving C's largest error relative to A @ B's largest element: torch tensors on the
    GPU for a cuda target (the product in float64 there), numpy arrays otherwise."""
    import numpy as np
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size)).astype(dtype)
    b = rng.standard_normal((size, size)).astype(dtype)
    if target.startswith("cuda"):
        import torch
        ta, tb = torch.from_numpy(a).cuda(), torch.from_numpy(b).cuda()
        tc, ref = torch.empty_like(ta), ta.double() @ tb.double()
        return ta, tb, tc, lambda: float((tc.double() - ref).abs().max() / ref.abs().max())
    c, ref = np.empty_like(a), a.astype(np.float64) @ b.astype(np.float64)
    return a, b, c, lambda: float(np.abs(c - ref).max() / np.abs(ref).max())


def run_all(args: argparse.Namespace) -> dict:
    """Every search in its own process, then the comparison."""
    from pantile.runtime.explain import spearman
    runs, caches = {}, {}

    def child(*what: str) -> list:
        return [sys.executable, __file__, *what, "--target", args.target, "--size", str(args.size), "--dtype",
                args.dtype, "--space", args.space]
    with tempfile.TemporaryDirectory() as root:
        for name, (_, workers, warm_from) in SEARCHES.items():
            cache = caches[warm_from] if warm_from else os.path.join(root, name)
            caches[name] = cache
            env = {**os.environ, "PANTILE_CACHE_DIR": cache}
            if workers is not None:
                env["PANTILE_COMPILE_WORKERS"] = str(workers)
            done = subprocess.run(child("--search", name), env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"search {name} failed:\n{done.stderr}")
            runs[name] = json.loads(done.stdout.splitlines()[-1])
            print(f"{name:18s} {runs[name]['seconds']:8.2f} s  best config {runs[name]['best']}", flush=True)
        done = subprocess.run(child("--judge"), env={**os.environ, "PANTILE_CACHE_DIR": caches["exhaustive"]},
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the judging run failed:\n{done.stderr}")
        judged = {int(k): v for k, v in json.loads(done.stdout.splitlines()[-1])["ms"].items()}
    exhaustive, pruned = runs["exhaustive"], runs["pruned"]
    measured = {int(k): v for k, v in exhaustive["measured_ms"].items()}
    predicted = {int(k): v for k, v in pruned["predicted_ms"].items()}
    best = min(judged, key=judged.get)
    common = sorted(set(judged) & set(predicted))
    summary = {
        "judged_ms": judged,
        "pick_over_best": judged[pruned["best"]] / judged[best],
        "exhaustive_pick_over_best": judged[exhaustive["best"]] / judged[best],
        "pick_over_best_by_exhaustive_timings": measured[pruned["best"]] / min(measured.values()),
        "time_over_exhaustive_serial": pruned["seconds"] / runs["exhaustive-serial"]["seconds"],
        "serial_time_over_exhaustive_serial": runs["pruned-serial"]["seconds"] / runs["exhaustive-serial"]["seconds"],
        "time_over_exhaustive": pruned["seconds"] / exhaustive["seconds"],
        "warm_time_over_exhaustive_warm": runs["pruned-warm"]["seconds"] / runs["exhaustive-warm"]["seconds"],
        "benchmarked_by_pruned": sorted(int(k) for k in pruned["measured_ms"]),
        "spearman_predicted_measured": spearman([predicted[i] for i in common], [judged[i] for i in common]),
    }
    summary["within_5_percent"] = summary["pick_over_best"] <= 1.05
    summary["at_most_a_third_of_exhaustive_serial"] = summary["time_over_exhaustive_serial"] <= 1 / 3
    summary["at_most_a_third_of_exhaustive"] = summary["time_over_exhaustive"] <= 1 / 3
    summary["serial_at_most_a_third_of_exhaustive_serial"] = summary["serial_time_over_exhaustive_serial"] <= 1 / 3
    return {"configs": [dict(zip(("BLOCK_M", "BLOCK_N", "BLOCK_K", "num_warps", "num_stages"), c))
                        for c in SPACES[args.space]], "searches": runs, "summary": summary}


def device_name(target: str) -> str:
    """The device the searches ran on, as its runtime names it."""
    if target.startswith("cuda"):
        import torch
        return torch.cuda.get_device_name()
    try:
        return next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")) + f" ({os.cpu_count()} cores)"
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def main() -> None:
    """Run every search (or, with --search, one of them in this process) and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="cuda", help="the target to tune on (cuda, cpu, intel:spirv, ...)")
    parser.add_argument("--size", type=int, default=4096, help="M = N = K")
    parser.add_argument("--dtype", default="float16")
    parser.add_argument("--space", choices=sorted(SPACES), default="tutorial",
                        help="tutorial: the first 8 of tutorial 03's CUDA configs; tutorial-cuda: all 16; grid: 24 "
                             "around the first 8")
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--search", choices=sorted(SEARCHES), help=argparse.SUPPRESS)
    parser.add_argument("--judge", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.search or args.judge:
        print(json.dumps(search(args) if args.search else judge(args)))
        return
    started = time.time()
    results = run_all(args)
    s = results["summary"]
    print(f"pruned pick / exhaustive best: {s['pick_over_best']:.3f}; pruned time / exhaustive-serial "
          f"{s['time_over_exhaustive_serial']:.2f}, / exhaustive {s['time_over_exhaustive']:.2f}, serial / serial "
          f"{s['serial_time_over_exhaustive_serial']:.2f}, warm {s['warm_time_over_exhaustive_warm']:.2f}; "
          f"Spearman {s['spearman_predicted_measured']:.2f}")
    today = datetime.date.today().isoformat()
    import pantile
    record = {"device": device_name(args.target), "date": today,
              "command": " ".join(["python", "benchmarks/autotune.py", *sys.argv[1:]]),
              "target": args.target, "size": args.size, "dtype": args.dtype, "space": args.space,
              "cpus": os.cpu_count(), "load_average_1_5_15min": list(os.getloadavg()),
              "wall_seconds": time.time() - started,
              "versions": {"pantile": pantile.__version__, "python": platform.python_version()}, **results}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    space = "" if args.space == "tutorial" else f"-{args.space}"
    path = out / f"autotune-{args.target.replace(':', '-')}{space}-{today}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
