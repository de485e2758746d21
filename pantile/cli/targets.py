"""List every registered target (built-in and plug-in) with what it can do on this machine.

Tiers: `can execute` (compile, check and run kernels), `can validate` (compile and check them with the
vendor's offline tool), `can compile` (emit code only), `unavailable`. For each missing piece the command
that installs it is printed, written for how this pantile is installed (an editable clone or a wheel).
Targets come from the `pantile.targets` entry-point group, so installed plug-ins are listed too.
"""
from __future__ import annotations

import argparse

from .survey import report_lines, survey, works

NAME = "targets"
HELP = "list the targets, what each can do here and the command that installs what it lacks"
PARSER_OPTIONS: dict = {}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def main(args: argparse.Namespace) -> int:
    """Print the table; always 0 (`pantile doctor --target ARCH` is the check with an exit status)."""
    reports = survey()
    print("\n".join(report_lines(reports)))
    print(works(reports))
    return 0
