"""Triton's triton.language.target_info: compile-time questions a kernel asks about the target it is compiled
for (to pick an inline-asm path, say). Inside a compilation they answer for that compilation's target; outside
one, for the target launches go to now, as Triton's answer for its active driver. The function names and the
backend names they compare with are Triton's."""
from __future__ import annotations

import contextlib
import contextvars
from typing import Any, Iterator, Optional

from .core import constexpr_function

_COMPILING_FOR: contextvars.ContextVar[Optional[Any]] = contextvars.ContextVar("pantile_compiling_for",
                                                                                default=None)
_NUM_WARPS: contextvars.ContextVar[int] = contextvars.ContextVar("pantile_num_warps", default=4)


@contextlib.contextmanager
def compiling_for(target: Any, num_warps: int = 4) -> Iterator[None]:
    """While a kernel is built for `target` (a GPUTarget) with `num_warps`, current_target() answers the target
    and compiling_num_warps() the warps (what tl.extra.cuda.num_warps() reads)."""
    token, warps = _COMPILING_FOR.set(target), _NUM_WARPS.set(num_warps)
    try:
        yield
    finally:
        _COMPILING_FOR.reset(token)
        _NUM_WARPS.reset(warps)


def compiling_num_warps() -> int:
    """The num_warps of the compilation under way (4, the default, outside one)."""
    return _NUM_WARPS.get()


@constexpr_function
def current_target() -> Any:
    """The GPUTarget (backend, arch, warp_size) of the target being compiled for, or outside a compilation that
    of the target launches go to now."""
    target = _COMPILING_FOR.get()
    if target is not None:
        return target
    from pantile.runtime.driver import active  # noqa: PLC0415  (the frontend does not load the runtime otherwise)
    return active.get_current_target()


@constexpr_function
def is_cuda() -> bool:
    """True when compiling for an NVIDIA GPU."""
    return current_target().backend == "cuda"


@constexpr_function
def cuda_capability_geq(major: int, minor: int = 0) -> bool:
    """True when compiling for an NVIDIA GPU of compute capability at least major.minor."""
    target = current_target()
    return target.backend == "cuda" and target.arch >= major * 10 + minor


@constexpr_function
def is_hip() -> bool:
    """True when compiling for an AMD GPU."""
    return current_target().backend == "hip"


@constexpr_function
def is_hip_cdna3() -> bool:
    """True when compiling for AMD CDNA3 (gfx942)."""
    target = current_target()
    return target.backend == "hip" and target.arch == "gfx942"


@constexpr_function
def is_hip_cdna4() -> bool:
    """True when compiling for AMD CDNA4 (gfx950)."""
    target = current_target()
    return target.backend == "hip" and target.arch == "gfx950"


@constexpr_function
def is_hip_gfx1250() -> bool:
    """True when compiling for AMD gfx1250."""
    target = current_target()
    return target.backend == "hip" and str(target.arch).startswith("gfx1250")


__all__ = ["current_target", "is_cuda", "cuda_capability_geq", "is_hip", "is_hip_cdna3", "is_hip_cdna4",
           "is_hip_gfx1250"]
