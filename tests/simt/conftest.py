"""Targets the tests here run on: the SIMT ones, intel:spirv (Intel's OpenCL CPU runtime, in CI) and cuda
(a GPU), and for behaviour every target shares, the cpu too."""
import pytest

import pantile
from pantile.targets.registry import get_target

SIMT_TARGETS = ("intel:spirv", "cuda")


def _launches_on(arch: str):
    """Launches go to `arch`; cuda skips (printing why) without a GPU, any other target that cannot run fails."""
    target = get_target(arch)
    why = target.unavailable()
    if why and target.name == "cuda":
        print(f"skipping GPU execution: {why}")
        pytest.skip(f"no CUDA GPU here: {why}")
    if why:
        pytest.fail(f"{arch} cannot run kernels here: {why}")
    with pantile.target(target.arch):
        yield target


@pytest.fixture(params=SIMT_TARGETS)
def simt_target(request):
    """A SIMT target that kernels launch on."""
    yield from _launches_on(request.param)


@pytest.fixture(params=("cpu",) + SIMT_TARGETS)
def any_target(request):
    """Any target that kernels launch on."""
    yield from _launches_on(request.param)
