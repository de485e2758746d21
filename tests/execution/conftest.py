"""Every execution test runs once per target named by PANTILE_TEST_TARGETS.

By default: every installed target (built-in or plug-in) that can execute kernels on this machine and
does not need a GPU (its capability record's `needs_gpu`); the pytest header names them and any left out,
saying why. On the GPU machine: `PANTILE_TEST_TARGETS=cuda python3 -m pytest tests/execution`. A named
target that cannot run here fails its tests, since it was asked for; only a target whose capabilities
say it needs a GPU, which CI machines cannot have, skips instead, printing why. A test excludes a target
only through the target's capability record (the `requires` fixture), and the skip reason names the
capability.
"""
from __future__ import annotations

import os

# The parametrisation by target and its fixtures, shared with tests/fuzz.
from targets_under_test import (exec_target, left_out_by_default, on_exec_target, pytest_generate_tests,  # noqa: F401
                                requested_targets, requires)


def pytest_report_header(config) -> str:
    """Which targets the execution tests run on, which the default left out and why, and how to choose."""
    header = f"execution tests on: {', '.join(requested_targets())} (set PANTILE_TEST_TARGETS to choose)"
    if "PANTILE_TEST_TARGETS" not in os.environ:
        header += "".join(f"\n  not run by default: {arch}: {why}" for arch, why in left_out_by_default().items())
    return header
