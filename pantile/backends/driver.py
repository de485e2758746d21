"""pantile.backends.driver, as triton.backends.driver: DriverBase, the driver of one installed target family."""
from __future__ import annotations

from typing import Any, ClassVar

from pantile.runtime.driver import GPUTarget, active, active_target, gpu_target
from pantile.targets.registry import family, get_target


class DriverBase:
    """The driver of the pantile target family `family` (Triton's DriverBase): whether launches go to it now,
    and its target and device."""

    family: ClassVar[str] = ""

    @classmethod
    def is_active(cls) -> bool:
        """True when launches go to this family's target now."""
        return family(active_target().arch) == cls.family

    def get_current_target(self) -> GPUTarget:
        """The GPUTarget of the target launches of this family go to."""
        t = active_target()
        return gpu_target(t if family(t.arch) == self.family else get_target(self.family))

    def get_active_torch_device(self) -> Any:
        """The torch device the active target's kernels take."""
        return active.get_active_torch_device()

    def get_current_device(self) -> int:
        """The device index kernels run on."""
        return active.get_current_device()

    def get_current_stream(self, device: Any = None) -> int:
        """The stream launches use."""
        return active.get_current_stream(device)

    def get_benchmarker(self) -> Any:
        """The timing function Triton's autotuner uses."""
        return active.get_benchmarker()


__all__ = ["DriverBase"]
