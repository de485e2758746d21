"""Run the cross-target conformance suite (pantile.conformance): every case on every target named, in the
best tier each target reaches here, with a summary, and JSON and HTML reports on request.
"""
from __future__ import annotations

from typing import Sequence

from pantile.conformance import cli

NAME = "conformance"
HELP = "run the cross-target conformance suite and report per case and target"
PARSER_OPTIONS = {"add_help": False}


def forward(argv: Sequence[str]) -> int:
    """Hand the arguments to pantile.conformance's command line."""
    return cli.main(argv, prog="pantile conformance")
