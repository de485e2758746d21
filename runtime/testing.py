"""Benchmarking and checking helpers with the meaning of triton.testing: do_bench, do_bench_cudagraph,
assert_close, Benchmark, perf_report."""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

import numpy as np

from .perf_plot import draw, write_csv, write_html


def _synchronize() -> Callable[[], None]:
    """Waits for the work queued on every target this process has used."""
    from pantile.targets.registry import made_targets

    def wait() -> None:
        for t in made_targets():
            t.synchronize()
    return wait


def do_bench(fn: Callable[[], Any], warmup: int = 25, rep: int = 100, grad_to_none: Optional[Sequence[Any]] = None,
             quantiles: Optional[Sequence[float]] = None, return_mode: str = "mean") -> Any:
    """Run `fn` repeatedly and return its time in milliseconds (mean, min, max, median or quantiles).

    As in Triton, `warmup` and `rep` are budgets in milliseconds, and the gradients of the tensors in
    `grad_to_none` are cleared before each timed run so that their accumulation is not measured.
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
        for t in grad_to_none or ():
            t.grad = None
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


def do_bench_cudagraph(fn: Callable[[], Any], rep: int = 20, grad_to_none: Optional[Sequence[Any]] = None,
                       quantiles: Optional[Sequence[float]] = None, return_mode: str = "mean") -> Any:
    """Triton times `fn` replayed from a CUDA graph; pantile launches are not captured into graphs, so this times
    the launches themselves, as do_bench does with no warm-up budget beyond one run."""
    return do_bench(fn, warmup=1, rep=rep, grad_to_none=grad_to_none, quantiles=quantiles, return_mode=return_mode)


def _as_numpy(x: Any) -> np.ndarray:
    if hasattr(x, "detach"):   # a torch tensor: to host memory, bf16 widened (numpy has no bf16)
        x = x.detach()
        if str(x.dtype) == "torch.bfloat16":
            x = x.float()
        return x.cpu().numpy()
    return np.asarray(x)


def assert_close(x: Any, y: Any, atol: Any = None, rtol: Any = None, err_msg: str = "") -> None:
    """AssertionError unless x and y agree elementwise within atol (default 1e-2) + rtol (default 0) * |y|,
    NaNs matching NaNs; atol and rtol may be functions of x's dtype, as in Triton."""
    dtype = getattr(x, "dtype", None)
    atol = 1e-2 if atol is None else atol(dtype) if callable(atol) else atol
    rtol = 0.0 if rtol is None else rtol(dtype) if callable(rtol) else rtol
    a, b = _as_numpy(x), _as_numpy(y)
    if a.size > 1 or b.size > 1:
        np.testing.assert_allclose(a, b, atol=atol, rtol=rtol, equal_nan=True, err_msg=err_msg)
    elif not np.allclose(a, b, atol=atol, rtol=rtol, equal_nan=True):
        raise AssertionError(f"{err_msg} {a} is not close to {b} (atol={atol}, rtol={rtol})".strip())


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
    xlabel: str = ""
    ylabel: str = ""
    x_log: bool = False
    y_log: bool = False
    color: Any = None
    styles: Optional[list] = None


class Mark:
    """What perf_report returns: `.run(print_data=True)` runs the sweep and prints a table."""

    def __init__(self, fn: Callable[..., Any], benchmarks: Any) -> None:
        self.fn = fn
        self.benchmarks = benchmarks if isinstance(benchmarks, list) else [benchmarks]

    def run(self, show_plots: bool = False, print_data: bool = False, save_path: str = "",
            return_df: bool = False, **kwargs: Any) -> list[list[list[Any]]]:
        """The table of each benchmark as rows [x..., line values...]; `kwargs` go to every call, as in Triton.
        A benchmark's function returns a value or (value, min, max). With `show_plots` or `save_path` each
        benchmark is drawn (matplotlib, `pip install pantile[plot]`); `save_path` also receives its
        `<plot_name>.png` and `.csv` and a `results.html` showing the plots."""
        tables = []
        for b in self.benchmarks:
            rows, bands = [], []
            for x in b.x_vals:
                xs = list(x) if isinstance(x, (list, tuple)) else [x] * len(b.x_names)
                if len(xs) != len(b.x_names):
                    raise ValueError(f"Expected {len(b.x_names)} values, got {x}")
                row, band = list(xs), []
                for lv in b.line_vals:
                    r = self.fn(**dict(zip(b.x_names, xs)), **{b.line_arg: lv}, **b.args, **kwargs)
                    row.append(r[0] if isinstance(r, tuple) else r)
                    band.append((r[1], r[2]) if isinstance(r, tuple) and len(r) == 3 else None)
                rows.append(row)
                bands.append(band)
            if print_data:
                print(f"{b.plot_name}:")
                print("\t".join(b.x_names + b.line_names))
                for row in rows:
                    print("\t".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
            if show_plots or save_path:
                draw(b, rows, bands, show_plots, save_path)
            if save_path:
                write_csv(b, rows, save_path)
            tables.append(rows)
        if save_path:
            write_html(self.benchmarks, save_path)
        return tables


def perf_report(benchmarks: Any) -> Callable[[Callable[..., Any]], Mark]:
    """Decorator: turn a function of the x and line arguments into a runnable sweep."""
    return lambda fn: Mark(fn, benchmarks)
