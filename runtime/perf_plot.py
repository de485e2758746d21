"""perf_report's outputs beyond the printed table, as Triton writes them: the plot (matplotlib, an optional
dependency: `pip install pantile[plot]`), the table as CSV, and an HTML page that shows the plots."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Optional, Sequence


def draw(bench: Any, rows: Sequence[Sequence[Any]], bands: Sequence[Sequence[Optional[tuple[float, float]]]],
         show: bool, save_path: str) -> Optional[Path]:
    """Plot each line of `bench` against its first x (a band from min to max where the benchmark gave them); show
    it, and save it as `<save_path>/<plot_name>.png` (returned)."""
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415  (optional: only a plot needs it)
    except ImportError:
        raise ImportError("perf_report draws its plot with matplotlib, which is not installed: pip install "
                          "'pantile[plot]' (or matplotlib), or run with show_plots=False and no save_path") from None
    if show:
        import matplotlib.pyplot as plt  # noqa: PLC0415  (a window only where one is asked for)
        figure = plt.figure()
    else:
        figure = Figure()    # saved without pyplot: no display, and the user's backend is left alone
    ax = figure.subplots()
    n_x = len(bench.x_names)
    xs = [row[0] for row in rows]
    for i, name in enumerate(bench.line_names):
        color, style = bench.styles[i] if bench.styles else (None, None)
        ax.plot(xs, [row[n_x + i] for row in rows], label=name, color=color, ls=style)
        band = [b[i] for b in bands]
        if all(b is not None for b in band):
            ax.fill_between(xs, [b[0] for b in band], [b[1] for b in band], alpha=0.15, color=color)
    ax.legend()
    ax.set_xlabel(bench.xlabel or bench.x_names[0])
    ax.set_ylabel(bench.ylabel)
    ax.set_xscale("log" if bench.x_log else "linear")
    ax.set_yscale("log" if bench.y_log else "linear")
    path = Path(save_path) / f"{bench.plot_name}.png" if save_path else None
    if path is not None:
        figure.savefig(path)
    if show:
        plt.show()
        plt.close(figure)
    return path


def write_csv(bench: Any, rows: Sequence[Sequence[Any]], save_path: str) -> Path:
    """The table as `<save_path>/<plot_name>.csv`: the x columns, then one column per line (floats to 0.1)."""
    path = Path(save_path) / f"{bench.plot_name}.csv"
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow([*bench.x_names, *bench.line_names])
        out.writerows([f"{v:.1f}" if isinstance(v, float) else v for v in row] for row in rows)
    return path


def write_html(benchmarks: Sequence[Any], save_path: str) -> Path:
    """`<save_path>/results.html`, a page that shows each benchmark's plot."""
    path = Path(save_path) / "results.html"
    images = "".join(f'<image src="{b.plot_name}.png"/>\n' for b in benchmarks)
    path.write_text(f"<html><body>\n{images}</body></html>\n")
    return path
