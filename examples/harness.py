"""The examples' shared command line: --size, --target, --dtype, a check against numpy and a one-line report.

    python -m pantile.examples.softmax --size 4096x1024 --target intel:spirv
    softmax on intel:spirv: size 4096x1024 float32, 1.234 ms, 27.2 GB/s, verified against numpy
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

import pantile
from pantile.runtime.availability import TargetUnavailable, require_execution
from pantile.runtime.target_select import choose_target
from pantile.targets.registry import available_families, get_target


@dataclass(frozen=True)
class Workload:
    """One run of an example: the launch to time, its numpy check, and what it moves or computes."""

    run: Callable[[], np.ndarray]
    check: Callable[[np.ndarray], None]      # raises AssertionError with numpy's message when wrong
    bytes_moved: float = 0.0
    flops: float = 0.0


@dataclass(frozen=True)
class Example:
    """An example's command-line face: its dimensions, default size and dtypes, and how to set up a run."""

    name: str
    description: str
    dims: tuple[str, ...]                    # e.g. ("ROWS", "COLS"); --size is their values joined by x
    default: tuple[int, ...]
    dtypes: tuple[str, ...]                  # numpy dtype names; the first is the default
    setup: Callable[[tuple[int, ...], np.dtype], Workload]

    def parse_size(self, text: str) -> tuple[int, ...]:
        """'4096x1024' -> (4096, 1024); one number fills every dimension."""
        try:
            values = tuple(int(v) for v in text.lower().split("x"))
        except ValueError:
            values = ()
        if len(values) == 1:
            values *= len(self.dims)
        if len(values) != len(self.dims) or min(values) <= 0:
            raise argparse.ArgumentTypeError(f"{text!r}: give {self.size_form} as positive integers (or one number "
                                             f"for all), e.g. {self.format_size(self.default)}")
        return values

    @property
    def size_form(self) -> str:
        """'ROWSxCOLS'."""
        return "x".join(self.dims)

    @staticmethod
    def format_size(size: Sequence[int]) -> str:
        """(4096, 1024) -> '4096x1024'."""
        return "x".join(map(str, size))


def parser(example: Example, prog: Optional[str] = None) -> argparse.ArgumentParser:
    """The example's argument parser."""
    p = argparse.ArgumentParser(prog=prog or f"python -m pantile.examples.{example.name}",
                                description=example.description)
    p.add_argument("--size", type=example.parse_size, default=example.default, metavar=example.size_form,
                   help=f"problem size (default {example.format_size(example.default)})")
    p.add_argument("--dtype", choices=example.dtypes, default=example.dtypes[0], help="element type (default "
                   f"{example.dtypes[0]})")
    p.add_argument("--target", metavar="ARCH", help="target to run on (default: PANTILE_TARGET, else the default "
                   f"target); installed families: {', '.join(available_families())}")
    return p


def run(example: Example, argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """Parse `argv`, run the example once, check it against numpy, time it and print one line; the exit status:
    0 verified, 1 wrong results or a target that cannot run here, 2 bad arguments."""
    args = parser(example, prog).parse_args(argv)
    if args.target:
        try:
            get_target(args.target)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        os.environ["PANTILE_TARGET"] = args.target   # above every other way of choosing, as --target should be
    target = choose_target([])
    try:
        require_execution(target)
    except TargetUnavailable as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    work = example.setup(args.size, np.dtype(args.dtype))
    head = f"{example.name} on {target.arch}: size {example.format_size(args.size)} {args.dtype}"
    try:
        work.check(work.run())
    except AssertionError as err:
        detail = " ".join(str(err).split())
        print(f"{head}: WRONG against numpy: {detail[:300]}")
        return 1
    ms = pantile.testing.do_bench(work.run, warmup=20, rep=100)
    rate = f"{work.bytes_moved / ms / 1e6:.3g} GB/s" if work.bytes_moved else f"{work.flops / ms / 1e9:.3g} TFLOP/s"
    print(f"{head}, {ms:.3f} ms, {rate}, verified against numpy")
    return 0
