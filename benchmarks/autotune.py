"""Autotuning with cost-model pruning against the exhaustive search, on Triton tutorial 03's matmul and its configs.

    python benchmarks/autotune.py                                   # the GPU: cuda, 4096^3 f16, torch tensors
    python benchmarks/autotune.py --target cpu --size 256 --dtype float32 --out benchmarks/results

Each search runs in a new process with its own empty kernel cache, so each pays its compiles as a user's first
launch would (the kernel keeps compiled variants in memory, so searches in one process would share them):

  exhaustive-serial  every config benchmarked, each compiled at its benchmark (one compile worker: Triton's way)
  exhaustive         every config benchmarked, the configs compiled first on the compile pool
  pruned             the default: configs compiled on the pool, ranked by the target's cost model, the best
                     quarter (at least 2) benchmarked
  exhaustive-warm,   the same two again with the kernel cache the cold runs filled: tuning time without compiles
  pruned-warm

A search's time is the wall time of the first launch (tuning, then the launch). The pruned pick is judged by the
exhaustive search's own timings: its median over the best one's. The JSON also holds every config's predicted and
measured time and their Spearman rank correlation. Writes <out>/autotune-<target>-<date>.json.
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

# Triton tutorial 03's autotune list for CUDA: (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages), GROUP_M = 8
TUTORIAL_CONFIGS = ((128, 256, 64, 8, 3), (64, 256, 32, 4, 4), (128, 128, 32, 4, 4), (128, 64, 32, 4, 4),
                    (64, 128, 32, 4, 4), (128, 32, 32, 4, 4), (64, 32, 32, 2, 5), (32, 64, 32, 2, 5))
SEARCHES = {   # name: (benchmark every config, compile workers (None: the default), kernel cache of which search)
    "exhaustive-serial": (True, 1, None),
    "exhaustive": (True, None, None),
    "pruned": (False, None, None),
    "exhaustive-warm": (True, None, "exhaustive"),
    "pruned-warm": (False, None, "pruned"),
}
RESULTS = Path(__file__).resolve().parent / "results"


def search(args: argparse.Namespace) -> dict:
    """One search in this process (the child's side): tune, check the result, report what it saw."""
    import pantile
    from pantile.examples.matmul import matmul_kernel

    every, _, _ = SEARCHES[args.search]
    configs = [pantile.Config({"BLOCK_M": m, "BLOCK_N": n, "BLOCK_K": k, "GROUP_M": 8}, num_warps=w, num_stages=s)
               for m, n, k, w, s in TUTORIAL_CONFIGS]
    tuned = pantile.autotune(configs, key=["M", "N", "K"], prune_configs_by={"top_k": 1.0} if every else None,
                             cache_results=False)(matmul_kernel)
    size = args.size
    a, b, c, error = operands(size, args.dtype, args.target)
    strides = (size, 1, size, 1, size, 1)

    def grid(meta):
        return (pantile.cdiv(size, meta["BLOCK_M"]) * pantile.cdiv(size, meta["BLOCK_N"]),)

    with pantile.target(args.target):
        start = time.perf_counter()
        tuned[grid](a, b, c, size, size, size, *strides)
        relative_error = error()     # waits for the launch
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "bench_seconds": tuned.bench_time, "best": configs.index(tuned.best_config),
            "relative_error": relative_error,
            "measured_ms": {configs.index(k): v[0] for k, v in tuned.configs_timings.items()},
            "predicted_ms": {configs.index(k): v * 1e3 for k, v in tuned.configs_predicted.items()}}


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


def spearman(xs: list, ys: list) -> float:
    """Spearman's rank correlation of two equally long lists (ties get their mean rank)."""
    def ranks(v):
        order = sorted(range(len(v)), key=v.__getitem__)
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((p - mx) * (q - my) for p, q in zip(rx, ry))
    norm = (sum((p - mx) ** 2 for p in rx) * sum((q - my) ** 2 for q in ry)) ** 0.5
    return cov / norm if norm else float("nan")


def run_all(args: argparse.Namespace) -> dict:
    """Every search in its own process, then the comparison."""
    runs, caches = {}, {}
    with tempfile.TemporaryDirectory() as root:
        for name, (_, workers, warm_from) in SEARCHES.items():
            cache = caches[warm_from] if warm_from else os.path.join(root, name)
            caches[name] = cache
            env = {**os.environ, "PANTILE_CACHE_DIR": cache}
            if workers is not None:
                env["PANTILE_COMPILE_WORKERS"] = str(workers)
            command = [sys.executable, __file__, "--search", name, "--target", args.target, "--size",
                       str(args.size), "--dtype", args.dtype]
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"search {name} failed:\n{done.stderr}")
            runs[name] = json.loads(done.stdout.splitlines()[-1])
            print(f"{name:18s} {runs[name]['seconds']:8.2f} s  best config {runs[name]['best']}", flush=True)
    exhaustive, pruned = runs["exhaustive"], runs["pruned"]
    measured = {int(k): v for k, v in exhaustive["measured_ms"].items()}
    predicted = {int(k): v for k, v in pruned["predicted_ms"].items()}
    best = min(measured, key=measured.get)
    common = sorted(set(measured) & set(predicted))
    summary = {
        "pick_over_best": measured[pruned["best"]] / measured[best],
        "time_over_exhaustive_serial": pruned["seconds"] / runs["exhaustive-serial"]["seconds"],
        "time_over_exhaustive": pruned["seconds"] / exhaustive["seconds"],
        "warm_time_over_exhaustive_warm": runs["pruned-warm"]["seconds"] / runs["exhaustive-warm"]["seconds"],
        "benchmarked_by_pruned": sorted(int(k) for k in pruned["measured_ms"]),
        "spearman_predicted_measured": spearman([predicted[i] for i in common], [measured[i] for i in common]),
    }
    summary["within_5_percent"] = summary["pick_over_best"] <= 1.05
    summary["at_most_a_third_of_exhaustive_serial"] = summary["time_over_exhaustive_serial"] <= 1 / 3
    summary["at_most_a_third_of_exhaustive"] = summary["time_over_exhaustive"] <= 1 / 3
    return {"configs": [dict(zip(("BLOCK_M", "BLOCK_N", "BLOCK_K", "num_warps", "num_stages"), c))
                        for c in TUTORIAL_CONFIGS], "searches": runs, "summary": summary}


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
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--search", choices=sorted(SEARCHES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.search:
        print(json.dumps(search(args)))
        return
    started = time.time()
    results = run_all(args)
    s = results["summary"]
    print(f"pruned pick / exhaustive best: {s['pick_over_best']:.3f}; pruned time / exhaustive-serial "
          f"{s['time_over_exhaustive_serial']:.2f}, / exhaustive {s['time_over_exhaustive']:.2f}, warm "
          f"{s['warm_time_over_exhaustive_warm']:.2f}; Spearman {s['spearman_predicted_measured']:.2f}")
    today = datetime.date.today().isoformat()
    import pantile
    record = {"device": device_name(args.target), "date": today,
              "command": " ".join(["python", "benchmarks/autotune.py", *sys.argv[1:]]),
              "target": args.target, "size": args.size, "dtype": args.dtype,
              "load_average_1_5_15min": list(os.getloadavg()), "wall_seconds": time.time() - started,
              "versions": {"pantile": pantile.__version__, "python": platform.python_version()}, **results}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"autotune-{args.target.replace(':', '-')}-{today}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
