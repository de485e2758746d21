"""`python -m pantile.passes.opt FILE --passes a,b,c`: run named passes on text IR and print the result.

FILE may be `-` for stdin. `--print-analysis NAME` prints the IR annotated
with an analysis (axis-info) as comments instead. `--split-input-file`
treats each chunk between `// -----` lines as a separate module, as
mlir-opt does. Exit status: 0 on success, 1 for invalid input or a failing
pass (message on stderr), 2 for bad usage.
"""
from __future__ import annotations

import argparse
import inspect
import re
import sys
from typing import Any, Optional, Sequence

from pantile.ir import print_module
from pantile.ir.parser import ParseError, parse_module
from pantile.ir.verifier import VerificationError

from .manager import (PASSES, AnalysisManager, DiagnosticError, Pass, PassError, PassManager, known_passes,
                      make_pass)

PRINTABLE_ANALYSES = ("axis-info",)
SPLIT_MARKER = "// -----\n"


def run_text(text: str, filename: str, pass_names: Sequence[str], analysis: Optional[str] = None,
             verify_each: bool = True) -> str:
    """Parse `text`, run the passes (each 'name' or 'name{option=value ...}'), and return the printed
    (optionally annotated) result."""
    module = parse_module(text, filename)
    PassManager([make_configured_pass(n) for n in pass_names], verify_each=verify_each).run(module)
    if analysis is None:
        return print_module(module)
    return AnalysisManager(module).get(analysis).format(module)


def split_pass_list(text: str) -> list[str]:
    """'a, b{x=1},c' -> ['a', 'b{x=1}', 'c'] (commas inside braces kept, empty entries dropped)."""
    return [p.strip() for p in re.split(r",(?![^{]*})", text) if p.strip()]


def pass_options(name: str) -> dict[str, Any]:
    """The options of registered pass `name` and their defaults (its constructor's keyword parameters)."""
    return {p.name: p.default for p in inspect.signature(PASSES[name]).parameters.values()
            if p.default is not p.empty}


def options_text(name: str) -> str:
    """'keep_noinline=true' for pass `name`'s options and defaults, as they are written in braces."""
    return " ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in pass_options(name).items())


def _option_value(text: str, default: Any) -> Any:
    """`text` as a value of the type of `default` (true/false for booleans)."""
    if isinstance(default, bool):
        if text.lower() not in ("true", "false"):
            raise ValueError(f"'{text}' is not true or false")
        return text.lower() == "true"
    return type(default)(text) if isinstance(default, (int, float)) else text


def make_configured_pass(spec: str) -> Pass:
    """A pass from 'name' or mlir-opt's 'name{option=value option=value}' ('-' in option names may be '_');
    ValueError naming the pass's options for a wrong one."""
    name, brace, rest = (part.strip() for part in spec.partition("{"))
    if not brace:
        return make_pass(name)
    known = pass_options(name) if name in known_passes() else {}
    if not rest.endswith("}"):
        raise ValueError(f"pass '{spec}': the options end with '}}'")
    options = {}
    for item in rest[:-1].split():
        key, _, value = item.partition("=")
        key = key.replace("-", "_")
        if key not in known or not value:
            raise ValueError(f"pass '{name}' has no option '{item}'; its options: {options_text(name) or 'none'}")
        try:
            options[key] = _option_value(value, known[key])
        except ValueError as err:
            raise ValueError(f"pass '{name}', option {key}: {err}") from None
    return PASSES[name](**options)


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
    lines = []
    for name in sorted(PASSES):
        summary = ((PASSES[name].__doc__ or "").strip().splitlines() or [""])[0]
        options = options_text(name)
        lines.append(f"  {name:<{width}}  {summary}" + (f" Options: {{{options}}}" if options else ""))
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None, prog: str = "python -m pantile.passes.opt") -> int:
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=f"passes:\n{pass_catalogue()}\n\nexample: {prog} kernel.mlir "
                                            f"--passes 'inline{{keep_noinline=false}},canonicalize,cse'")
    parser.add_argument("file", help="IR text file, or - for stdin")
    parser.add_argument("--passes", default="", help="comma-separated passes, run in order; options in braces, "
                        "as mlir-opt takes them: name{option=value ...}")
    parser.add_argument("--print-analysis", choices=PRINTABLE_ANALYSES, default=None,
                        help="print the IR annotated with this analysis")
    parser.add_argument("--no-verify", action="store_true", help="do not verify the IR after each pass")
    parser.add_argument("--split-input-file", action="store_true",
                        help="run each chunk between '// -----' lines separately")
    args = parser.parse_args(argv)
    names = split_pass_list(args.passes)
    try:
        for spec in names:   # every name and option checked before any input is read
            make_configured_pass(spec)
    except (KeyError, ValueError) as err:
        sys.stderr.write(f"error: {err.args[0]}\n")
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
