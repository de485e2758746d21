"""DLPack device types and the device an array says it lives on; targets claim arrays by these, never by a
framework's device name (a ROCm build of torch names its GPU as CUDA does; its DLPack device type differs)."""
from __future__ import annotations

from typing import Any, Optional

# The device types of the DLPack standard (dlpack.h, DLDeviceType), under the standard's own names.
kDLCPU, kDLCUDA, kDLCUDAHost, kDLOpenCL, kDLVulkan, kDLMetal, kDLVPI = 1, 2, 3, 4, 7, 8, 9
kDLROCM, kDLROCMHost, kDLExtDev, kDLCUDAManaged, kDLOneAPI, kDLWebGPU = 10, 11, 12, 13, 14, 15
NAMES = {number: name for name, number in globals().items() if name.startswith("kDL")}
HOST_TYPES = frozenset({kDLCPU, kDLCUDAHost, kDLROCMHost})   # memory the host reads directly


def device_of(array: Any) -> Optional[tuple[int, int]]:
    """The (device type, device id) `array.__dlpack_device__()` reports, or None when it has none."""
    method = getattr(type(array), "__dlpack_device__", None)
    if method is None:
        return None
    try:
        kind, index = method(array)
    except Exception:   # an array type whose protocol is present but unusable (e.g. a read-only view)
        return None
    return int(kind), int(index)


def describe(device: tuple[int, int]) -> str:
    """'kDLCUDA:0' for DLPack device (2, 0)."""
    return f"{NAMES.get(device[0], f'DLPack device type {device[0]}')}:{device[1]}"
