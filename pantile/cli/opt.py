"""Run named passes on a file of text IR and print the result, as mlir-opt does (pantile.passes.opt).

`pantile opt --help` lists every pass with what it does.
"""
from __future__ import annotations

from typing import Sequence

from pantile.passes import opt

NAME = "opt"
HELP = "run named passes on text IR and print it (mlir-opt style)"
PARSER_OPTIONS = {"add_help": False}


def forward(argv: Sequence[str]) -> int:
    """Hand the arguments to pantile.passes.opt."""
    return opt.main(argv, prog="pantile opt")
