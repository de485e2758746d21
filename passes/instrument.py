"""Pass instrumentation: IR dumps, per-pass timing and reproducers, configured by environment variables.

- PANTILE_DUMP_IR=1 prints the IR after each pass to stdout under a header;
  PANTILE_DUMP_IR=DIR writes DIR/NN-passname.mlir per pass instead.
- PANTILE_TIMING=1 prints a per-pass timing table to stderr when the run ends.
- PANTILE_REPRO_DIR=DIR is where reproducers go (default: a new temp dir).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Optional

from pantile.ir import Module, print_module

_OFF = ("", "0", "false", "no", "off")
OUTPUT_VARIABLES = ("PANTILE_DUMP_IR", "PANTILE_TIMING")   # those that print or write something per pass


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in _OFF


def requested_outputs() -> list[str]:
    """The variables of OUTPUT_VARIABLES set in the environment."""
    return [name for name in OUTPUT_VARIABLES if _flag(name)]


@dataclass
class Instrumentation:
    """What one PassManager run records and writes."""

    pass_names: list[str]
    dump: Optional[str] = None          # "stdout", a directory, or None
    timing: bool = False
    repro_dir: Optional[str] = None
    number_from: int = 1                # number of the first pass's dump file (a later pipeline continues on)
    times: list[tuple[str, float]] = field(default_factory=list)
    _pass_start: float = 0.0
    _analysis_seconds: float = 0.0  # analyses computed while the current pass runs

    @classmethod
    def from_env(cls, pass_names: list[str], outputs: bool = True) -> "Instrumentation":
        """Settings from PANTILE_DUMP_IR, PANTILE_TIMING (unless `outputs` is off) and PANTILE_REPRO_DIR."""
        repro_dir = os.environ.get("PANTILE_REPRO_DIR") or None
        if not outputs:
            return cls(list(pass_names), repro_dir=repro_dir)
        dump_value = os.environ.get("PANTILE_DUMP_IR", "").strip()
        dump = None
        if dump_value.lower() in ("1", "true", "yes", "on", "stdout"):
            dump = "stdout"
        elif dump_value.lower() not in _OFF:
            dump = dump_value
            os.makedirs(dump, exist_ok=True)
        return cls(list(pass_names), dump, _flag("PANTILE_TIMING"), repro_dir)

    def snapshot(self, module: Module) -> str:
        """The module's text before the first pass, kept for the reproducer."""
        return print_module(module)

    def record_analysis(self, name: str, seconds: float) -> None:
        """Count the time spent computing analysis `name` (not charged to the pass that asked for it)."""
        self.times.append((f"(analysis) {name}", seconds))
        self._analysis_seconds += seconds

    def before_pass(self) -> None:
        """Start the clock of the next pass."""
        self._pass_start = time.perf_counter()
        self._analysis_seconds = 0.0

    def after_pass(self, index: int, name: str, module: Module) -> None:
        """Record the pass's own time and dump the IR it produced."""
        self.times.append((name, time.perf_counter() - self._pass_start - self._analysis_seconds))
        if self.dump == "stdout":
            sys.stdout.write(f"// -----// IR Dump After {name} ({index + 1}/{len(self.pass_names)}) //----- //\n")
            sys.stdout.write(print_module(module))
            sys.stdout.flush()
        elif self.dump is not None:
            path = os.path.join(self.dump, f"{index + self.number_from:02d}-{name}.mlir")
            with open(path, "w", encoding="utf-8") as f:
                f.write(print_module(module))

    def finish(self) -> None:
        """Print the timing table when PANTILE_TIMING is set."""
        if not self.timing:
            return
        total = sum(t for _, t in self.times) or 1e-12
        width = max([len(n) for n, _ in self.times] + [len("total")])
        lines = ["===-- pantile pass timing --===", f"{'pass':<{width}}  {'ms':>10}  {'%':>6}"]
        for name, t in self.times:
            lines.append(f"{name:<{width}}  {t * 1e3:>10.3f}  {100 * t / total:>6.1f}")
        lines.append(f"{'total':<{width}}  {total * 1e3:>10.3f}  {100.0:>6.1f}")
        sys.stderr.write("\n".join(lines) + "\n")

    def write_reproducer(self, pass_name: str, ir_before: str, error: BaseException) -> str:
        """Write the IR before the failing pass, headed by the pass list, and return the file's path."""
        directory = self.repro_dir or tempfile.mkdtemp(prefix="pantile-repro-")
        os.makedirs(directory, exist_ok=True)
        fd, path = tempfile.mkstemp(prefix=f"{pass_name}-", suffix=".mlir", dir=directory)
        first_line = (str(error).splitlines() or [""])[0]
        header = (f"// pantile reproducer: pass '{pass_name}' failed: {type(error).__name__}: {first_line}\n"
                  f"// pass list: {','.join(self.pass_names)}\n"
                  f"// RUN: {pass_name}\n")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(header + ir_before)
        return path
