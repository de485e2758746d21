"""pantile.targets.intel: SPIR-V kernels (OpenCL flavour) run through pyopencl, e.g. on Intel's pip CPU runtime.

The target module (and with it the SIMT lowering and llvmlite) loads when the
target is first made, so the runtime pieces can be imported on their own.
"""
from __future__ import annotations

from typing import Any

ARCH = "intel:spirv"


def make_target(arch: str) -> Any:
    """The intel:spirv target (the entry point of the `intel` family)."""
    if arch not in ("intel", ARCH):
        raise ValueError(f"unknown Intel target {arch!r}: the Intel family has only {ARCH!r}")
    from .target import IntelTarget
    return IntelTarget()


__all__ = ["ARCH", "make_target"]
