"""Targets the tests here run on, found in the registry: every installed SIMT target (capabilities.simt), and
for behaviour every target shares, every installed target."""
import pytest

import pantile
from pantile.targets.registry import all_targets, get_target

SIMT_TARGETS = [t.arch for t in all_targets() if t.capabilities.simt]
ALL_TARGETS = [t.arch for t in all_targets()]


def _launches_on(arch: str):
    """Launches go to `arch`; a target that needs a GPU skips (printing why) without one, any other target that
    cannot run fails."""
    target = get_target(arch)
    why = target.unavailable()
    if why and target.capabilities.needs_gpu:
        print(f"skipping GPU execution on {arch}: {why}")
        pytest.skip(f"no GPU for {arch} here: {why}")
    if why:
        pytest.fail(f"{arch} cannot run kernels here: {why}")
    with pantile.target(target.arch):
        yield target


@pytest.fixture(params=SIMT_TARGETS)
def simt_target(request):
    """A SIMT target that kernels launch on."""
    yield from _launches_on(request.param)


@pytest.fixture(params=ALL_TARGETS)
def any_target(request):
    """Any target that kernels launch on."""
    yield from _launches_on(request.param)
