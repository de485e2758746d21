"""pantile-interpreter: a pantile target that runs kernels' pt IR with numpy, every memory access checked.

Installed, it registers the target `interp` under the `pantile.targets` entry-point group; PANTILE_INTERPRET=1
or TRITON_INTERPRET=1 send every launch to it (entry-point group `pantile.target_environment`).
"""
from __future__ import annotations

from .memory import MemoryAccessError
from .target import ARCH, CAPABILITIES, InterpreterTarget


def make_target(arch: str = ARCH) -> InterpreterTarget:
    """The interpreter target; `arch` must be 'interp'."""
    if arch != ARCH:
        raise ValueError(f"unknown interpreter target {arch!r}: the interpreter has the single arch {ARCH!r}")
    return InterpreterTarget()


__all__ = ["make_target", "InterpreterTarget", "CAPABILITIES", "ARCH", "MemoryAccessError"]
