"""Compile kernels ahead of time into one bundle file for the targets you ship to (pantile.aot.compile).

  pantile bundle FILE:KERNEL --signature '*fp32,*fp32,i32' --constexpr BLOCK=1024 [FILE:KERNEL ...]
                 --targets cpu,cuda:sm_80,cuda:sm_90a,hip:gfx942,intel:spirv -o kernels.ptb

FILE is a Python file, or a module's dotted name (pantile.examples.vector_add), that defines KERNEL. The
--signature and --constexpr options after a FILE:KERNEL belong to that kernel: each --signature is one list of
its runtime parameters' types in order ('*fp32:16' for an address divisible by 16), each --constexpr one set of
compile-time values (NAME=VALUE[,NAME=VALUE...]); every signature is compiled with every set, for every target,
and checked with the target's offline tools. `cpu` means portable baselines (x86-64-v3 and x86-64 on x86-64).
Load the file with pantile.load_bundle(PATH): that needs no compiler.
"""
from __future__ import annotations

import argparse
import ast
import importlib
import runpy
import sys
from pathlib import Path
from typing import Any, Sequence

from pantile.frontend import CompilationError
from pantile.runtime.bundle.build import KernelSpec, compile as build
from pantile.runtime.bundle.format import BundleError, read_bundle
from pantile.runtime.jit import Kernel
from pantile.targets.base import ValidationError

NAME = "bundle"
HELP = "compile kernels ahead of time into one bundle for many targets (pantile.load_bundle runs it)"
PARSER_OPTIONS = {"add_help": False}
PROG = "pantile bundle"
_PER_KERNEL = ("--signature", "--constexpr")
_PACKAGE_HINT = " (a file of a package is loaded on its own: name it as a module, e.g. mypkg.kernels:KERNEL)"
_VALUED = frozenset(_PER_KERNEL + ("--targets", "-o", "--output", "--num-warps", "--num-stages"))


def _options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", required=True, metavar="ARCH,ARCH",
                        help="the targets to compile for, e.g. cpu,cuda:sm_80,cuda:sm_90a,intel:spirv")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="the bundle file to write")
    parser.add_argument("--num-warps", type=int, default=4, help="warps per program (default 4)")
    parser.add_argument("--num-stages", type=int, default=3, help="software pipelining stages (default 3)")
    parser.add_argument("--debug", action="store_true", help="compile device_assert and bounds checks in")
    parser.add_argument("--keep-text", action="store_true",
                        help="keep every text form of each variant (IR, PTX, ...), not only those launches read")
    return parser


def _kernel_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} FILE:KERNEL", add_help=False)
    parser.add_argument("--signature", action="append", default=[])
    parser.add_argument("--constexpr", action="append", default=[])
    return parser


def split(argv: Sequence[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The options for the whole bundle, and each FILE:KERNEL with the options that follow it."""
    common: list[str] = []
    kernels: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        name = token.split("=", 1)[0]
        chunk = list(argv[i:i + (2 if name in _VALUED and "=" not in token else 1)])
        if name in _PER_KERNEL:
            if not kernels:
                raise ValueError(f"{name} belongs to a kernel: give FILE:KERNEL before it")
            kernels[-1][1].extend(chunk)
        elif token.startswith("-"):
            common.extend(chunk)
        else:
            kernels.append((token, []))
        i += len(chunk)
    return common, kernels


def constexpr_set(text: str) -> dict[str, Any]:
    """'BLOCK=1024,EVEN=True' as {'BLOCK': 1024, 'EVEN': True} (a value that is no Python literal is a string)."""
    values: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ValueError(f"--constexpr {text!r}: write NAME=VALUE[,NAME=VALUE...], e.g. BLOCK=1024")
        try:
            values[name.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            values[name.strip()] = value.strip()
    return values


def find_kernel(where: str) -> Kernel:
    """The @jit kernel FILE:KERNEL names (FILE a .py file or a dotted module name)."""
    source, sep, name = where.rpartition(":")
    if not sep or not source or not name:
        raise ValueError(f"{where!r}: write FILE:KERNEL, e.g. my_kernels.py:add_kernel")
    if source.endswith(".py"):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"{source}: no such file")
        sys.path.insert(0, str(path.resolve().parent))
        try:
            scope = runpy.run_path(str(path), run_name="__pantile_bundle__")
        except Exception as err:   # the user's file: say which and why, without a traceback into runpy
            raise ValueError(f"{source}: loading it to find {name} raised {type(err).__name__}: {err}"
                             f"{_PACKAGE_HINT if isinstance(err, ImportError) else ''}") from None
    else:
        try:
            scope = vars(importlib.import_module(source))
        except ImportError as err:
            raise ValueError(f"{source}: no such file or module ({err})") from None
    found = scope.get(name)
    if not isinstance(found, Kernel):
        kernels = [n for n, v in scope.items() if isinstance(v, Kernel)]
        raise ValueError(f"{source} defines no kernel named {name!r}; its kernels: {', '.join(kernels) or 'none'}")
    return found


def forward(argv: Sequence[str]) -> int:
    """Parse the command line, build the bundle and say what it holds; 2 for bad arguments, 1 for a kernel that
    does not compile or validate."""
    if not argv or argv[0] in ("-h", "--help"):
        _options().print_help()
        return 0 if argv else 2
    try:
        common, groups = split(argv)
        args = _options().parse_args(common)
        if not groups:
            raise ValueError("give at least one FILE:KERNEL")
        specs = []
        for where, options in groups:
            kernel_args = _kernel_options().parse_args(options)
            if not kernel_args.signature:
                raise ValueError(f"{where}: give its --signature (its runtime parameters' types in order)")
            specs.append(KernelSpec(find_kernel(where), kernel_args.signature,
                                    [constexpr_set(c) for c in kernel_args.constexpr] or [{}]))
    except ValueError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    return _write(specs, args)


def _write(specs: list[KernelSpec], args: argparse.Namespace) -> int:
    try:
        path = build(specs, targets=[t for t in args.targets.split(",") if t.strip()], output=args.output,
                     num_warps=args.num_warps, num_stages=args.num_stages, debug=args.debug, keep_text=args.keep_text)
    except CompilationError as err:
        print(err, file=sys.stderr)
        return 1
    except (ValidationError, BundleError, ValueError, TypeError) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 1
    print(describe(path))
    return 0


def describe(path: Path) -> str:
    """The bundle at `path` read back: its size and format, and one line per kernel with its variants' archs."""
    manifest, _ = read_bundle(path)
    lines = [f"wrote {path} ({path.stat().st_size} bytes, format version {manifest['format_version']})"]
    for kernel in manifest["kernels"]:
        mine = [v for v in manifest["variants"] if v["kernel"] == kernel["name"]]
        archs = sorted({v["target"] for v in mine})
        lines.append(f"  {kernel['name']}: {len(mine)} variants for {', '.join(archs)}")
    return "\n".join(lines)
