"""The `pantile` command: one entry point for people, with a subcommand per job.

    pantile targets                          what each target can do here, and what makes it work
    pantile doctor [--target ARCH]           the same with tool versions and devices; non-zero if ARCH cannot work
    pantile run example vector_add --target cpu --size 1000000
    pantile run my_kernels.py[:KERNEL] --dump-ir DIR --timing --no-cache
    pantile opt FILE --passes canonicalize,cse
    pantile conformance --targets cpu --report DIR
    pantile explain FILE:KERNEL --target cpu --grid 96 --args 'f32[98304],f32[98304],f32[98304],98304' --constexpr BLOCK_SIZE=1024
    pantile bundle FILE:KERNEL --signature '*fp32,*fp32,i32' --constexpr BLOCK=1024 --targets cpu,cuda:sm_90a -o k.ptb
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import bundle, conformance, doctor, explain, opt, run, targets

# Each subcommand module gives NAME, HELP, PARSER_OPTIONS and either add_arguments(parser) and main(args), or
# forward(argv) for a command line of its own that takes the rest of the arguments as they are.
COMMANDS = (targets, doctor, run, opt, conformance, bundle, explain)


def parser() -> argparse.ArgumentParser:
    """The argument parser of `pantile` and its subcommands."""
    top = argparse.ArgumentParser(prog="pantile", description=__doc__.split("\n\n")[0],
                                  epilog="Run `pantile COMMAND --help` for what each command can do.")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter, **command.PARSER_OPTIONS)
        if not hasattr(command, "forward"):
            command.add_arguments(p)
            p.set_defaults(main=command.main)
    return top


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for command in COMMANDS:
        if argv[:1] == [command.NAME] and hasattr(command, "forward"):
            return command.forward(argv[1:])
    # What follows `--` belongs to the user's script (argparse's own handling of it differs across versions).
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser().parse_args(argv[:cut])
    args.rest = argv[cut + 1:]
    return args.main(args)
