"""The conformance suite on a Ray cluster of three simulated nodes on this machine, each offering other targets
(fleet/offers.py): the merged matrix equals a run in one process case by case, every cell names the node that
produced it, and a node killed mid-run loses no case; autotuning's compiles run on it too. One cluster serves
the module (Ray starts slowly)."""
import json
import os

import pytest
from ray.cluster_utils import Cluster

from pantile.conformance import cli, select
from pantile.conformance.catalog import by_name
from pantile.conformance.fleet.compiles import RayCompilePool
from pantile.conformance.fleet.dispatch import run_on_ray
from pantile.conformance.fleet.offers import node_offers
from pantile.conformance.runner import NOT_RUN
from pantile.conformance.where import NODE_VARIABLE
from pantile.runtime.cache import DiskCache
from pantile.runtime.compile_pool import CompileJob
from pantile.runtime.compiler import cache_key

# A fixed subset: kernels of several groups, on a target each node executes and one every node validates.
CASES = "grid/*,arith/add/i32,arith/mul/f32,reduce/sum/axis1/f32/1x9,cast/f32->i32,dot/f32/16x16x16"
TARGETS = ["cpu", "intel:spirv", "cuda:sm_90a"]
NODES = {"cpu-node": dict(archs=["cpu", "cuda:sm_90a"]),
         "intel-node": dict(archs=["intel:spirv", "cuda:sm_90a"]),
         "validating-node": dict(archs=TARGETS, execute=False)}


def _add(cluster, name):
    return cluster.add_node(num_cpus=1, resources=node_offers(1, **NODES[name]), env_vars={NODE_VARIABLE: name})


@pytest.fixture(scope="module")
def cluster():
    """A head with no resources of its own and the three nodes, found dead within a second or two."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    made = Cluster(initialize_head=True, head_node_args={
        "num_cpus": 0, "include_dashboard": False,
        "_system_config": {"health_check_period_ms": 500, "health_check_failure_threshold": 2}})
    nodes = {name: _add(made, name) for name in NODES}
    made.wait_for_nodes()
    yield made, nodes
    made.shutdown()


def _cells(path):
    return {(r["case"], r["target"]): r for r in json.loads(path.read_text())["results"]}


def test_the_fleet_matrix_equals_one_process(cluster, tmp_path):
    made, _ = cluster
    args = ["--targets", ",".join(TARGETS), "--cases", CASES, "--report"]
    assert cli.main([*args, str(tmp_path / "one")]) == 0
    assert cli.main([*args, str(tmp_path / "fleet"), "--ray", made.address]) == 0
    one, fleet = _cells(tmp_path / "one" / "results.json"), _cells(tmp_path / "fleet" / "results.json")
    assert len(one) == len(TARGETS) * len(select(CASES))
    assert list(fleet) == list(one)
    assert {k: (r["tier"], r["status"], r["detail"]) for k, r in fleet.items()} == {
        k: (r["tier"], r["status"], r["detail"]) for k, r in one.items()}
    # each case ran on a node offering its target in the best tier: cpu and intel executed on their nodes
    assert {r["node"] for (_, t), r in fleet.items() if t == "cpu"} == {"cpu-node"}
    assert {r["node"] for (_, t), r in fleet.items() if t == "intel:spirv"} == {"intel-node"}
    assert {r["node"] for (_, t), r in fleet.items() if t == "cuda:sm_90a"} <= set(NODES)
    assert all(r["device"].startswith("ptxas: ") for (_, t), r in fleet.items() if t == "cuda:sm_90a")
    assert "<br><small>intel-node · " in (tmp_path / "fleet" / "results.html").read_text()


def test_a_node_lost_mid_run_loses_no_case(cluster):
    made, nodes = cluster
    tasks = [(case, arch, None) for arch in TARGETS for case in select(CASES)]
    seen = []

    def kill_intel_node_at_its_first_result(result):
        seen.append(result)
        if result.node == "intel-node" and "intel-node" in nodes:
            made.remove_node(nodes.pop("intel-node"), allow_graceful=False)

    try:
        results = run_on_ray(tasks, made.address, kill_intel_node_at_its_first_result, poll=0.5)
    finally:
        if "intel-node" not in nodes:
            nodes["intel-node"] = _add(made, "intel-node")
    assert results == seen
    assert sorted((r.case, r.target) for r in results) == sorted((c.name, a) for c, a, _ in tasks)
    by_target = {t: [r for r in results if r.target == t] for t in TARGETS}
    # the cuda cases the lost node held ran again on another node that validates them
    assert all(r.status == "passed" for t in ("cpu", "cuda:sm_90a") for r in by_target[t])
    # no other node executes intel:spirv: its cases after the loss are reported, not dropped
    not_run = [r for r in by_target["intel:spirv"] if r.status == NOT_RUN]
    assert not_run and all(r.status == "passed" for r in by_target["intel:spirv"] if r not in not_run)
    assert {r.detail for r in not_run} == {"every node offering pantile-executes:intel:spirv left the cluster "
                                           "before this case ran"}


def test_autotuning_configs_compile_on_the_fleet_into_this_machines_cache(cluster, tmp_path, monkeypatch):
    made, _ = cluster
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path / "here"))   # the nodes keep their own caches
    case = by_name("arith/add/f32")
    requests = [case.kernel.compile_request(case.make_inputs(), {**case.constexpr_dict(), "BLOCK": block})
                for block in (32, 64, 128)]
    jobs = [CompileJob.of(case.kernel, *request) for request in requests]
    keys = [cache_key(case.kernel, *request) for request in requests]
    assert all(DiskCache().get(key) is None for key in keys)
    pool = RayCompilePool(made.address)
    try:
        results = dict(pool.compile(jobs))
    finally:
        pool.close()
    assert sorted(results) == [0, 1, 2]
    assert all(r.error is None and r.pid != os.getpid() for r in results.values()), results
    assert all(DiskCache().get(key) is not None for key in keys)
