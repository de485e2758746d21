"""Every execution test runs once per target named by PANTILE_TEST_TARGETS (default: cpu,intel:spirv).

On the GPU machine: `PANTILE_TEST_TARGETS=cuda python3 -m pytest tests/execution`. A named target
that cannot run here fails its tests, since it was asked for; only a GPU target, which CI machines
cannot have, skips instead, printing why. A test excludes a target only through the target's
capability record (the `requires` fixture), and the skip reason names the capability.
"""
from __future__ import annotations

import os
from typing import Callable, Iterator, Sequence

import pytest

import pantile
from pantile.targets.base import Target
from pantile.targets.registry import family, get_target

DEFAULT_TARGETS = "cpu,intel:spirv"
GPU_FAMILIES = ("cuda",)   # hardware CI cannot have


def requested_targets() -> list[str]:
    """The target names PANTILE_TEST_TARGETS lists, in order."""
    names = [t.strip() for t in os.environ.get("PANTILE_TEST_TARGETS", DEFAULT_TARGETS).split(",")]
    return [t for t in names if t]


def pytest_report_header(config) -> str:
    """Which targets the execution tests run on, and how to choose others."""
    return f"execution tests on: {', '.join(requested_targets())} (set PANTILE_TEST_TARGETS to choose)"


def pytest_generate_tests(metafunc) -> None:
    """Parametrise every test that uses `exec_target` (all of them, through the autouse fixture) by target."""
    if "exec_target" in metafunc.fixturenames:
        names = requested_targets()
        metafunc.parametrize("exec_target", names, ids=names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def exec_target(request) -> Target:
    """The target this test runs on; fails when it cannot run here, or skips, printing why, for a GPU."""
    arch = request.param
    if os.environ.get("PANTILE_TARGET"):
        pytest.fail(f"PANTILE_TARGET={os.environ['PANTILE_TARGET']} would send every launch to one target; "
                    f"unset it and name the targets in PANTILE_TEST_TARGETS instead")
    target = get_target(arch)
    why = target.unavailable()
    if why is not None:
        if family(arch) in GPU_FAMILIES:
            print(f"skipping execution on {arch}: {why}")
            pytest.skip(f"no GPU for {arch} here: {why}")
        pytest.fail(f"PANTILE_TEST_TARGETS names {arch}, which cannot run kernels here: {why}")
    return target


@pytest.fixture(autouse=True)
def on_exec_target(exec_target: Target) -> Iterator[None]:
    """Launches inside the test go to its target."""
    with pantile.target(exec_target.arch):
        yield


@pytest.fixture
def requires(exec_target: Target) -> Callable[..., None]:
    """requires(dtypes=, dot=, atomics=, math=) skips the test where the target's capabilities exclude it."""
    def check(**needs: Sequence[str]) -> None:
        why = exec_target.capabilities.unsupported(**needs)
        if why is not None:
            pytest.skip(f"{exec_target.arch}: {why}")
    return check
