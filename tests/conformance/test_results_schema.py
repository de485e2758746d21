"""The results file's versioned schema (docs/conformance-results.md): written, read back, merged from several
machines, older files read, files it cannot read refused with what to do."""
import json
from pathlib import Path

import pytest

from pantile.conformance import cli, schema
from pantile.conformance.runner import Result

COMMITTED = Path(__file__).parents[2] / "conformance" / "results" / "results.json"


def _write(path, results, targets):
    schema.write(results, targets, path, {"command": ["test"]})
    return path


def test_a_written_file_reads_back_the_same_results(tmp_path):
    results = [Result("a/x", "a", "cpu", "executed", True, "", 0.5, "node-1", "AMD EPYC"),
               Result("a/x", "a", "cuda:sm_90a", "executed", False, "DeviceFaultError: boom", 0.1, "gpu-box",
                      "GPU 3: NVIDIA H100", fault=True),
               Result("a/y", "a", "cpu", "not run", False, "its node was lost")]
    data = json.loads(_write(tmp_path / "r.json", results, ["cpu", "cuda:sm_90a"]).read_text())
    assert (data["schema"], data["version"], data["run"]) == ("pantile-conformance-results", 1, {"command": ["test"]})
    assert data["results"][1] == {"case": "a/x", "group": "a", "target": "cuda:sm_90a", "tier": "executed",
                                  "status": "failed", "passed": False, "detail": "DeviceFaultError: boom",
                                  "seconds": 0.1, "node": "gpu-box", "device": "GPU 3: NVIDIA H100", "fault": True}
    assert data["summary"][0] == {"target": "cpu", "tier": "executed", "passed": 1, "failed": 0, "unsupported": 0,
                                  "not_run": 1}
    assert schema.read(tmp_path / "r.json") == (["cpu", "cuda:sm_90a"], results)
    assert schema.summary_rows([Result("a/x", "a", "hip:gfx942", "not run", False, "no node offers it")],
                               ["hip:gfx942"]) == [("hip:gfx942", "not run", 0, 0, 0, 1)]


def test_files_written_before_the_schema_still_read():
    targets, results = schema.read(COMMITTED)
    assert targets == ["cpu", "intel:spirv", "cuda:sm_80", "cuda:sm_90a"]
    assert len(results) == 4 * 965 and {(r.node, r.device) for r in results} == {("", "")}


def test_unreadable_files_are_refused_saying_what_to_do(tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema": schema.SCHEMA, "version": 99, "results": []}))
    with pytest.raises(schema.ResultsFileError, match=f"{newer}: results schema version 99 is newer than this "
                                                      r"pantile reads \(up to 1\); upgrade pantile to merge it"):
        schema.read(newer)
    other = tmp_path / "other.json"
    other.write_text("[1, 2]")
    with pytest.raises(schema.ResultsFileError, match=f"{other}: not a pantile conformance results file"):
        schema.read(other)
    lacking = tmp_path / "lacking.json"
    lacking.write_text(json.dumps({"schema": schema.SCHEMA, "version": 1, "results": [{"case": "a/x"}]}))
    with pytest.raises(schema.ResultsFileError, match=f"{lacking}: result 0 lacks group, target, tier, passed"):
        schema.read(lacking)


def test_merge_makes_one_matrix_from_two_machines(tmp_path, capsys):
    gpu = _write(tmp_path / "gpu.json", [Result("a/x", "a", "cuda:sm_90a", "executed", True, node="h100")],
                 ["cuda:sm_90a"])
    mac = _write(tmp_path / "cpu.json", [Result("a/x", "a", "cpu", "executed", True, node="mac"),
                                         Result("a/y", "a", "cpu", "executed", False, "wrong", node="mac")], ["cpu"])
    assert cli.main(["--merge", str(gpu), str(mac), "--report", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "FAILED cpu a/y: wrong" in out
    targets, results = schema.read(tmp_path / "out" / "results.json")
    assert targets == ["cuda:sm_90a", "cpu"]
    assert [(r.case, r.target, r.node) for r in results] == [("a/x", "cuda:sm_90a", "h100"), ("a/x", "cpu", "mac"),
                                                             ("a/y", "cpu", "mac")]
    assert cli.main(["--merge", str(mac), str(mac)]) == 2
    assert capsys.readouterr().err.startswith(f"error: case a/x on cpu is in both {mac} and {mac}; ")


def test_merge_refuses_a_cell_two_runs_give(tmp_path, capsys):
    one = _write(tmp_path / "one.json", [Result("a/x", "a", "cpu", "executed", True)], ["cpu"])
    two = _write(tmp_path / "two.json", [Result("a/x", "a", "cpu", "executed", False)], ["cpu"])
    assert cli.main(["--merge", str(one), str(two)]) == 2
    assert capsys.readouterr().err == (f"error: case a/x on cpu is in both {one} and {two}; a matrix has one cell "
                                       f"per case and target (label one run to keep both: --merge FILE=LABEL)\n")
    assert cli.main(["--merge", str(one), f"{two}=H200", "--report", str(tmp_path / "out")]) == 1
    targets, results = schema.read(tmp_path / "out" / "results.json")
    assert targets == ["cpu", "cpu (H200)"]
    assert [(r.target, r.status) for r in results] == [("cpu", "passed"), ("cpu (H200)", "failed")]
