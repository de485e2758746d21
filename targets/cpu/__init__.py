"""pantile.targets.cpu: the host CPU target (LLVM JIT, grid on a thread pool)."""
from __future__ import annotations

from .launcher import DeviceAssertionError
from .target import CAPABILITIES, CpuTarget


def make_target(arch: str = "cpu") -> CpuTarget:
    """The CPU target; `arch` must be 'cpu'."""
    if arch != "cpu":
        raise ValueError(f"unknown cpu target {arch!r}: the cpu target has the single arch 'cpu'")
    return CpuTarget()


__all__ = ["make_target", "CpuTarget", "CAPABILITIES", "DeviceAssertionError"]
