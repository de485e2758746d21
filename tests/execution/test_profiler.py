"""pantile.profiler (triton.profiler, proton): sessions, scopes with metrics, kernel launches recorded through
@jit(launch_metadata=...), the written .hatchet tree and what pantile.profiler.viewer derives from it."""
import json
import time

import numpy as np
import pytest

import pantile as triton
import pantile.language as tl
import pantile.profiler as proton
import pantile.profiler.viewer as viewer
from pantile.runtime.knobs import runtime as runtime_knobs


def _launch_metadata(grid, kernel, args):
    n = args["n"]
    return {"name": f"{kernel.name} [n={n}]", "flops32": float(n), "bytes": 12 * n}


@triton.jit(launch_metadata=_launch_metadata)
def add(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask) + tl.load(y_ptr + offs, mask=mask), mask=mask)


def _frames(path):
    with open(path) as f:
        root = json.load(f)[0]
    found = {}
    stack = [(root, "")]
    while stack:
        node, prefix = stack.pop()
        name = prefix + node["frame"]["name"]
        found[name] = node["metrics"]
        stack.extend((c, name + "/") for c in node["children"])
    return found


def test_scopes_measure_wall_time_and_add_their_metrics(tmp_path):
    session = proton.start(str(tmp_path / "scopes"))
    for _ in range(2):
        with proton.scope("outer", {"bytes": 100}):
            time.sleep(0.02)
            proton.enter_scope("inner", metrics={"flops": 10.0})
            time.sleep(0.01)
            proton.exit_scope("inner", metrics={"flops": 5.0})
    proton.deactivate(session)
    with proton.scope("ignored"):
        pass
    proton.finalize(session)
    frames = _frames(tmp_path / "scopes.hatchet")
    assert set(frames) == {"ROOT", "ROOT/outer", "ROOT/outer/inner"}
    outer, inner = frames["ROOT/outer"], frames["ROOT/outer/inner"]
    assert outer["count"] == 2 and inner["count"] == 2
    assert outer["bytes"] == 200 and inner["flops"] == 30.0
    assert outer["time (ns)"] >= 60e6 and inner["time (ns)"] >= 20e6 and outer["time (ns)"] > inner["time (ns)"]
    tree, metrics = viewer.parse(["time/ms", "gflop/s", "avg_time/ms"], str(tmp_path / "scopes.hatchet"))
    assert metrics == ["time/ms", "gflop/s", "avg_time/ms"]
    (outer_frame,) = tree.children
    assert outer_frame.metrics["flops"] == 30.0      # a frame's flops include its children's
    text = viewer.format_tree(tree, metrics).splitlines()
    ms = outer["time (ns)"] / 1e6
    assert text[1].split() == [f"{ms:.3f}", f"{30.0 / (ms / 1e3) / 1e9:.3f}", f"{ms / 2:.3f}", "outer"]
    assert text[2].endswith("    inner")


def test_launches_are_frames_named_and_measured_by_launch_metadata(tmp_path):
    x = np.arange(1000, dtype=np.float32)
    out = np.empty_like(x)
    add[(8,)](x, x, out, 1000, BLOCK=128)      # compiled before profiling
    session = proton.start(str(tmp_path / "launches"), hook="triton")
    proton.deactivate(session)
    add[(8,)](x, x, out, 1000, BLOCK=128)
    proton.activate(session)
    with proton.scope("bench"):
        for _ in range(3):
            add[(8,)](x, x, out, 1000, BLOCK=128)
    proton.finalize()
    np.testing.assert_array_equal(out, 2 * x)
    assert runtime_knobs.launch_enter_hook is None and runtime_knobs.launch_exit_hook is None
    launch = _frames(tmp_path / "launches.hatchet")["ROOT/bench/add [n=1000]"]
    assert launch["count"] == 3 and launch["flops32"] == 3000.0 and launch["bytes"] == 36000
    assert 0 < launch["time (ns)"] <= _frames(tmp_path / "launches.hatchet")["ROOT/bench"]["time (ns)"]
    tree, metrics = viewer.parse(["tflop32/s"], str(tmp_path / "launches.hatchet"), include="bench|add")
    assert [f.name for f in tree.children[0].children] == ["add [n=1000]"]


def test_a_session_without_the_triton_hook_records_no_launches(tmp_path):
    x = np.ones(16, np.float32)
    proton.start(str(tmp_path / "plain"))
    with proton.scope("s"):
        add[(1,)](x, x, x, 16, BLOCK=16)
    proton.finalize()
    assert set(_frames(tmp_path / "plain.hatchet")) == {"ROOT", "ROOT/s"}


def test_mistakes_are_named():
    with pytest.raises(ValueError, match="^Unsupported hook: 'cupti'$"):
        proton.start("x", hook="cupti")
    with pytest.raises(ValueError, match=r"^exit_scope\(\) without an open enter_scope\(\)$"):
        proton.exit_scope()
    proton.enter_scope("a")
    with pytest.raises(ValueError, match="^Scope name mismatch: b != a$"):
        proton.exit_scope("b")
    proton.exit_scope("a")
    with pytest.raises(ValueError, match="^no profiling session 99: start"):
        proton.activate(99)


def test_viewer_names_a_metric_the_profile_lacks(tmp_path):
    proton.start(str(tmp_path / "m"))
    with proton.scope("s", {"bytes": 1}):
        pass
    proton.finalize()
    with pytest.raises(ValueError, match="^metric 'flops' is not in the profile; it has bytes, count, time"):
        viewer.parse(["flops"], str(tmp_path / "m.hatchet"))
