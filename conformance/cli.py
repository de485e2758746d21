"""Command line: python -m pantile.conformance --targets cpu,intel:spirv [--cases PATTERN] [--report DIR]
[--jobs N | --gpus all | --ray auto|ADDRESS | --merge RESULTS_JSON ...]."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Optional, Sequence, TextIO

from pantile.targets.registry import available_families, get_target, host_target

from . import schema
from .catalog import select
from .devices import device_workers
from .pool import Task, WorkerSpec, in_order, run_parallel
from .report import print_summary, write_report
from .runner import NOT_RUN, Result, run_case
from .where import stamped


class Progress:
    """A progress bar on a terminal; one plain line per result otherwise (logs, CI)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.tty = stream.isatty()
        self.failed = 0

    def update(self, result: Result) -> None:
        """Account for one more result."""
        self.done += 1
        self.failed += result.status == "failed"
        if self.tty:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} failed {self.failed}  "
                              f"{result.target} {result.case}"[:120].ljust(120))
        else:
            self.stream.write(f"[{self.done}/{self.total}] {result.target} {result.case} {result.status}\n")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def parse_args(argv: Optional[Sequence[str]], prog: str = "python -m pantile.conformance") -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(prog=prog, description="Run the cross-target conformance suite.",
                                     epilog=f"installed target families: {', '.join(available_families())}; "
                                            f"`pantile targets` shows what each can do here. Example: {prog} "
                                            f"--targets cpu --cases 'dot/*' --report out/")
    parser.add_argument("--targets", default=None,
                        help="comma-separated target archs, e.g. cpu,intel:spirv,cuda:sm_90a (default: the host "
                             "target, cpu)")
    parser.add_argument("--cases", default=None,
                        help="comma-separated globs (dot/*) or substrings of case names (default: all)")
    parser.add_argument("--report", type=Path, default=None,
                        help="folder for results.json and results.html")
    parser.add_argument("--list", action="store_true", help="print the selected case names and exit")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="a case running longer (counted from when it is sent to its worker, a fresh worker's "
                             "start of a second or two included) fails and its worker process is replaced; runs "
                             "cases in worker processes, one at least (default: no limit)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="run cases in N worker processes (default 1: in this process)")
    where.add_argument("--gpus", choices=["all"], default=None,
                       help="one worker process per GPU of this machine, each seeing only its own GPU")
    where.add_argument("--ray", metavar="auto|ADDRESS", default=None,
                       help="run on a Ray cluster (pip install pantile[fleet]; nodes started with pantile-node): "
                            "each case on a node that runs it in the best tier the cluster offers")
    where.add_argument("--merge", nargs="+", metavar="RESULTS_JSON[=LABEL]", default=None,
                       help="merge results.json files from other runs into one matrix (with --report) and exit; "
                            "=LABEL renames that run's targets to 'TARGET (LABEL)', to keep two runs of one target")
    return parser.parse_args(argv)


def _run(tasks: list[Task], args: argparse.Namespace, targets: list[str],
         on_result: Callable[[Result], None]) -> list[Result]:
    """Every task's result, in this process, in worker processes or on the fleet, in the tasks' order."""
    if args.ray is not None:
        from .fleet.dispatch import run_on_ray
        return in_order(run_on_ray(tasks, args.ray, on_result, timeout=args.timeout), tasks)
    if args.gpus or args.jobs > 1 or args.timeout:
        specs = device_workers(targets) if args.gpus else [WorkerSpec()] * args.jobs
        return in_order(run_parallel(tasks, specs, on_result, args.timeout), tasks)
    results = []
    for case, arch, tier in tasks:
        results.append(stamped(run_case(case, arch, tier)))
        on_result(results[-1])
    return results


def _finish(results: list[Result], targets: list[str], args: argparse.Namespace, run: dict) -> int:
    """Summary and reports; the exit status: 1 when a case failed or did not run."""
    print_summary(results, targets)
    if "seconds" in run:
        print(f"{len(results)} results in {run['seconds']:.1f} s")
    if args.report is not None:
        for path in write_report(results, targets, args.report, run):
            print(f"wrote {path}")
    return 1 if any(r.status in ("failed", NOT_RUN) for r in results) else 0


def _merge(args: argparse.Namespace) -> int:
    """--merge: one matrix from results files."""
    try:
        targets, results = schema.merge([(path, *schema.read(path, label)) for path, label in map(_labelled,
                                                                                               args.merge)])
    except schema.ResultsFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return _finish(results, targets, args, {"merged": args.merge})


def _labelled(entry: str) -> tuple[Path, Optional[str]]:
    """A --merge entry: the file, and the label after '=' (none where the whole entry names a file)."""
    path, sep, label = entry.partition("=")
    return (Path(entry), None) if not sep or Path(entry).exists() else (Path(path), label)


def main(argv: Optional[Sequence[str]] = None, prog: str = "python -m pantile.conformance") -> int:
    """Run the suite; 0 when nothing failed, 1 on any failure or case not run, 2 on bad arguments."""
    args = parse_args(argv, prog)
    if args.merge:
        return _merge(args)
    if args.jobs < 1 or (args.timeout is not None and args.timeout <= 0):
        wrong = f"--jobs takes a number of processes, 1 or more, not {args.jobs}" if args.jobs < 1 else \
            f"--timeout takes a number of seconds above 0, not {args.timeout:g}"
        print(f"error: {wrong}", file=sys.stderr)
        return 2
    listed = host_target().arch if args.targets is None else args.targets
    targets = [t.strip() for t in listed.split(",") if t.strip()]
    try:
        cases = select(args.cases)
        for t in targets:
            get_target(t)
    except ValueError as err:
        print(f"error: {err} (installed target families: {', '.join(available_families())})", file=sys.stderr)
        return 2
    if args.list:
        print("\n".join(c.name for c in cases))
        return 0
    tasks: list[Task] = [(case, t, None) for t in targets for case in cases]
    progress = Progress(len(tasks), sys.stderr)
    start = time.perf_counter()
    try:
        results = _run(tasks, args, targets, progress.update)
    except ValueError as err:   # --gpus with no GPU here, a Ray cluster that cannot be reached
        print(f"error: {err}", file=sys.stderr)
        return 2
    progress.close()
    return _finish(results, targets, args, {"command": [prog, *(argv if argv is not None else sys.argv[1:])],
                                            "seconds": round(time.perf_counter() - start, 1)})
