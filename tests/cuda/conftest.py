"""Shared helpers of the CUDA tests: compile IR-built kernels, and the GPU (or why there is none)."""
from __future__ import annotations

import pytest

from pantile.ir import Module
from pantile.passes.manager import PassManager
from pantile.targets.base import Artifact, CompileOptions
from pantile.targets.registry import get_target


def compile_module(module: Module, arch: str, num_warps: int = 4, debug: bool = False) -> Artifact:
    """Run the target pipeline and emit the artifact."""
    target = get_target(arch)
    options = CompileOptions(num_warps=num_warps, debug=debug)
    PassManager(target.pipeline(options)).run(module)
    return target.emit(module, options)


@pytest.fixture(scope="session")
def gpu():
    """The target of the installed GPU; skips (printing why) on machines without one."""
    target = get_target("cuda")
    why = target.unavailable()
    if why:
        print(f"skipping GPU execution: {why}")
        pytest.skip(f"no CUDA GPU here: {why}")
    return target
