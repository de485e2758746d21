"""tl.extra.cuda, as in Triton: libdevice, the programmatic-dependent-launch calls, which order nothing
where launches already run one after another (every pantile target today), and the launch's warps and threads
as compile-time values."""
from ...core import builtin, constexpr
from ...target_info import compiling_num_warps
from .. import libdevice


@builtin
def num_warps() -> constexpr:
    """The num_warps the kernel is compiled with, a compile-time value."""
    return constexpr(compiling_num_warps())


@builtin
def num_threads() -> constexpr:
    """num_warps * 32, a compile-time value (Triton's definition, on every target)."""
    return constexpr(compiling_num_warps() * 32)


@builtin
def gdc_wait() -> None:
    """Wait for the grid this one depends on: launches complete in order, so there is nothing to wait for."""


@builtin
def gdc_launch_dependents() -> None:
    """Let dependent grids start early: they start after this one anyway."""


__all__ = ["gdc_launch_dependents", "gdc_wait", "libdevice", "num_threads", "num_warps"]
