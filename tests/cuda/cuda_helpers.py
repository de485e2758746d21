"""Compiling IR-built kernels for the CUDA tests (a module of its own: conftest names clash across folders)."""
from __future__ import annotations

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
