"""Benchmarking helpers with the meaning of triton.testing: do_bench, Benchmark, perf_report."""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence


def _synchronize() -> Callable[[], None]:
    try:
        import torch  # noqa: PLC0415  (optional: only to wait for queued GPU work)
        if torch.cuda.is_available():
            return torch.cuda.synchronize
    except ImportError:
        pass
    return lambda: None


def do_bench(fn: Callable[[], Any], warmup: int = 25, rep: int = 100, quantiles: Optional[Sequence[float]] = None,
             return_mode: str = "mean") -> Any:
    """Run `fn` repeatedly and return its time in milliseconds (mean, min, max, median or quantiles).

    As in Triton, `warmup` and `rep` are budgets in milliseconds.
    """
    sync = _synchronize()
    fn()
    sync()
    t0 = time.perf_counter()
    fn()
    sync()
    estimate = max(time.perf_counter() - t0, 1e-7) * 1e3
    for _ in range(max(1, int(warmup / estimate))):
        fn()
    sync()
    times = []
    for _ in range(max(1, int(rep / estimate))):
        t0 = time.perf_counter()
        fn()
        sync()
        times.append((time.perf_counter() - t0) * 1e3)
    if quantiles is not None:
        qs = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
        out = [times[0] if len(times) == 1 else qs[min(98, max(0, int(q * 100) - 1))] for q in quantiles]
        return out[0] if len(out) == 1 else out
    modes = {"mean": statistics.fmean, "min": min, "max": max, "median": statistics.median}
    if return_mode not in modes:
        raise ValueError(f"return_mode must be one of {', '.join(modes)}, got {return_mode!r}")
    return modes[return_mode](times)


@dataclass
class Benchmark:
    """A sweep: x values by x_names, one line per value of line_arg."""

    x_names: list[str]
    x_vals: list[Any]
    line_arg: str
    line_vals: list[Any]
    line_names: list[str]
    plot_name: str
    args: dict[str, Any] = field(default_factory=dict)
    ylabel: str = ""
    xlabel: str = ""
    styles: Optional[list] = None
    x_log: bool = False
    y_log: bool = False


class Mark:
    """What perf_report returns: `.run(print_data=True)` runs the sweep and prints a table."""

    def __init__(self, fn: Callable[..., Any], benchmarks: Any) -> None:
        self.fn = fn
        self.benchmarks = benchmarks if isinstance(benchmarks, list) else [benchmarks]

    def run(self, print_data: bool = False, show_plots: bool = False, save_path: str = "",
            return_df: bool = False) -> list[list[list[Any]]]:
        """The table of each benchmark as rows [x..., line values...]."""
        tables = []
        for b in self.benchmarks:
            rows = []
            for x in b.x_vals:
                xs = x if isinstance(x, (list, tuple)) else [x] * len(b.x_names)
                xargs = dict(zip(b.x_names, xs))
                row = list(xs)
                for lv in b.line_vals:
                    r = self.fn(**xargs, **{b.line_arg: lv}, **b.args)
                    row.append(r[0] if isinstance(r, tuple) else r)
                rows.append(row)
            if print_data:
                print(f"{b.plot_name}:")
                print("\t".join(b.x_names + b.line_names))
                for row in rows:
                    print("\t".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
            tables.append(rows)
        return tables


def perf_report(benchmarks: Any) -> Callable[[Callable[..., Any]], Mark]:
    """Decorator: turn a function of the x and line arguments into a runnable sweep."""
    return lambda fn: Mark(fn, benchmarks)
