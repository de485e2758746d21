"""Conformance on a Ray cluster: each case a Ray task on a node that runs it in the best tier the cluster
offers (fleet/offers.py), results streamed back as they finish.

On the node, a task runs its case in a conformance worker process (pool.WorkerProcess) that the Ray worker
keeps: a case that kills it is that case's failure, and one that faults its device gets it replaced before the
next case. A node lost mid-run costs nothing: Ray runs its unfinished tasks again on another node that offers
the same resource (up to RETRIES times); a case no live node can take any more is reported as not run.
"""
from __future__ import annotations

import json
import os
import socket
import time
from typing import Any, Callable, Optional, Sequence

from pantile.targets.registry import family, get_target

from .. import schema
from ..catalog import by_name
from ..pool import Task, WorkerProcess, WorkerSpec
from ..runner import EXECUTED, NOT_RUN, Result
from ..where import DEVICE_VARIABLE, node_name
from .offers import best_tier, resource

RETRIES = 3          # Ray's retries of a task whose worker or node died
POLL_SECONDS = 2.0   # how often the driver looks for nodes that left while it waits for results
_held: dict[str, Any] = {}   # in a Ray worker: its conformance worker process


def ray_module() -> Any:
    """The ray package, or ValueError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ValueError("Ray is not installed here; a fleet needs it on every node and where --ray runs: "
                         "pip install 'pantile[fleet]'") from None
    return ray


def _pinned_spec(arch: str, tier: str) -> WorkerSpec:
    """The conformance worker a Ray task needs: for a GPU case, seeing the GPU Ray gave this task."""
    ray = ray_module()
    target = get_target(arch)
    if tier != EXECUTED or not target.capabilities.needs_gpu:
        return WorkerSpec()
    gpus = [str(g) for g in ray.get_gpu_ids()]
    names = target.devices()
    label = f"GPU {','.join(gpus)}: {names[0] if names else 'unknown'} on {node_name()}"
    env = {k: os.environ[k] for k in target.device_environment(0) if k in os.environ}
    return WorkerSpec({**env, DEVICE_VARIABLE: json.dumps({"family": family(arch), "device": label})})


def run_on_node(case_name: str, arch: str, tier: str, timeout: Optional[float] = None) -> dict:
    """(A Ray task, on a node.) The case's result as the results file's object, from this Ray worker's
    conformance worker process, started afresh where it died, faulted, hung or sees another device."""
    spec = _pinned_spec(arch, tier)
    worker = _held.get("worker")
    if worker is None or (worker.spec, worker.timeout) != (spec, timeout) or not worker.alive():
        if worker is not None:
            worker.close()
        worker = _held["worker"] = WorkerProcess(spec, timeout)
    result = worker.run((by_name(case_name), arch, tier))
    if result.fault or not worker.alive():
        worker.close()
        del _held["worker"]
    return schema.encode(result)


_HOW = "start its head with pantile-node --head, and the other machines with pantile-node --address HEAD:6379"


def _reachable(address: str) -> None:
    """ValueError unless the head at HOST:PORT answers (Ray itself waits minutes for an absent head)."""
    host, _, port = address.rpartition(":")
    if address == "auto" or "://" in address or not port.isdigit():
        return
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=10).close()
    except OSError as err:
        raise ValueError(f"cannot reach the Ray cluster's head at {address}: {err}; {_HOW}") from None


def connect(address: str) -> Any:
    """ray, connected to the cluster at `address` ('auto': the one started on this machine)."""
    ray = ray_module()
    if not ray.is_initialized():
        _reachable(address)
        try:
            ray.init(address=address, logging_level="warning", configure_logging=True)
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise ValueError(f"cannot connect to the Ray cluster at {address!r}: {err}; {_HOW}") from None
    return ray


def offered_resources(ray: Any) -> set[str]:
    """The resources the cluster's live nodes offer now."""
    return {name for node in ray.nodes() if node["Alive"] for name in node["Resources"]}


def _not_run(task: Task, why: str) -> Result:
    case, arch, _ = task
    return Result(case.name, case.group, arch, NOT_RUN, False, why)


def run_on_ray(tasks: Sequence[Task], address: str, on_result: Callable[[Result], None] = lambda r: None,
               poll: float = POLL_SECONDS, timeout: Optional[float] = None) -> list[Result]:
    """Every task's result from the cluster at `address` (in the order they finish); `on_result` sees each; a
    case running longer than `timeout` seconds fails. Disconnects afterwards unless connected before."""
    connected_before = ray_module().is_initialized()
    ray = connect(address)
    try:
        return _dispatch(ray, tasks, on_result, poll, timeout)
    finally:
        if not connected_before:
            ray.shutdown()


def _dispatch(ray: Any, tasks: Sequence[Task], on_result: Callable[[Result], None], poll: float,
              timeout: Optional[float]) -> list[Result]:
    """run_on_ray's work, connected."""
    remote = ray.remote(run_on_node)
    offered = offered_resources(ray)
    results: list[Result] = []
    pending: dict[Any, tuple[Task, str]] = {}

    def finish(result: Result) -> None:
        results.append(result)
        on_result(result)

    for task in tasks:
        case, arch, _ = task
        tier = best_tier(arch, offered)
        if tier is None:
            finish(_not_run(task, f"no node of the cluster offers {arch}; start pantile-node on a machine that can "
                                  f"execute or validate it"))
            continue
        gpus = 1 if tier == EXECUTED and get_target(arch).capabilities.needs_gpu else 0
        # one CPU each too: a node runs at most as many cases as it has CPUs, however many targets it offers
        ref = remote.options(num_cpus=1, num_gpus=gpus, resources={resource(tier, arch): 1}, max_retries=RETRIES,
                             name=f"{arch} {case.name}").remote(case.name, arch, tier, timeout)
        pending[ref] = (task, tier)
    checked = time.monotonic()
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1, timeout=poll)
        for ref in ready:
            task, tier = pending.pop(ref)
            finish(_outcome(ray, ref, task, tier))
        if time.monotonic() - checked >= poll:
            checked = time.monotonic()
            offered = offered_resources(ray)
            for ref, (task, tier) in list(pending.items()):
                if resource(tier, task[1]) not in offered:
                    ray.cancel(ref, force=True)
                    del pending[ref]
                    finish(_not_run(task, f"every node offering {resource(tier, task[1])} left the cluster before "
                                          f"this case ran"))
    return results


def _outcome(ray: Any, ref: Any, task: Task, tier: str) -> Result:
    """The finished task's result; a failure where the node's pantile raised, not run where Ray gave up."""
    case, arch, _ = task
    try:
        return schema.decode(ray.get(ref))
    except ray.exceptions.RayTaskError as err:
        return Result(case.name, case.group, arch, tier, False, f"the node could not run the case: {err}"[:4000])
    except ray.exceptions.RayError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else ""
        return _not_run(task, f"lost after {RETRIES} retries: {type(err).__name__}: {first}")

