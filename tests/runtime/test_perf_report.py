"""perf_report draws its plot with matplotlib when asked to save it, and writes the table and a page beside it, as
Triton's does."""
import sys
from pathlib import Path

import numpy as np
import pytest

import pantile


def sweep(**extra):
    return pantile.testing.Benchmark(x_names=["N"], x_vals=[1, 2, 4], line_arg="p", line_vals=["a", "b"],
                                     line_names=["A", "B"], plot_name="sweep", xlabel="N", ylabel="ms", **extra)


def test_save_path_gets_the_plot_the_csv_and_a_page(tmp_path: Path) -> None:
    bench = sweep(styles=[("red", "-"), ("blue", "--")])
    mark = pantile.testing.perf_report(bench)(lambda N, p: (float(N * (1 if p == "a" else 2)), N * 0.5, N * 3.0))
    assert mark.run(save_path=str(tmp_path)) == [[[1, 1.0, 2.0], [2, 2.0, 4.0], [4, 4.0, 8.0]]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.html", "sweep.csv", "sweep.png"]
    assert (tmp_path / "sweep.csv").read_text().splitlines() == ["N,A,B", "1,1.0,2.0", "2,2.0,4.0", "4,4.0,8.0"]
    assert (tmp_path / "results.html").read_text() == '<html><body>\n<image src="sweep.png"/>\n</body></html>\n'
    from matplotlib.image import imread
    pixels = imread(tmp_path / "sweep.png")[..., :3]
    assert pixels.shape[2] == 3 and pixels.shape[0] > 100
    # Both lines are drawn in their colours (pure red and pure blue pixels), over a white background.
    red = (pixels[..., 0] > 0.95) & (pixels[..., 1] < 0.05) & (pixels[..., 2] < 0.05)
    blue = (pixels[..., 2] > 0.95) & (pixels[..., 0] < 0.05) & (pixels[..., 1] < 0.05)
    assert red.sum() > 50 and blue.sum() > 50
    assert np.isclose(pixels[0, 0], 1.0).all()


def test_without_matplotlib_a_plot_asked_for_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)    # an import of it now fails
    mark = pantile.testing.perf_report(sweep())(lambda N, p: float(N))
    with pytest.raises(ImportError) as err:
        mark.run(save_path=str(tmp_path))
    assert str(err.value) == ("perf_report draws its plot with matplotlib, which is not installed: pip install "
                              "'pantile[plot]' (or matplotlib), or run with show_plots=False and no save_path")
    assert mark.run(print_data=True) == [[[1, 1.0, 1.0], [2, 2.0, 2.0], [4, 4.0, 4.0]]]   # a table needs none


def test_x_values_must_match_the_x_names() -> None:
    bench = pantile.testing.Benchmark(["M", "N"], [(1, 2, 3)], "p", ["a"], ["A"], "bad")
    with pytest.raises(ValueError, match=r"Expected 2 values, got \(1, 2, 3\)"):
        pantile.testing.perf_report(bench)(lambda M, N, p: 0.0).run()
