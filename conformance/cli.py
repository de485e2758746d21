"""Command line: python -m pantile.conformance --targets cpu,intel:spirv [--cases PATTERN] [--report DIR]."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Optional, Sequence, TextIO

from pantile.targets.registry import available_families, get_target, host_target

from .catalog import select
from .report import print_summary, write_report
from .runner import Result, run_case


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
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None, prog: str = "python -m pantile.conformance") -> int:
    """Run the suite; 0 when nothing failed, 1 on any failure, 2 on bad arguments."""
    args = parse_args(argv, prog)
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
    progress = Progress(len(cases) * len(targets), sys.stderr)
    results = []
    start = time.perf_counter()
    for t in targets:
        for case in cases:
            result = run_case(case, t)
            results.append(result)
            progress.update(result)
    progress.close()
    print_summary(results, targets)
    print(f"{len(results)} results in {time.perf_counter() - start:.1f} s")
    if args.report is not None:
        for path in write_report(results, targets, args.report):
            print(f"wrote {path}")
    return 1 if any(r.status == "failed" for r in results) else 0
