"""pantile.explain and predict_launch: a launch's predicted cost on the target it would use."""
import math
import pickle

import numpy as np
import pytest

import pantile
from pantile.examples.matmul import matmul_kernel
from pantile.examples.vector_add import add_kernel
from pantile.runtime.explain import estimate_launch, predict_launch
from pantile.targets.base import Artifact


def _matmul_args(m, n, k):
    a, b = np.ones((m, k), np.float32), np.ones((k, n), np.float32)
    c = np.empty((m, n), np.float32)
    return (a, b, c, m, n, k, k, 1, n, 1, n, 1)


def test_explain_reports_work_time_bound_and_occupancy_without_running():
    x = np.ones(5000, np.float32)
    out = np.zeros_like(x)
    report = pantile.explain(add_kernel[(5,)], x, x, out, 5000, BLOCK_SIZE=1024)
    assert report.target == "cpu" and report.grid == (5, 1, 1)
    assert report.work.loaded_bytes == 8 * 5000 and report.work.stored_bytes == 4 * 5000
    assert 0 < report.predicted_s < 1
    assert report.measured_s is None
    assert 0 < report.occupancy <= 1
    assert report.bound in ("launch overhead", "memory", "cache") or report.bound.startswith("compute")
    assert not out.any()                     # nothing ran
    text = str(report)
    for part in ("add_kernel on cpu", "predicted", "bound by", "occupancy", "limited by", "intensity",
                 "loaded", "40.00 kB"):
        assert part in text, part


def test_explain_measures_when_asked_on_the_target_named():
    x = np.ones(5000, np.float32)
    out = np.zeros_like(x)
    report = pantile.explain(add_kernel[(5,)], x, x, out, 5000, BLOCK_SIZE=1024, measure=True, target="interp")
    assert report.target == "interp"
    assert report.measured_s is not None and report.measured_s > 0
    np.testing.assert_array_equal(out, 2 * x)
    assert "measured" in str(report)


def test_predict_launch_ranks_a_larger_matmul_slower():
    small = predict_launch(matmul_kernel, (4,), _matmul_args(64, 64, 64),
                           dict(BLOCK_M=32, BLOCK_N=32, BLOCK_K=32, GROUP_M=8))
    large = predict_launch(matmul_kernel, (64,), _matmul_args(256, 256, 256),
                           dict(BLOCK_M=32, BLOCK_N=32, BLOCK_K=32, GROUP_M=8))
    assert 0 < small < large < math.inf


def test_a_preview_predicts_what_the_compiled_cpu_kernel_predicts_without_object_code(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    args, meta = _matmul_args(128, 128, 128), dict(BLOCK_M=32, BLOCK_N=32, BLOCK_K=32, GROUP_M=8)
    # The kernel cache's artifacts (the host's figures, measured at a process's first estimate, may lie beside them
    # in cpu_roofline.json, and the work each estimate counted in entries of its own: no kernel)
    stored = lambda: sorted((a.format, a.binary == b"") for a in (pickle.loads(path.read_bytes())  # noqa: E731
                                                                  for path in tmp_path.rglob("object.pkl"))
                            if isinstance(a, Artifact))
    preview = estimate_launch(matmul_kernel, (16,), args, meta, "cpu", preview=True)
    assert stored() == [("preview", True)]                    # nothing compiled: the preview is kept
    compiled = estimate_launch(matmul_kernel, (16,), args, meta, "cpu")
    assert len(stored()) == 2 and ("preview", True) in stored()          # the compiled kernel is kept beside it
    assert preview.predicted_s == compiled.predicted_s and preview.shared_memory == compiled.shared_memory


def test_a_second_preview_comes_from_the_disk_cache_without_lowering_again(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    args, meta = _matmul_args(128, 128, 128), dict(BLOCK_M=32, BLOCK_N=64, BLOCK_K=32, GROUP_M=8)
    first = estimate_launch(matmul_kernel, (8,), args, meta, "cpu", preview=True)

    def lowered(*args, **kwargs):
        raise AssertionError("the preview was made again")
    monkeypatch.setattr("pantile.runtime.compiler.lower_to_target_ir", lowered)
    again = estimate_launch(matmul_kernel, (8,), args, meta, "cpu", preview=True)
    assert again.predicted_s == first.predicted_s and again.shared_memory == first.shared_memory


def test_explain_refuses_what_is_not_a_launch():
    with pytest.raises(TypeError, match=r"explain\(\) takes a launch, kernel\[grid\]"):
        pantile.explain(add_kernel, 1)
