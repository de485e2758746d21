"""The GPU fixture of the CUDA tests: the installed GPU's target, or a skip that says why there is none."""
from __future__ import annotations

import pytest

from pantile.targets.registry import get_target


@pytest.fixture(scope="session")
def gpu():
    """The target of the installed GPU; skips (printing why) on machines without one."""
    target = get_target("cuda")
    why = target.unavailable()
    if why:
        print(f"skipping GPU execution: {why}")
        pytest.skip(f"no CUDA GPU here: {why}")
    return target
