"""The SIMT targets the tests here run on: intel:spirv (Intel's OpenCL CPU runtime, in CI) and cuda (a GPU)."""
import pytest

import pantile
from pantile.targets.registry import get_target

SIMT_TARGETS = ("intel:spirv", "cuda")


@pytest.fixture(params=SIMT_TARGETS)
def simt_target(request):
    """Launches go to this SIMT target; cuda skips (printing why) without a GPU, a missing OpenCL runtime fails."""
    target = get_target(request.param)
    why = target.unavailable()
    if why and target.name == "cuda":
        print(f"skipping GPU execution: {why}")
        pytest.skip(f"no CUDA GPU here: {why}")
    if why:
        pytest.fail(f"{request.param} cannot run kernels here: {why}")
    with pantile.target(target.arch):
        yield target
