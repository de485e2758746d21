"""The conformance command line: summary, progress lines, JSON and HTML reports, exit codes."""
import dataclasses
import json

import numpy as np

from pantile.conformance import all_cases, cli, select
from pantile.conformance.report import render_html
from pantile.conformance.schema import read
from pantile.conformance.runner import Result
from pantile.conformance.where import host_processor, node_name


def test_run_writes_summary_progress_and_reports(tmp_path, capsys):
    assert cli.main(["--targets", "cpu", "--cases", "grid/1x1x9,grid/7", "--report", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["[1/2] cpu grid/7 passed", "[2/2] cpu grid/1x1x9 passed"]
    assert captured.out.splitlines()[:3] == ["target  tier      passed  failed  unsupported  not run",
                                             "------------------------------------------------------",
                                             "cpu     executed  2       0       0            0      "]
    data = json.loads((tmp_path / "results.json").read_text())
    assert (data["schema"], data["version"]) == ("pantile-conformance-results", 1)
    assert data["summary"] == [{"target": "cpu", "tier": "executed", "passed": 2, "failed": 0, "unsupported": 0,
                                "not_run": 0}]
    assert {(r["node"], r["device"]) for r in data["results"]} == {(node_name(), host_processor())}
    assert [(r["case"], r["tier"], r["status"]) for r in data["results"]] == [
        ("grid/7", "executed", "passed"), ("grid/1x1x9", "executed", "passed")]
    page = (tmp_path / "results.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<td>grid/7</td>" in page and "#2e7d32" in page
    targets, results = read(tmp_path / "results.json", label="this machine")
    assert targets == ["cpu (this machine)"]
    assert [(r.case, r.target, r.status) for r in results] == [("grid/7", "cpu (this machine)", "passed"),
                                                               ("grid/1x1x9", "cpu (this machine)", "passed")]


def test_a_failing_case_fails_the_run_and_says_why(monkeypatch, capsys):
    good = select("grid/3x5")[0]
    wrong = dataclasses.replace(good, name="grid/wrong", reference=lambda args: [np.zeros(90, np.int32)])
    monkeypatch.setattr(cli, "select", lambda pattern: [wrong])
    assert cli.main(["--targets", "cpu"]) == 1
    out = capsys.readouterr().out
    assert ("FAILED cpu grid/wrong: argument out_ptr: 67 of 90 elements differ; first at index (3,): got 3, want 0 "
            "(tolerance: exact)") in out


def test_unknown_target_and_pattern_are_usage_errors(capsys):
    assert cli.main(["--targets", "vax"]) == 2
    assert "error: unknown target 'vax': installed target families are" in capsys.readouterr().err
    assert cli.main(["--cases", "no-such-case"]) == 2
    assert "error: no conformance case matches 'no-such-case'" in capsys.readouterr().err


def test_list_prints_the_selected_names(capsys):
    assert cli.main(["--list", "--cases", "grid/*"]) == 0
    assert capsys.readouterr().out.split() == [c.name for c in all_cases() if c.name.startswith("grid/")]


def test_html_marks_tiers_and_keeps_details():
    results = [Result("a/x", "a", "cpu", "executed", True), Result("a/x", "a", "cuda:sm_90a", "validated", False,
                                                                   "ptxas said <no>"),
               Result("a/x", "a", "intel:spirv", "unsupported", True, "dtype f64 not in capabilities.dtypes")]
    page = render_html(results, ["cpu", "cuda:sm_90a", "intel:spirv"])
    assert '<td style="background:#2e7d32" title="">executed passed</td>' in page
    assert '<td style="background:#ef9a9a" title="ptxas said &lt;no&gt;">validated failed</td>' in page
    assert '<td style="background:#bdbdbd" title="dtype f64 not in capabilities.dtypes">unsupported</td>' in page


def test_the_suite_has_the_cases_the_issue_asks_for():
    cases = all_cases()
    groups = {c.group for c in cases}
    assert len(cases) >= 400
    assert groups == {"arith", "intdiv", "bitwise", "compare", "unary", "where", "math", "libdevice", "cast", "reduce", "scan",
                      "shape", "memory", "tensor_memory", "atomic", "control", "grid", "dot", "example",
                      "float-policy"}
    names = {c.name for c in cases}
    for expected in ("float-policy/mul_add/f32", "float-policy/maximum_nan/bf16",
                     "cast/f32->f8e4m3", "cast/f8e5m2->bf16", "math/sqrt_rn/f32/special", "reduce/argmin/axis1/i8/1x9",
                     "dot/f8e4m3/16x64x32/acc", "atomic/cas_counter/i64", "control/static_range/f32/k2",
                     "example/attention/2x45x32", "scan/cumprod/axis0/reverse/i64/5x33",
                     "tensor_memory/block_ptr/load/2d_check_dim1/f32", "tensor_memory/tensor_desc/store/3d/f32",
                     "tensor_memory/block_ptr/k_loop/i32"):
        assert expected in names


def test_inputs_are_seeded():
    case = select("arith/add/f32")[0]
    first, second = case.make_inputs(), case.make_inputs()
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(first[:2], second[:2]))
