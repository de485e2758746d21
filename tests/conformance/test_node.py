"""pantile-node's offer (the Ray resources of the targets this machine executes and validates), its ray start
command, and what --ray says when no cluster answers."""
import json
import shlex

from pantile.conformance import cli, node
from pantile.conformance.fleet.offers import best_tier, node_offers, resource
from pantile.targets.cuda import requirements as cuda_requirements
from pantile.targets.registry import get_target


def test_this_machine_offers_what_its_registry_says():
    offers = node_offers(3)
    # cpu and Intel's OpenCL CPU runtime execute here; CUDA has ptxas but no GPU
    assert offers["pantile-executes:cpu"] == offers["pantile-executes:intel:spirv"] == 3.0
    assert offers["pantile-validates:cuda:sm_90a"] == offers["pantile-validates:cuda:sm_80"] == 3.0
    assert "pantile-executes:cuda:sm_90a" not in offers
    assert node_offers(2, ["cpu", "cuda:sm_90a"], execute=False) == {"pantile-validates:cpu": 2.0,
                                                                     "pantile-validates:cuda:sm_90a": 2.0}


def test_a_case_goes_to_the_best_tier_some_node_offers():
    offered = {resource("validated", "cuda:sm_90a"), resource("executed", "cpu"), resource("validated", "cpu")}
    assert (best_tier("cpu", offered), best_tier("cuda:sm_90a", offered), best_tier("hip:gfx942", offered)) == (
        "executed", "validated", None)


def test_dry_run_prints_the_offer_and_the_ray_start_command(capsys):
    assert node.main(["--address", "10.0.0.1:6379", "--targets", "cpu,cuda:sm_90a", "--slots", "2", "--name",
                      "lab-1", "--dry-run"]) == 0
    offer, command = capsys.readouterr().out.splitlines()
    assert offer == ("node lab-1 offers: pantile-executes:cpu=2, pantile-validates:cpu=2, "
                     "pantile-validates:cuda:sm_90a=2")
    words = shlex.split(command)
    assert words[0] == "PANTILE_NODE_NAME=lab-1" and words[2:6] == ["-m", "ray.scripts.scripts", "start",
                                                                  words[5]]
    assert json.loads(words[5].split("=", 1)[1]) == node_offers(2, ["cpu", "cuda:sm_90a"])
    assert words[6:] == ["--address=10.0.0.1:6379"]


def test_an_unknown_target_is_a_usage_error(capsys):
    assert node.main(["--head", "--targets", "vax", "--dry-run"]) == 2
    assert capsys.readouterr().err.startswith("pantile-node: error: unknown target 'vax'")


def test_ray_says_when_no_head_answers(capsys):
    assert cli.main(["--cases", "grid/7", "--ray", "127.0.0.1:1"]) == 2
    assert capsys.readouterr().err == ("error: cannot reach the Ray cluster's head at 127.0.0.1:1: [Errno 111] "
                                       "Connection refused; start its head with pantile-node --head, and the other "
                                       "machines with pantile-node --address HEAD:6379\n")


def test_a_gpu_node_offers_one_unit_per_gpu_and_tells_ray_its_gpus(monkeypatch, capsys):
    """As on a machine with two H100s (the driver's answers stand in)."""
    cuda = type(get_target("cuda:sm_90a"))
    monkeypatch.setattr(cuda, "devices", lambda self: ["NVIDIA H100 80GB HBM3"] * 2)
    monkeypatch.setattr(cuda, "unavailable", lambda self: None)
    monkeypatch.setattr(cuda_requirements, "_device", lambda: "NVIDIA H100 80GB HBM3 (sm_90), driver CUDA 13.0")
    assert node.main(["--head", "--targets", "cuda:sm_90a", "--slots", "16", "--dry-run"]) == 0
    offer, command = capsys.readouterr().out.splitlines()
    assert offer.endswith("offers: pantile-executes:cuda:sm_90a=2, pantile-validates:cuda:sm_90a=16")
    assert shlex.split(command)[6:] == ["--num-gpus=2", "--port=6379", "--head"]
    assert node.main(["--head", "--targets", "cuda:sm_90a", "--validate-only", "--dry-run"]) == 0
    assert "--num-gpus" not in capsys.readouterr().out
