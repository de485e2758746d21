"""The conformance suite on a Ray cluster of three simulated nodes on this machine, each offering other targets
(fleet/offers.py): the merged matrix equals a run in one process case by case, every cell names the node that
produced it, and a node killed mid-run loses no case; autotuning's compiles run on it too. One cluster serves
the module (Ray starts slowly).

The Ray driver (`--ray`, the compile pool) runs in a child process: once a process has connected to Ray, Ray's
fatal-signal handler runs first, and with Intel's OpenCL runtime also loaded a CPU kernel's fault then ends the
process instead of raising DeviceFaultError, which would end this test process's later fault tests."""
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from ray.cluster_utils import Cluster

from pantile.conformance import cli, select
from pantile.conformance.fleet.offers import node_offers
from pantile.conformance.where import NODE_VARIABLE

# A fixed subset: kernels of several groups, on a target each node executes and one every node validates.
CASES = "grid/*,arith/add/i32,arith/mul/f32,reduce/sum/axis1/f32/1x9,cast/f32->i32,dot/f32/16x16x16"
TARGETS = ["cpu", "intel:spirv", "cuda:sm_90a"]
NODES = {"cpu-node": dict(archs=["cpu", "cuda:sm_90a"]),
         "intel-node": dict(archs=["intel:spirv", "cuda:sm_90a"]),
         "validating-node": dict(archs=TARGETS, execute=False)}
# The node-loss test's cases: none of CASES, so that intel-node, whose kernel cache is its own and new, compiles
# each of them, and still has most to run when it is killed at its first result.
KILL_CASES = "arith/sub/*"
RAY_RUN = [sys.executable, "-m", "pantile.conformance", "--targets", ",".join(TARGETS)]


def _add(cluster, name, caches):
    env = {NODE_VARIABLE: name, **({"PANTILE_CACHE_DIR": str(caches.mktemp(name))} if name == "intel-node" else {})}
    return cluster.add_node(num_cpus=1, resources=node_offers(1, **NODES[name]), env_vars=env)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A head with no resources of its own and the three nodes, found dead within a second or two; the nodes by
    name, and how to add one again."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    made = Cluster(initialize_head=True, head_node_args={
        "num_cpus": 0, "include_dashboard": False,
        "_system_config": {"health_check_period_ms": 500, "health_check_failure_threshold": 2}})
    nodes = {name: _add(made, name, tmp_path_factory) for name in NODES}
    made.wait_for_nodes()
    yield made, nodes, lambda name: _add(made, name, tmp_path_factory)
    made.shutdown()


def _cells(path):
    return {(r["case"], r["target"]): r for r in json.loads(path.read_text())["results"]}


def test_the_fleet_matrix_equals_one_process(cluster, tmp_path):
    made, _, _ = cluster
    assert cli.main([*RAY_RUN[3:], "--cases", CASES, "--report", str(tmp_path / "one")]) == 0
    run = subprocess.run([*RAY_RUN, "--cases", CASES, "--report", str(tmp_path / "fleet"), "--ray", made.address],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=400)
    assert run.returncode == 0, run.stderr[-3000:]
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


def test_a_node_lost_mid_run_loses_no_case(cluster, tmp_path):
    made, nodes, add = cluster
    fleet = subprocess.Popen([*RAY_RUN, "--cases", KILL_CASES, "--report", str(tmp_path), "--ray", made.address],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    progress = []
    try:
        for line in fleet.stderr:   # one line per result, as it arrives
            if not re.match(r"\[\d+/\d+\] ", line):
                continue        # Ray's own messages
            progress.append(line)
            if line.split()[1] == "intel:spirv" and "intel-node" in nodes:   # only intel-node executes it
                made.remove_node(nodes.pop("intel-node"), allow_graceful=False)
        assert fleet.wait(timeout=400) == 1    # 1: some cases did not run
    finally:
        fleet.kill()
        if "intel-node" not in nodes:
            nodes["intel-node"] = add("intel-node")
    cells = _cells(tmp_path / "results.json")
    assert sorted(cells) == sorted((c.name, t) for t in TARGETS for c in select(KILL_CASES))
    assert len(progress) == len(cells)
    # the cuda cases the lost node held ran again on another node that validates them
    assert all(r["status"] == "passed" for (_, t), r in cells.items() if t != "intel:spirv")
    # no other node executes intel:spirv: its cases after the loss are reported, not dropped
    intel = [r for (_, t), r in cells.items() if t == "intel:spirv"]
    not_run = [r for r in intel if r["status"] == "not run"]
    assert not_run and all(r["status"] == "passed" for r in intel if r not in not_run)
    assert {r["detail"] for r in not_run} == {"every node offering pantile-executes:intel:spirv left the cluster "
                                              "before this case ran"}


COMPILE_ON_THE_FLEET = textwrap.dedent("""
    import json, os, sys
    from pantile.conformance.catalog import by_name
    from pantile.conformance.fleet.compiles import RayCompilePool
    from pantile.runtime.cache import DiskCache
    from pantile.runtime.compile_pool import CompileJob
    from pantile.runtime.compiler import cache_key
    case = by_name("arith/add/f32")
    requests = [case.kernel.compile_request(case.make_inputs(), {**case.constexpr_dict(), "BLOCK": block})
                for block in (32, 64, 128)]
    keys = [cache_key(case.kernel, *request) for request in requests]
    before = [DiskCache().get(key) is not None for key in keys]
    pool = RayCompilePool(sys.argv[1])
    results = dict(pool.compile([CompileJob.of(case.kernel, *request) for request in requests]))
    pool.close()
    print(json.dumps({"before": before, "after": [DiskCache().get(key) is not None for key in keys],
                      "results": {i: [r.error, r.pid != os.getpid()] for i, r in results.items()}}))
""")


def test_autotuning_configs_compile_on_the_fleet_into_this_machines_cache(cluster, tmp_path):
    made, _, _ = cluster
    # the caller's cache is empty and its own; the nodes keep theirs
    run = subprocess.run([sys.executable, "-c", COMPILE_ON_THE_FLEET, made.address], capture_output=True, text=True,
                         env={**os.environ, "PANTILE_CACHE_DIR": str(tmp_path / "here")}, timeout=400)
    assert run.returncode == 0, run.stderr[-3000:]
    (outcome,) = [json.loads(line) for line in run.stdout.splitlines() if line.startswith('{"before"')]
    assert outcome == {"before": [False] * 3, "after": [True] * 3,
                       "results": {str(i): [None, True] for i in range(3)}}
