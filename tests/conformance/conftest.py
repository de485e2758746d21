"""Which conformance cases and targets this pytest run covers, said in pytest's header.

CI (CI=true) or PANTILE_CONFORMANCE=full runs every case; a developer's run
takes every SAMPLE_STEP-th case of each group, because the full matrix
compiles a few thousand kernels.
"""
import os

import pytest

from pantile.conformance import all_cases
from pantile.conformance.runner import EXECUTED, VALIDATED
from pantile.targets.registry import available_families, family, get_target

BUILT_IN_TARGETS = {"cpu": EXECUTED, "intel:spirv": EXECUTED, "cuda:sm_80": VALIDATED, "cuda:sm_90a": VALIDATED}
# A target installed from its own distribution (plugins/) runs the suite too, executing where it can.
CI_TARGETS = {**BUILT_IN_TARGETS, **{fam: EXECUTED if get_target(fam).unavailable() is None else VALIDATED
                                     for fam in available_families()
                                     if fam not in {family(arch) for arch in BUILT_IN_TARGETS}}}
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
