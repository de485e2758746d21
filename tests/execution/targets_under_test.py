"""Which targets the execution tests (and the fuzzer) run on: PANTILE_TEST_TARGETS, or by default every installed
target (built-in or plug-in) that can execute kernels on this machine and does not need a GPU."""
from __future__ import annotations

import os
from typing import Callable, Iterator, Sequence

import pytest

import pantile
from pantile.targets.base import Target
from pantile.targets.registry import all_targets, get_target


def left_out_by_default() -> dict[str, str]:
    """Installed targets the default run leaves out, and why."""
    out = {}
    for t in all_targets():
        why = "needs a GPU (capabilities.needs_gpu)" if t.capabilities.needs_gpu else t.unavailable()
        if why is not None:
            out[t.arch] = why
    return out


def requested_targets() -> list[str]:
    """The target names PANTILE_TEST_TARGETS lists, in order; by default every installed target that
    executes here without a GPU."""
    listed = os.environ.get("PANTILE_TEST_TARGETS")
    if listed is None:
        skipped = left_out_by_default()
        return [t.arch for t in all_targets() if t.arch not in skipped]
    return [t for t in (name.strip() for name in listed.split(",")) if t]


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
        if target.capabilities.needs_gpu:
            print(f"skipping execution on {arch}: {why}")
            pytest.skip(f"no GPU for {arch} here: {why}")
        pytest.fail(f"PANTILE_TEST_TARGETS names {arch}, which cannot run kernels here: {why}")
    return target


@pytest.fixture(autouse=True)
def on_exec_target(exec_target: Target, request) -> Iterator[None]:
    """Launches inside the test go to its target; a test the target lists among its known failures (capabilities
    .extra["known_failures"], by test name, with its other parameters in brackets where only some fail: why) is a
    strict xfail there, so that a fix shows as a pass."""
    known = exec_target.capabilities.extra.get("known_failures", {})
    name = request.node.name.replace(f"[{exec_target.arch}]", "").replace(f"[{exec_target.arch}-", "[")
    why = known.get(name, known.get(getattr(request.node, "originalname", "")))
    if why is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"{exec_target.arch}: known failure: {why}"))
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
