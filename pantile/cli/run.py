"""Run an example, or your own script, on a chosen target with the compiler's instrumentation at hand.

  pantile run example NAME [--size SIZE] [--dtype DTYPE]   one of pantile's examples, checked against numpy,
                                                           with a one-line report (time, GB/s or TFLOP/s)
  pantile run FILE[:KERNEL] [-- ARGS...]                    your script, run as `python FILE ARGS...`; with
                                                           :KERNEL, --dump-ir, --timing and --no-cache apply
                                                           to that kernel only

Both take --target ARCH (over PANTILE_TARGET), --dump-ir DIR (the IR after every pass, one file per pass),
--timing (the time of every pass) and --no-cache (compile again instead of loading from the kernel cache:
without it a cached kernel runs no pass, so there is nothing to dump or time).
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import runpy
import sys
from pathlib import Path
from types import ModuleType

from pantile.frontend import CompilationError
from pantile.runtime.availability import TargetUnavailable, require_execution
from pantile.runtime.jit import Kernel
from pantile.targets.registry import available_families, get_target

NAME = "run"
HELP = "run an example (pantile run example vector_add) or your script on a target, with IR dumps and timing"
PARSER_OPTIONS: dict = {}
EXAMPLE = "example"


def examples() -> dict[str, ModuleType]:
    """Name -> module of every example in pantile.examples (each module with an EXAMPLE)."""
    import pantile.examples as package
    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "EXAMPLE"):
            found[info.name] = module
    return found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The positional form and the options shared by both forms."""
    found = examples()
    width = max(map(len, found))
    listing = "\n".join(f"  {name:<{width}}  --size {m.EXAMPLE.size_form:<13}  --dtype {'|'.join(m.EXAMPLE.dtypes)}"
                        for name, m in found.items())
    parser.epilog = (f"examples:\n{listing}\ntargets: {', '.join(available_families())} "
                     f"(`pantile targets` shows what each can do here)")
    parser.add_argument("what", metavar="example|FILE[:KERNEL]", help="`example` followed by NAME, or a script")
    parser.add_argument("args", nargs="*", metavar="NAME|ARGS", help="the example's name, or the script's arguments "
                        "(after --)")
    parser.add_argument("--target", metavar="ARCH", help="target of every launch, e.g. cpu, intel:spirv, cuda:sm_90a")
    parser.add_argument("--size", help="an example's problem size, e.g. 1000000 or 4096x1024")
    parser.add_argument("--dtype", help="an example's element type, e.g. float16")
    parser.add_argument("--dump-ir", metavar="DIR", help="write the IR after every pass to DIR, one file per pass")
    parser.add_argument("--timing", action="store_true", help="print the time of every pass")
    parser.add_argument("--no-cache", action="store_true", help="compile again instead of using the kernel cache")


def _instrument(args: argparse.Namespace, kernel: str) -> None:
    """Set the environment the compiler reads for this process's launches."""
    if args.target:
        os.environ["PANTILE_TARGET"] = args.target
    if args.dump_ir:
        os.environ["PANTILE_DUMP_IR"] = args.dump_ir
    if args.timing:
        os.environ["PANTILE_TIMING"] = "1"
    if args.no_cache:
        os.environ["PANTILE_NO_CACHE"] = "1"
    if kernel:
        os.environ["PANTILE_INSTRUMENT_KERNEL"] = kernel


def _run_example(args: argparse.Namespace) -> int:
    found = examples()
    if len(args.args) != 1 or args.args[0] not in found or args.rest:
        given = " ".join(args.args) or "nothing"
        print(f"error: `pantile run example` takes one example name (got {given}); examples: "
              f"{', '.join(found)}", file=sys.stderr)
        return 2
    name = args.args[0]
    argv = [f"--{flag}={value}" for flag, value in (("size", args.size), ("dtype", args.dtype)) if value]
    return found[name].main(argv, prog=f"pantile run example {name}")


def _run_file(args: argparse.Namespace, path: Path, kernel: str) -> int:
    if not path.is_file():
        print(f"error: {path}: no such file (give `example NAME` or a Python script)", file=sys.stderr)
        return 2
    if args.size or args.dtype:
        print("error: --size and --dtype are for examples; give your script its own arguments after --",
              file=sys.stderr)
        return 2
    sys.argv = [str(path), *args.args, *args.rest]
    sys.path.insert(0, str(path.resolve().parent))
    try:
        scope = runpy.run_path(str(path), run_name="__main__")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except (TargetUnavailable, CompilationError) as err:   # the message says where and what to do; no traceback
        print(err if isinstance(err, CompilationError) else f"error: {err}", file=sys.stderr)
        return 1
    if kernel and not isinstance(scope.get(kernel), Kernel):
        kernels = [n for n, v in scope.items() if isinstance(v, Kernel)]
        print(f"error: {path} defines no kernel named {kernel!r}; its kernels: {', '.join(kernels) or 'none'}",
              file=sys.stderr)
        return 2
    return 0


def main(args: argparse.Namespace) -> int:
    """Check the target, set up the instrumentation, then run; the exit status is the example's or script's
    (1 also when the target cannot execute here, 2 for bad arguments)."""
    file, _, kernel = ("", "", "") if args.what == EXAMPLE else args.what.partition(":")
    if args.target:
        try:
            target = get_target(args.target)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        try:
            require_execution(target)
        except TargetUnavailable as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    _instrument(args, kernel)
    return _run_example(args) if args.what == EXAMPLE else _run_file(args, Path(file), kernel)
