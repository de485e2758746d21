"""`pantile.runtime.driver.active`: Triton's driver surface (device, stream, target, properties) for the target
launches go to, so programs written for Triton find their device and its figures with only the import changed."""
from __future__ import annotations

from typing import Any, Callable, NamedTuple, Optional

from pantile.targets.base import Target
from pantile.targets.registry import get_target, host_target

from .target_select import device_targets, explicit_target


class GPUTarget(NamedTuple):
    """What Triton's `get_current_target()` returns: the backend (the target family), its architecture (a
    compute capability number on NVIDIA, the arch's name elsewhere) and the warp (or sub-group) size."""

    backend: str
    arch: Any
    warp_size: int


def gpu_target(t: Target) -> GPUTarget:
    """What Triton's GPUTarget says of target `t`."""
    return GPUTarget(t.name, t.arch_id(), t.capabilities.warp_size)


_implicit: list[Target] = []


def active_target() -> Target:
    """The target of launches with no device arrays: the explicitly chosen one, else the first installed target
    that runs here and owns tensors of a device other than the host's (as Triton drives the GPU it finds), else
    the host target."""
    arch = explicit_target()
    if arch is not None:
        return get_target(arch)
    if not _implicit:
        host = host_target()
        found = [t for t in device_targets() if t.torch_device not in (None, host.torch_device)
                 and t.unavailable() is None]
        _implicit.append(found[0] if found else host)
    return _implicit[0]


class DeviceUtils:
    """`driver.active.utils`."""

    def get_device_properties(self, device: Any = None) -> dict[str, int]:
        """multiprocessor_count, max_shared_mem, max_num_regs, warpSize (and max_threads_per_sm) of the active
        target, from its capability record; `device` is accepted for Triton's signature (pantile runs on one)."""
        return active_target().capabilities.device_properties()


class ActiveDriver:
    """`driver.active`: the device, stream and target kernels launch on now."""

    def __init__(self) -> None:
        self.utils = DeviceUtils()

    def get_current_target(self) -> GPUTarget:
        """The backend, architecture and warp size of the active target."""
        return gpu_target(active_target())

    def get_current_device(self) -> int:
        """The device index kernels run on (pantile uses each target's first device)."""
        return 0

    def get_current_stream(self, device: Optional[int] = None) -> int:
        """The stream handle launches use: 0, the default stream (pantile launches synchronously on it)."""
        return 0

    def get_active_torch_device(self) -> Any:
        """The torch.device whose tensors the active target's kernels take (needs torch installed)."""
        try:
            import torch  # noqa: PLC0415  (optional: only programs that use torch ask for a torch device)
        except ImportError:
            raise ImportError("get_active_torch_device() needs PyTorch (pip install torch); pantile itself runs on "
                              "numpy arrays without it") from None
        # The device a tensor made there reports, so `x.device == DEVICE` holds as in Triton (cuda:0, cpu).
        return torch.empty(0, device=active_target().torch_device or host_target().torch_device).device

    def get_benchmarker(self) -> Callable[..., Any]:
        """The timing function Triton's autotuner uses: pantile.testing.do_bench."""
        from .testing import do_bench  # noqa: PLC0415  (benchmarking is loaded only when asked for)
        return do_bench


active = ActiveDriver()

__all__ = ["ActiveDriver", "DeviceUtils", "GPUTarget", "active", "active_target", "gpu_target"]
