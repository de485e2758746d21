"""What the autotuner shows: its progress on stderr (a bar on a terminal, a line per config in a log) and, under
PANTILE_PRINT_AUTOTUNING=1 (or TRITON_PRINT_AUTOTUNING=1), its choice and timings on stdout."""
from __future__ import annotations

import sys
from typing import Any, Optional, Sequence, TextIO

BAR_WIDTH = 24


class Progress:
    """One tuning's progress: redrawn in place on a terminal, one line per step where stderr is a file or pipe."""

    def __init__(self, kernel: str, stream: Optional[TextIO] = None) -> None:
        self.kernel = kernel
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._drawn = 0

    def step(self, phase: str, done: int, total: int, detail: str) -> None:
        """Say that `done` of `total` steps of `phase` are over, the last one described by `detail`."""
        if not self.tty:
            self.stream.write(f"autotune {self.kernel}: {phase} {done}/{total}: {detail}\n")
            self.stream.flush()
            return
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"autotune {self.kernel}: {phase} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        self.stream.write("\r" + line.ljust(self._drawn))
        self.stream.flush()
        self._drawn = len(line)

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
        self._drawn = 0


def config_line(kernel: str, config: Any) -> str:
    """What is printed before a config is benchmarked (Triton's words)."""
    return f"Autotuning kernel {kernel} with config {config}"


def failure_line(error: BaseException) -> str:
    """What is printed when a config cannot run (Triton's words)."""
    return f"Autotuning failed with {error}"


def choice_lines(kernel: str, key: tuple, seconds: float, best: Any, configs: Sequence[Any],
                 predicted: dict[Any, float], measured: dict[Any, Sequence[float]]) -> list[str]:
    """The choice, as Triton prints it, then one row per config: predicted and measured median in ms ('-' where
    there is none), the chosen one marked with '*', in the order they were measured, then by prediction."""
    rows = [f"pantile autotuning for function {kernel},", f"with key as {key},", f"finished after {seconds:.2f}s,",
            f"best config selected: {best};", "  predicted ms  measured ms  config"]
    order = sorted(configs, key=lambda c: (measured[c][0] if c in measured else float("inf"),
                                           predicted.get(c, float("inf"))))
    for c in order:
        pred = f"{predicted[c] * 1e3:.4f}" if c in predicted else "-"
        meas = f"{measured[c][0]:.4f}" if c in measured else "-"
        rows.append(f"{'*' if c == best else ' '} {pred:>12} {meas:>12}  {c}")
    return rows


def cached_line(kernel: str, key: tuple, best: Any) -> str:
    """What is printed when the choice comes from the disk cache instead of a tuning."""
    return f"pantile autotuning for function {kernel}, with key as {key}: best config from the disk cache: {best};"


__all__ = ["Progress", "cached_line", "choice_lines", "config_line", "failure_line"]
