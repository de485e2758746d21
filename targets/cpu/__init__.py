"""pantile.targets.cpu: the host CPU target (LLVM JIT, grid on a thread pool)."""
from __future__ import annotations

from .launcher import DeviceAssertionError
from .baselines import baseline
from .target import CAPABILITIES, CpuTarget, host_machine_name


def make_target(arch: str = "cpu") -> CpuTarget:
    """The CPU target: 'cpu' for this host's CPU, 'cpu:x86-64-v3' (a baseline in targets/cpu/baselines.py) for
    every CPU of that level."""
    if arch == "cpu":
        return CpuTarget()
    family, _, name = arch.partition(":")
    if family != "cpu":
        raise ValueError(f"unknown cpu target {arch!r}: write cpu or cpu:BASELINE")
    return CpuTarget(baseline(name, host_machine_name()))


__all__ = ["make_target", "CpuTarget", "CAPABILITIES", "DeviceAssertionError"]
