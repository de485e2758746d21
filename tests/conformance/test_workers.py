"""Cases in worker processes (--jobs N, --gpus all): the same results as one process, a crashing or faulting
worker replaced without losing the run, GPUs found (or not) and named per result."""
import dataclasses
import json
import signal

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.conformance.case import Case, Output
from pantile.conformance.tolerance import exact
from pantile.targets.cpu import faults
from pantile.conformance import cli, select
from pantile.conformance.devices import device_workers
from pantile.conformance.pool import WorkerProcess, WorkerSpec, run_parallel
from pantile.conformance.runner import run_case
from pantile.conformance.where import DEVICE_VARIABLE, node_name
from pantile.conformance import worker
from pantile.targets.registry import get_target

CASES = "grid/1x1x9,grid/7,grid/3x5,arith/add/i32,reduce/sum/axis1/f32/1x9"


def _cells(path):
    return {(r["case"], r["target"]): (r["tier"], r["status"], r["detail"])
            for r in json.loads(path.read_text())["results"]}


def test_jobs_gives_the_results_of_one_process(tmp_path, capsys):
    assert cli.main(["--targets", "cpu,cuda:sm_90a", "--cases", CASES, "--report", str(tmp_path / "one")]) == 0
    assert cli.main(["--targets", "cpu,cuda:sm_90a", "--cases", CASES, "--jobs", "2",
                     "--report", str(tmp_path / "two")]) == 0
    one, two = _cells(tmp_path / "one" / "results.json"), _cells(tmp_path / "two" / "results.json")
    assert len(one) == 2 * len(select(CASES)) and one == two
    # reports keep the suite's order whatever order the workers finished in
    assert list(one) == list(two)
    progress = capsys.readouterr().err.splitlines()
    assert len(progress) == 4 * len(select(CASES)) and progress[-1].startswith(f"[{2 * len(select(CASES))}/")


def test_a_case_that_kills_its_worker_fails_and_the_run_goes_on(monkeypatch):
    cases = select("grid/1x1x9,grid/7,grid/3x5")
    send = WorkerProcess.send

    def crash_on_grid7(self, task):
        send(self, task)
        if task[0].name == "grid/7":
            self.process.send_signal(signal.SIGKILL)

    monkeypatch.setattr(WorkerProcess, "send", crash_on_grid7)
    results = run_parallel([(c, "cpu", None) for c in cases], [WorkerSpec()])
    by_case = {r.case: r for r in results}
    assert set(by_case) == {c.name for c in cases}
    crashed = by_case["grid/7"]
    assert (crashed.status, crashed.node) == ("failed", node_name())
    assert crashed.detail.startswith("the worker process running this case was killed by SIGKILL; the case is "
                                     "counted as failed and the run went on in a fresh worker (run the case alone: "
                                     "python -m pantile.conformance --targets cpu --cases 'grid/7')")
    assert all(r.status == "passed" for name, r in by_case.items() if name != "grid/7")


@pantile.jit
def far_copy(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs - (1 << 40), mask=offs < n), mask=offs < n)


def test_a_case_that_faults_the_device_says_so(monkeypatch):
    monkeypatch.setattr(faults, "poisoned", None)
    case = Case("memory/far", "memory", far_copy, lambda rng: [np.ones(16, np.float32), np.zeros(16, np.float32), 16],
                lambda args: [args[0]], (Output(1, "f32", exact()),), (1,), (("BLOCK", 16),))
    result = run_case(case, "cpu")
    assert (result.status, result.fault) == ("failed", True)
    assert result.detail.startswith("DeviceFaultError: CPU kernel far_copy")
    # the process is poisoned, as a CUDA fault poisons it: which is why its worker is replaced
    after = run_case(select("grid/7")[0], "cpu")
    assert (after.status, after.fault) == ("failed", True)
    # the fault came from the load, before any store: this test process may launch again
    monkeypatch.setattr(faults, "poisoned", None)
    assert run_case(select("grid/7")[0], "cpu").status == "passed"


def test_a_case_that_hangs_fails_at_the_timeout_and_its_worker_is_replaced(monkeypatch):
    started, send, start = [], WorkerProcess.send, WorkerProcess.__init__

    def record_start(self, spec=WorkerSpec(), timeout=None):
        start(self, spec, timeout)
        started.append(self)

    def hang_on_grid7(self, task):
        if task[0].name != "grid/7":
            return send(self, task)
        # the request never reaches the worker, which waits as if its kernel hung; and its time is up at once
        self.task, self.deadline = task, 0.0

    monkeypatch.setattr(WorkerProcess, "__init__", record_start)
    monkeypatch.setattr(WorkerProcess, "send", hang_on_grid7)
    cases = select("grid/7,grid/3x5")
    results = run_parallel([(c, "cpu", None) for c in cases], [WorkerSpec()], timeout=60)
    assert [(r.case, r.status) for r in results] == [("grid/7", "failed"), ("grid/3x5", "passed")]
    assert results[0].detail == ("the case ran longer than 60 s (--timeout); its worker was killed and the run went "
                                 "on in a fresh one")
    assert len(started) == 2 and started[0].process.returncode == -signal.SIGKILL


def test_timeout_must_be_positive(capsys):
    assert cli.main(["--cases", "grid/7", "--timeout", "0"]) == 2
    assert capsys.readouterr().err == "error: --timeout takes a number of seconds above 0, not 0\n"


def test_a_timeout_alone_runs_cases_in_a_worker(tmp_path):
    assert cli.main(["--cases", "grid/7", "--timeout", "300", "--report", str(tmp_path)]) == 0
    assert [r["status"] for r in json.loads((tmp_path / "results.json").read_text())["results"]] == ["passed"]


def test_a_worker_whose_device_faulted_is_replaced_before_its_next_case(monkeypatch):
    started, receive = [], WorkerProcess.receive

    def record_start(self, spec=WorkerSpec(), timeout=None):
        start(self, spec, timeout)
        started.append(self)

    def fault_on_grid7(self):
        result = receive(self)
        return dataclasses.replace(result, fault=True) if result.case == "grid/7" else result

    start = WorkerProcess.__init__
    monkeypatch.setattr(WorkerProcess, "__init__", record_start)
    monkeypatch.setattr(WorkerProcess, "receive", fault_on_grid7)
    cases = select("grid/7,grid/3x5")
    results = run_parallel([(c, "cpu", None) for c in cases], [WorkerSpec()])
    assert [(r.case, r.fault) for r in results] == [("grid/7", True), ("grid/3x5", False)]
    assert len(started) == 2 and started[0].process.returncode is not None


def test_the_worker_stops_after_a_fault(monkeypatch):
    import io
    monkeypatch.setattr(worker, "run_case", lambda case, arch, tier: dataclasses.replace(
        run_case(case, arch, tier), passed=False, detail="DeviceFaultError: it faulted", fault=True))
    requests = io.StringIO('{"case": "grid/7", "target": "cpu", "tier": null}\n'
                           '{"case": "grid/3x5", "target": "cpu", "tier": null}\n')
    answers = io.StringIO()
    worker.serve(requests, answers)
    (only,) = answers.getvalue().splitlines()
    assert json.loads(only)["case"] == "grid/7" and json.loads(only)["fault"] is True


def test_jobs_must_be_a_positive_number(capsys):
    assert cli.main(["--cases", "grid/7", "--jobs", "0"]) == 2
    assert capsys.readouterr().err == "error: --jobs takes a number of processes, 1 or more, not 0\n"


def test_gpus_all_without_a_gpu_says_so(capsys):
    assert cli.main(["--targets", "cpu,cuda:sm_90a", "--cases", "grid/7", "--gpus", "all"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --gpus all found no GPU for cpu, cuda:sm_90a on this machine (cpu: its kernels "
                          "run on the host; cuda:sm_90a: ")
    assert err.rstrip().endswith("run without --gpus (--jobs N spreads cases over processes), or on a machine "
                                 "with the GPU")


@pytest.fixture
def three_fake_gpus(monkeypatch):
    """The host target pretends to have three GPUs, each selected by a variable (the workers are real)."""
    cls = type(get_target("cpu"))
    monkeypatch.setattr(cls, "devices", lambda self: ["Fake A", "Fake B", "Fake C"], raising=False)
    monkeypatch.setattr(cls, "device_environment", lambda self, i: {"FAKE_VISIBLE_DEVICES": str(i)}, raising=False)


def test_gpus_all_starts_one_worker_per_gpu_each_seeing_its_own(three_fake_gpus):
    specs = device_workers(["cpu"])
    assert [s.env["FAKE_VISIBLE_DEVICES"] for s in specs] == ["0", "1", "2"]
    assert [json.loads(s.env[DEVICE_VARIABLE]) for s in specs] == [
        {"family": "cpu", "device": f"GPU {i}: Fake {n}"} for i, n in enumerate("ABC")]


def test_gpus_all_names_the_gpu_of_each_cell(three_fake_gpus, tmp_path):
    assert cli.main(["--targets", "cpu,cuda:sm_90a", "--cases", CASES, "--gpus", "all",
                     "--report", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())["results"]
    executed = {r["device"] for r in results if r["target"] == "cpu"}
    assert executed == {"GPU 0: Fake A", "GPU 1: Fake B", "GPU 2: Fake C"}
    assert all(r["status"] == "passed" for r in results)
    assert all(r["device"].startswith("ptxas: ") for r in results if r["target"] == "cuda:sm_90a")
    page = (tmp_path / "results.html").read_text()
    assert f"<br><small>{node_name()} · GPU 1: Fake B</small>" in page


def test_two_families_with_gpus_are_refused(three_fake_gpus, monkeypatch):
    monkeypatch.setattr(type(get_target("intel:spirv")), "devices", lambda self: ["Fake D"], raising=False)
    with pytest.raises(ValueError, match="--gpus all spreads one target family over its GPUs, but cpu and intel "
                                         "both have GPUs here: run each family's targets in its own command"):
        device_workers(["cpu", "intel:spirv"])

