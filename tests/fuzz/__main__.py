"""Long mode: `python -m tests.fuzz --n N [--targets a,b] [--seed S]` generates N kernels from seed S on, runs each
on every target, and prints the kernels per category and per dtype, the mismatches and the crashes.

Each target runs in its own worker process, so a kernel that kills the process (a signal inside a vendor's
runtime) is reported as a crash and the run goes on with the next seed in a fresh worker."""
from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Iterator, Optional, Sequence

from .generator import CATEGORIES, generate
from .runner import materialize, report, run

ROOT = Path(__file__).resolve().parents[2]
# a kernel that takes longer than this (compile and run) counts as a hang
KERNEL_TIMEOUT_S = 300


def _default_targets() -> list[str]:
    """The targets the execution tests run on (PANTILE_TEST_TARGETS, or every one that executes here)."""
    sys.path.insert(0, str(ROOT / "tests" / "execution"))    # as pytest's pythonpath setting has it
    from targets_under_test import requested_targets
    return requested_targets()


def work(arch: str, seeds: Sequence[int]) -> None:
    """The worker: one JSON line when a kernel starts and one with its outcome."""
    warnings.simplefilter("ignore")       # numpy's overflow warnings of the reference's refused candidates
    parent = os.getppid()
    for seed in seeds:
        if os.getppid() != parent:        # the long run was stopped: stop too
            return
        print(json.dumps({"start": seed}), flush=True)
        kernel = generate(seed)
        outcome = run(kernel, arch, materialize(kernel))
        line = {"seed": seed, "status": outcome.status, "features": sorted(kernel.features),
                "dtypes": sorted(kernel.dtypes)}
        if outcome.status in ("crash", "mismatch"):
            line["report"] = report(kernel, arch, outcome)
        print(json.dumps(line), flush=True)


def _watch(proc: subprocess.Popen, heard: list[float]) -> None:
    """Kill the worker when a kernel takes longer than KERNEL_TIMEOUT_S (a hang is reported as a crash)."""
    while proc.poll() is None:
        if time.monotonic() - heard[0] > KERNEL_TIMEOUT_S:
            proc.kill()
            return
        time.sleep(1)


def _worker_lines(arch: str, seeds: list[int]) -> Iterator[dict]:
    """Outcomes of `seeds` on `arch`, from workers restarted after each kernel that ends one."""
    todo = list(seeds)
    while todo:
        cmd = [sys.executable, "-m", "tests.fuzz", "--worker", arch, "--seeds", ",".join(map(str, todo))]
        # stderr goes to a file: a pipe nobody reads until the end would fill and stop the worker
        errors = tempfile.TemporaryFile(mode="w+")
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True)
        heard = [time.monotonic()]
        threading.Thread(target=_watch, args=(proc, heard), daemon=True).start()
        started: Optional[int] = None
        for raw in proc.stdout:
            heard[0] = time.monotonic()
            line = json.loads(raw)
            if "start" in line:
                started = line["start"]
                continue
            started = None
            todo.remove(line["seed"])
            yield line
        proc.wait()
        errors.seek(0)
        stderr = errors.read()
        errors.close()
        if started is None:
            if todo:
                raise RuntimeError(f"the {arch} worker stopped before seed {todo[0]}:\n{stderr[-3000:]}")
            return
        todo.remove(started)
        hung = f" (stopped: no answer within {KERNEL_TIMEOUT_S} s)" if proc.returncode == -signal.SIGKILL else ""
        kernel = generate(started)
        yield {"seed": started, "status": "crash", "features": sorted(kernel.features), "dtypes": sorted(kernel.dtypes),
               "report": f"crash on {arch}, seed {started}: the worker process ended with status {proc.returncode}{hung}\n"
                         f"{kernel.source}{stderr[-3000:]}"}


def _outcomes(arch: str, seeds: list[int], jobs: int) -> Iterator[dict]:
    """Outcomes of `seeds` on `arch` from `jobs` workers at once, each taking every jobs-th seed."""
    lines: queue.Queue = queue.Queue()

    def drain(part: list[int]) -> None:
        try:
            for line in _worker_lines(arch, part):
                lines.put(line)
        except Exception as e:       # a worker that cannot start: reported, the others go on
            lines.put({"error": str(e)})
        lines.put(None)

    parts = [seeds[i::jobs] for i in range(jobs) if seeds[i::jobs]]
    for part in parts:
        threading.Thread(target=drain, args=(part,), daemon=True).start()
    running = len(parts)
    while running:
        line = lines.get()
        if line is None:
            running -= 1
        else:
            yield line


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line; returns 1 when any kernel mismatched or crashed."""
    p = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100, help="how many kernels")
    p.add_argument("--seed", type=int, default=0, help="the first seed")
    p.add_argument("--targets", help="comma-separated targets (default: those the execution tests run on)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes per target running at once")
    p.add_argument("--show", action="store_true", help="print each kernel's source before running it")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--seeds", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        work(args.worker, [int(s) for s in args.seeds.split(",")])
        return 0
    seeds = list(range(args.seed, args.seed + args.n))
    if args.show:
        warnings.simplefilter("ignore")
        for s in seeds:
            print(generate(s).source)
    targets = args.targets.split(",") if args.targets else _default_targets()
    signal.signal(signal.SIGTERM, _stop)          # `kill` stops a long run as Ctrl-C does: with its summary
    with tempfile.TemporaryDirectory(prefix="pantile-fuzz-cache-") as cache:
        # thousands of kernels, each compiled once: kept out of the user's cache unless it is named
        os.environ.setdefault("PANTILE_CACHE_DIR", cache)
        return _long_run(args, seeds, targets)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _long_run(args: argparse.Namespace, seeds: list[int], targets: list[str]) -> int:
    """Run every seed on every target, printing failures as they come and a summary per target."""
    failed = interrupted = False
    for arch in targets:
        start = time.time()
        status: collections.Counter = collections.Counter()
        per_category: collections.Counter = collections.Counter()
        per_dtype: collections.Counter = collections.Counter()
        try:
            _collect(arch, seeds, args.jobs, status, per_category, per_dtype)
        except KeyboardInterrupt:          # Ctrl-C or SIGTERM: the summary of the kernels done so far, then stop
            interrupted = True
        n = sum(status.values())
        failed |= bool(status["crash"] or status["mismatch"] or status["worker error"])
        print(f"== {arch}: {n} kernels of seeds {args.seed}..{args.seed + len(seeds) - 1}"
              f"{' (interrupted)' if interrupted else ''} in {time.time() - start:.0f} s: "
              + ", ".join(f"{k} {status[k]}" for k in ("pass", "mismatch", "crash", "unsupported", "worker error")))
        print("   per category: " + ", ".join(f"{c} {per_category[c]} ({per_category[c] / max(n, 1):.0%})"
                                              for c in CATEGORIES))
        print("   per dtype: " + ", ".join(f"{d} {c}" for d, c in sorted(per_dtype.items())), flush=True)
        if interrupted:
            break
    return 1 if failed else 0


def _collect(arch: str, seeds: list[int], jobs: int, status: collections.Counter, per_category: collections.Counter,
             per_dtype: collections.Counter) -> None:
    """Count the outcomes of `seeds` on `arch`, printing each failure as it comes and progress every 500."""
    for line in _outcomes(arch, seeds, jobs):
        if "error" in line:
            status["worker error"] += 1
            print(line["error"], flush=True)
            continue
        status[line["status"]] += 1
        per_category.update(line["features"])
        per_dtype.update(line["dtypes"])
        if "report" in line:
            print(line["report"], "\n", flush=True)
        done = sum(status.values())
        if done % 500 == 0:
            print(f"   {arch}: {done} of {len(seeds)} done, {dict(status)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
