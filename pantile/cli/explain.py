"""Predict what one launch of a kernel costs on a target, without running it (pantile.explain).

  pantile explain pantile.examples.vector_add:add_kernel --target cpu --grid 96 \\
      --args 'f32[98304],f32[98304],f32[98304],98304' --constexpr BLOCK_SIZE=1024

FILE:KERNEL as for `pantile bundle` (a .py file or a module's dotted name). --args lists the kernel's runtime
arguments in order: an array as TYPE[SHAPE] (TYPE one of f16, f32, f64, i8, i16, i32, i64, u8, u16, u32, u64;
SHAPE its sizes joined by x, e.g. f32[1024x1024]; zero-filled), a scalar as a Python number. --grid is up to
three numbers joined by commas. It prints the predicted time, the work counts (bytes, FLOPs by kind), the
arithmetic intensity, the roof that bounds the launch, the occupancy and what limits it; --measure also runs
the launch and prints its median time.
"""
from __future__ import annotations

import argparse
import ast
import re
from typing import Any

import numpy as np

from pantile.runtime.availability import TargetUnavailable
from pantile.runtime.explain import estimate_launch, explain

from .bundle import constexpr_set, find_kernel

NAME = "explain"
HELP = "predict a launch's time, work, bounding roof and occupancy on a target (pantile.explain)"
PARSER_OPTIONS: dict = {}
DTYPES = {"f16": np.float16, "f32": np.float32, "f64": np.float64, "i8": np.int8, "i16": np.int16,
          "i32": np.int32, "i64": np.int64, "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64}
_ARRAY = re.compile(r"([a-z0-9]+)\[(\d+(?:x\d+)*)\]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("kernel", metavar="FILE:KERNEL", help="the @pantile.jit kernel, e.g. kernels.py:add_kernel")
    parser.add_argument("--target", default=None, metavar="ARCH", help="the target (default: where it would run)")
    parser.add_argument("--grid", required=True, metavar="X[,Y[,Z]]", help="programs along each grid axis")
    parser.add_argument("--args", required=True, metavar="ARG,ARG",
                        help="runtime arguments in order: TYPE[SHAPE] for an array (f32[1024x64]), a number else")
    parser.add_argument("--constexpr", default="", metavar="NAME=VALUE,...", help="compile-time values")
    parser.add_argument("--num-warps", type=int, default=None, help="warps per program")
    parser.add_argument("--num-stages", type=int, default=None, help="software pipelining stages")
    parser.add_argument("--measure", action="store_true", help="also run the launch and report its median time")


def parse_argument(text: str) -> Any:
    """'f32[64x32]' as a zero-filled float32 array of shape (64, 32); '1024' or '0.5' as that number."""
    text = text.strip()
    m = _ARRAY.fullmatch(text)
    if m is not None:
        if m.group(1) not in DTYPES:
            raise ValueError(f"--args {text!r}: unknown element type {m.group(1)!r}; use one of {', '.join(DTYPES)}")
        return np.zeros(tuple(int(d) for d in m.group(2).split("x")), DTYPES[m.group(1)])
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        value = None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"--args {text!r}: write an array as TYPE[SHAPE] (e.g. f32[1024x64]) or a number")
    return value


def parse_grid(text: str) -> tuple[int, ...]:
    """'4,2' as (4, 2)."""
    try:
        grid = tuple(int(v) for v in text.split(","))
    except ValueError:
        grid = ()
    if not 1 <= len(grid) <= 3 or min(grid) < 1:
        raise ValueError(f"--grid {text!r}: write one to three positive integers joined by commas, e.g. 64,8")
    return grid


def main(args: argparse.Namespace) -> int:
    """Print the report; 2 for bad arguments, 1 where the target cannot compile or run it."""
    try:
        kernel = find_kernel(args.kernel)
        grid = parse_grid(args.grid)
        values = [parse_argument(a) for a in args.args.split(",") if a.strip()]
        meta = constexpr_set(args.constexpr)
    except ValueError as err:
        print(f"pantile explain: {err}")
        return 2
    for option, value in (("num_warps", args.num_warps), ("num_stages", args.num_stages)):
        if value is not None:
            meta[option] = value
    try:
        if args.measure:
            report = explain(kernel[grid], *values, measure=True, target=args.target, **meta)
        else:
            report = estimate_launch(kernel, grid, values, meta, args.target)
    except (TypeError, ValueError, TargetUnavailable) as err:
        print(f"pantile explain: {err}")
        return 1 if isinstance(err, TargetUnavailable) else 2
    print(report)
    return 0
