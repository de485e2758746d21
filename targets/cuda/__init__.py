"""pantile.targets.cuda: NVIDIA GPUs through PTX (`cuda:sm_80`, `cuda:sm_90a`, other `cuda:sm_XX`)."""
from __future__ import annotations

from .target import CudaTarget


def _device_arch() -> str:
    """The architecture of device 0 when pycuda and a GPU are present, else sm_80."""
    try:
        from .launcher import device_limits
        major, minor = device_limits()["capability"]
    except Exception:   # no pycuda, driver or GPU: compile for the common baseline
        return "sm_80"
    cc = major * 10 + minor
    return "sm_90a" if cc == 90 else f"sm_{cc}"


def make_target(arch: str = "cuda") -> CudaTarget:
    """The target for 'cuda:sm_XX'; plain 'cuda' means the installed GPU's architecture (sm_80 without one)."""
    if ":" not in arch:
        arch = f"cuda:{_device_arch()}"
    return CudaTarget(arch)


__all__ = ["CudaTarget", "make_target"]
