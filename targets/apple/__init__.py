"""pantile.targets.apple: Vulkan-flavour SPIR-V run through wgpu (Metal on Apple GPUs, Vulkan elsewhere).

The target module (and with it the SIMT lowering and llvmlite) loads when the target is first made.
"""
from __future__ import annotations

from typing import Any

ARCH = "apple:spirv"


def make_target(arch: str) -> Any:
    """The apple:spirv target (the entry point of the `apple` family)."""
    if arch not in ("apple", ARCH):
        raise ValueError(f"unknown Apple target {arch!r}: the Apple family has only {ARCH!r}")
    from .target import AppleTarget
    return AppleTarget()


__all__ = ["ARCH", "make_target"]
