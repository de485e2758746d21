"""The conformance suite as tests: every case on every target CI has, in that target's tier.

cpu and intel:spirv execute cases (Intel's OpenCL CPU runtime is installed in
CI); cuda:sm_80 and cuda:sm_90a compile them and check the PTX with ptxas.
A target that cannot reach its tier here fails: the tools are part of CI.
On a machine with an NVIDIA GPU the cuda targets execute instead.
The parametrisation (and how much of the matrix a run takes) is in conftest.py.
"""
from pantile.conformance import run_case
from pantile.conformance.runner import unsupported_reason
from pantile.targets.registry import get_target


def test_case(conformance_case, arch, tier):
    target = get_target(arch)
    reason = unsupported_reason(conformance_case, arch)
    result = run_case(conformance_case, arch)
    if reason is not None:
        assert (result.tier, result.detail) == ("unsupported", reason)
        return
    assert result.tier == tier, f"{arch} should reach tier {tier} here: {target.unavailable()}"
    assert result.passed, result.detail
