"""`python -m pantile.passes.opt FILE --passes a,b,c`: run named passes on text IR and print the result.

FILE may be `-` for stdin. `--print-analysis NAME` prints the IR annotated
with an analysis (axis-info) as comments instead. `--split-input-file`
treats each chunk between `// -----` lines as a separate module, as
mlir-opt does. Exit status: 0 on success, 1 for invalid input or a failing
pass (message on stderr), 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from pantile.ir import print_module
from pantile.ir.parser import ParseError, parse_module
from pantile.ir.verifier import VerificationError

from .manager import PASSES, AnalysisManager, DiagnosticError, PassError, PassManager, known_passes, make_pass

PRINTABLE_ANALYSES = ("axis-info",)
SPLIT_MARKER = "// -----\n"


def run_text(text: str, filename: str, pass_names: Sequence[str], analysis: Optional[str] = None,
             verify_each: bool = True) -> str:
    """Parse `text`, run the passes, and return the printed (optionally annotated) result."""
    module = parse_module(text, filename)
    PassManager([make_pass(n) for n in pass_names], verify_each=verify_each).run(module)
    if analysis is None:
        return print_module(module)
    return AnalysisManager(module).get(analysis).format(module)


def split_pass_list(text: str) -> list[str]:
    """'a, b,c' -> ['a', 'b', 'c'] (empty entries dropped)."""
    return [p.strip() for p in text.split(",") if p.strip()]


def split_input(text: str) -> list[str]:
    """The chunks between `// -----` lines, each padded with blank lines so errors keep the file's line numbers."""
    chunks, line = [], 0
    for chunk in text.split(SPLIT_MARKER):
        chunks.append("\n" * line + chunk)
        line += chunk.count("\n") + 1
    return chunks


def pass_catalogue() -> str:
    """One line per registered pass: its name and what it does (the first line of its docstring)."""
    _ = known_passes()   # registers the built-in passes
    width = max(len(n) for n in PASSES)
    return "\n".join(f"  {name:<{width}}  {((PASSES[name].__doc__ or '').strip().splitlines() or [''])[0]}"
                     for name in sorted(PASSES))


def main(argv: Optional[Sequence[str]] = None, prog: str = "python -m pantile.passes.opt") -> int:
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=f"passes:\n{pass_catalogue()}\n\nexample: {prog} kernel.mlir "
                                            f"--passes inline,canonicalize,cse")
    parser.add_argument("file", help="IR text file, or - for stdin")
    parser.add_argument("--passes", default="", help="comma-separated pass names, run in order")
    parser.add_argument("--print-analysis", choices=PRINTABLE_ANALYSES, default=None,
                        help="print the IR annotated with this analysis")
    parser.add_argument("--no-verify", action="store_true", help="do not verify the IR after each pass")
    parser.add_argument("--split-input-file", action="store_true",
                        help="run each chunk between '// -----' lines separately")
    args = parser.parse_args(argv)
    names = split_pass_list(args.passes)
    unknown = [n for n in names if n not in known_passes()]
    if unknown:
        sys.stderr.write(f"error: unknown pass '{unknown[0]}'; known passes: {', '.join(known_passes())}\n")
        return 2
    filename = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as f:
                text = f.read()
    except OSError as e:
        sys.stderr.write(f"{filename}: error: cannot read the file: {e.strerror}\n")
        return 1
    chunks = split_input(text) if args.split_input_file else [text]
    try:
        outputs = [run_text(chunk, filename, names, args.print_analysis, not args.no_verify) for chunk in chunks]
        sys.stdout.write(SPLIT_MARKER.join(outputs))
    except (ParseError, VerificationError, DiagnosticError, PassError) as e:
        sys.stderr.write(f"{e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
