"""Which conformance cases and targets this pytest run covers, said in pytest's header.

CI (CI=true) or PANTILE_CONFORMANCE=full runs every case; a developer's run
takes every SAMPLE_STEP-th case of each group, because the full matrix
compiles a few thousand kernels.
"""
import os

import pytest

from pantile.conformance import all_cases
from pantile.conformance.runner import EXECUTED, VALIDATED
from pantile.targets.registry import all_targets, get_target


def _ci_tier(target) -> str:
    """A target that needs a GPU is validated offline in CI; every other one executes."""
    return VALIDATED if target.capabilities.needs_gpu else EXECUTED


# Every installed target's archs (plug-ins included), with the tier CI holds them to.
CI_TARGETS = {arch: _ci_tier(t) for t in all_targets() for arch in t.family_archs()}
SAMPLE_STEP = 20
FULL = os.environ.get("CI") == "true" or os.environ.get("PANTILE_CONFORMANCE") == "full"


def _sample(cases: tuple) -> list:
    by_group: dict[str, list] = {}
    for c in cases:
        by_group.setdefault(c.group, []).append(c)
    return [c for group in by_group.values() for c in group[::SAMPLE_STEP]]


CASES = list(all_cases()) if FULL else _sample(all_cases())


def expected_tier(arch: str) -> str:
    """The tier `arch` must reach: CI's, or executed where the hardware is present."""
    if CI_TARGETS[arch] == VALIDATED and get_target(arch).unavailable() is None:
        return EXECUTED
    return CI_TARGETS[arch]


def pytest_report_header(config) -> str:
    """What part of the conformance matrix this run takes, and how to get all of it."""
    if FULL:
        return f"conformance: all {len(CASES)} cases on {', '.join(CI_TARGETS)}"
    return (f"conformance: {len(CASES)} of {len(all_cases())} cases (every {SAMPLE_STEP}th of each group) on "
            f"{', '.join(CI_TARGETS)}; CI=true or PANTILE_CONFORMANCE=full runs all of them")


def pytest_generate_tests(metafunc) -> None:
    """Parametrise tests taking `conformance_case`, `arch` and `tier` over cases by CI targets."""
    if "conformance_case" not in metafunc.fixturenames:
        return
    params = []
    for arch in CI_TARGETS:
        for case in CASES:
            params.append(pytest.param(case, arch, expected_tier(arch), id=f"{arch}:{case.name}"))
    metafunc.parametrize("conformance_case,arch,tier", params)
