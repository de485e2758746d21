"""Cases spread over worker processes on this machine (`--jobs N`, `--gpus all`), and the worker process that a
fleet node runs its cases in.

Each worker is a fresh Python (not a fork: a parent that touched a GPU driver cannot fork a usable child)
running pantile.conformance.worker. A case that ends its worker (a crash in a driver, LLVM aborting) is that
case's failure, and a worker whose device faulted is replaced before it takes another case; the run goes on.
"""
from __future__ import annotations

import json
import os
import select
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

from . import schema
from .case import Case
from .runner import Result
from .where import stamped

# One unit of work: a case, the target, and the tier to run it in (None: the best the worker's machine reaches).
Task = tuple[Case, str, Optional[str]]


@dataclass(frozen=True)
class WorkerSpec:
    """How to start one worker: environment variables to add (the device it may see, its name in reports)."""

    env: dict[str, str] = field(default_factory=dict)


def _ended(returncode: Optional[int]) -> str:
    """How a process ended, in words."""
    if returncode is not None and returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with status {returncode}"


class WorkerProcess:
    """One running worker: send it a task, read its result; it is replaced when it faults or dies."""

    def __init__(self, spec: WorkerSpec = WorkerSpec(), timeout: Optional[float] = None) -> None:
        self.spec, self.timeout = spec, timeout
        self.task: Optional[Task] = None
        self.deadline = float("inf")      # when the task sent last has run too long (never without a timeout)
        read, write = os.pipe()
        self.process = subprocess.Popen([sys.executable, "-m", "pantile.conformance.worker", "--answers", str(write)],
                                        stdin=subprocess.PIPE, pass_fds=(write,), text=True,
                                        env={**os.environ, **spec.env})
        os.close(write)
        self.answers = os.fdopen(read, "r")

    def send(self, task: Task) -> None:
        """Start `task` on the worker."""
        case, arch, tier = task
        self.task = task
        self.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        try:
            self.process.stdin.write(json.dumps({"case": case.name, "target": arch, "tier": tier}) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:   # it died before; receive() reports the task as the crash's
            pass

    def receive(self) -> Result:
        """The result of the task sent last; a failure naming how the worker ended when it died running it."""
        line = self.answers.readline()
        case, arch, tier = self.task
        self.task = None
        if line:
            return schema.decode(json.loads(line))
        returncode = self.process.wait()
        detail = (f"the worker process running this case {_ended(returncode)}; the case is counted as failed and "
                  f"the run went on in a fresh worker (run the case alone: python -m pantile.conformance "
                  f"--targets {arch} --cases '{case.name}')")
        return stamped(Result(case.name, case.group, arch, tier or "executed", False, detail))

    def give_up(self) -> Result:
        """The task sent last ran longer than the timeout: a failure, and the worker killed (replace it)."""
        case, arch, tier = self.task
        self.task = None
        self.process.kill()
        self.process.wait()
        detail = (f"the case ran longer than {self.timeout:g} s (--timeout); its worker was killed and the run went "
                  f"on in a fresh one")
        return stamped(Result(case.name, case.group, arch, tier or "executed", False, detail))

    def run(self, task: Task) -> Result:
        """Send `task` and wait for its result, at most the timeout."""
        self.send(task)
        ready, _, _ = select.select([self.answers], [], [], self.timeout)
        return self.receive() if ready else self.give_up()

    def alive(self) -> bool:
        """Whether it can take another task."""
        return self.process.poll() is None

    def close(self) -> None:
        """End the worker: stdin closed, then killed if it does not leave."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.answers.close()


def run_parallel(tasks: Sequence[Task], specs: Sequence[WorkerSpec],
                 on_result: Callable[[Result], None] = lambda r: None, timeout: Optional[float] = None) -> list[Result]:
    """Every task's result, run on one worker per spec; `on_result` sees each as it finishes. A case running
    longer than `timeout` seconds fails and its worker is replaced."""
    queue = list(reversed(tasks))
    workers = [WorkerProcess(spec, timeout) for spec in specs[:max(1, len(tasks))]]
    results = []
    selector = selectors.DefaultSelector()

    def finish(worker: WorkerProcess, result: Result) -> WorkerProcess:
        """Account for the result; the worker to go on with (a fresh one where it faulted, died or hung)."""
        results.append(result)
        on_result(result)
        if not (result.fault or not worker.alive()):
            return worker
        selector.unregister(worker.answers)
        worker.close()
        fresh = workers[workers.index(worker)] = WorkerProcess(worker.spec, timeout)
        selector.register(fresh.answers, selectors.EVENT_READ, fresh)
        return fresh

    try:
        for worker in workers:
            selector.register(worker.answers, selectors.EVENT_READ, worker)
        idle = list(workers)
        while queue or len(idle) < len(workers):
            while queue and idle:
                idle.pop().send(queue.pop())
            wait = min(w.deadline for w in workers if w.task is not None) - time.monotonic()
            for key, _ in selector.select(None if wait == float("inf") else max(0.0, wait)):
                idle.append(finish(key.data, key.data.receive()))
            for worker in [w for w in workers if w.task is not None and time.monotonic() > w.deadline]:
                idle.append(finish(worker, worker.give_up()))
    finally:
        for worker in workers:
            worker.close()
        selector.close()
    return results


def in_order(results: Sequence[Result], tasks: Sequence[Task]) -> list[Result]:
    """The results in the order of their tasks (workers finish in any order; reports keep the suite's)."""
    rank = {(case.name, arch): i for i, (case, arch, _) in enumerate(tasks)}
    return sorted(results, key=lambda r: rank[(r.case, r.target)])


__all__ = ["Task", "WorkerSpec", "WorkerProcess", "run_parallel", "in_order"]
