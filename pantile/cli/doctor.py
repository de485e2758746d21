"""Check this machine for pantile: how it is installed, then every target's requirements with the versions
of the tools and the devices found (LLVM back ends in llvmlite, offline validators, drivers, GPUs), and for
each missing piece the command that installs it.

With --target ARCH the exit status says whether ARCH can do the work named by --for (default: execute):
0 when it can, 1 when it cannot, 2 when no installed target is called ARCH.
"""
from __future__ import annotations

import argparse
import platform
import sys

from pantile import __version__
from pantile.runtime.availability import COMPILES, EXECUTES, VALIDATES, install, missing_for
from pantile.runtime.cache import cache_dir
from pantile.targets.base import COMPILE, EXECUTE, VALIDATE
from pantile.targets.registry import available_families, get_target

from .survey import report_lines, survey, works

NAME = "doctor"
HELP = "check the install, tool versions and devices; non-zero exit if --target cannot work here"
PARSER_OPTIONS: dict = {}
WORK = {EXECUTE: EXECUTES, VALIDATE: VALIDATES, COMPILE: COMPILES}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--target and --for."""
    parser.add_argument("--target", metavar="ARCH", help="the target you need, e.g. cpu, intel:spirv, cuda:sm_90a "
                        f"(installed families: {', '.join(available_families())})")
    parser.add_argument("--for", dest="work", choices=list(WORK), default=EXECUTE,
                        help="what ARCH must be able to do here (default: execute)")


def main(args: argparse.Namespace) -> int:
    """Print the report; the exit status answers --target."""
    how = install()
    where = f"editable clone at {how.clone}" if how.clone else "installed package"
    print(f"pantile {__version__} ({where}); Python {platform.python_version()} ({how.python})")
    print(f"kernel cache: {cache_dir()}")
    reports = survey()
    print("\n".join(report_lines(reports, show_found=True, how=how)))
    print(works(reports))
    if args.target is None:
        return 0
    try:
        requirements = get_target(args.target).requirements()
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    blocking = missing_for(requirements, args.work)
    if not blocking:
        print(f"{args.target}: can {args.work} here")
        return 0
    print(f"{args.target}: cannot {args.work} here; missing: {', '.join(r.what for r in blocking)}")
    return 1
