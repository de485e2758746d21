"""pantile.targets.hip: AMD GPUs through LLVM's AMDGPU back end (`hip:gfx90a`, `hip:gfx942`, `hip:gfx950`,
`hip:gfx1100`, `hip:gfx1201`); code objects v5 linked by ld.lld-22, launched through the HIP module API.

The target module (and with it the SIMT lowering and llvmlite) loads when the target is first made."""
from __future__ import annotations

from typing import Any


def make_target(arch: str = "hip") -> Any:
    """The target for 'hip:gfxNNN'; plain 'hip' means gfx942."""
    from .target import HipTarget
    return HipTarget(arch)


__all__ = ["make_target"]
