"""The OpenCL device intel:spirv runs on: finding it through pyopencl and describing it."""
from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from .icd import ensure_intel_icd

# cl_intel_required_subgroup_size: the sub-group sizes a kernel may require.
CL_DEVICE_SUB_GROUP_SIZES_INTEL = 0x4108
# The command differs for a clone and a wheel: the target's requirements give it (`pantile targets`).
INSTALL_HINT = "`pantile targets` says what is missing and prints the command that installs it"


class OpenCLUnavailable(RuntimeError):
    """No OpenCL device that runs SPIR-V kernels is reachable from this process."""


@dataclass(frozen=True)
class DeviceInfo:
    """What pantile needs to know about one OpenCL device."""

    name: str
    platform: str
    driver: str
    is_gpu: bool
    compute_units: int
    clock_mhz: int                         # 0 when the device does not say
    local_memory: int
    max_work_group_size: int
    sub_group_sizes: tuple[int, ...]
    native_float_width: int                # f32 lanes of the device's SIMD units
    correctly_rounded_divide_sqrt: bool    # f32 division and sqrt can be built correctly rounded
    extensions: frozenset[str]
    il_version: str

    @property
    def fp16(self) -> bool:
        """The device computes in half precision (cl_khr_fp16)."""
        return "cl_khr_fp16" in self.extensions

    @property
    def fp64(self) -> bool:
        """The device computes in double precision (cl_khr_fp64)."""
        return "cl_khr_fp64" in self.extensions

    @property
    def key(self) -> str:
        """Identifies the device and driver (used for per-device caches)."""
        return f"{self.platform}|{self.name}|{self.driver}"


@dataclass
class OpenCLRuntime:
    """pyopencl, one device, its context and an in-order queue."""

    cl: Any
    device: Any
    context: Any
    queue: Any
    info: DeviceInfo


def _loader_library(cl: Any) -> Optional[ctypes.CDLL]:
    """The ICD loader pyopencl links (its wheel bundles one), for queries pyopencl does not wrap."""
    bundled = sorted(glob.glob(os.path.join(os.path.dirname(cl.__file__), ".libs", "libOpenCL*")))
    path = bundled[0] if bundled else ctypes.util.find_library("OpenCL")
    return ctypes.CDLL(path) if path else None


def _sub_group_sizes(cl: Any, device: Any) -> tuple[int, ...]:
    """CL_DEVICE_SUB_GROUP_SIZES_INTEL, or () when the device cannot require a sub-group size."""
    if "cl_intel_required_subgroup_size" not in device.extensions.split():
        return ()
    lib = _loader_library(cl)
    if lib is None:
        return ()
    sizes = (ctypes.c_size_t * 16)()
    written = ctypes.c_size_t(0)
    status = lib.clGetDeviceInfo(ctypes.c_void_p(device.int_ptr), ctypes.c_uint(CL_DEVICE_SUB_GROUP_SIZES_INTEL),
                                 ctypes.c_size_t(ctypes.sizeof(sizes)), sizes, ctypes.byref(written))
    if status != 0:
        return ()
    return tuple(sorted(sizes[i] for i in range(written.value // ctypes.sizeof(ctypes.c_size_t))))


def describe(cl: Any, device: Any) -> DeviceInfo:
    """A DeviceInfo read from a pyopencl device."""
    return DeviceInfo(
        name=device.name.strip(), platform=device.platform.name.strip(), driver=device.driver_version.strip(),
        is_gpu=bool(device.type & cl.device_type.GPU), compute_units=device.max_compute_units,
        clock_mhz=device.max_clock_frequency, local_memory=device.local_mem_size,
        max_work_group_size=device.max_work_group_size, sub_group_sizes=_sub_group_sizes(cl, device),
        native_float_width=device.native_vector_width_float,
        correctly_rounded_divide_sqrt=bool(device.single_fp_config
                                           & cl.device_fp_config.CORRECTLY_ROUNDED_DIVIDE_SQRT),
        extensions=frozenset(device.extensions.split()), il_version=getattr(device, "il_version", "") or "")


def _runs_spirv(device: Any) -> bool:
    try:
        return "SPIR-V" in (device.il_version or "")
    except Exception:  # devices before OpenCL 2.1 have no IL_VERSION query
        return False


@lru_cache(maxsize=1)
def opencl_runtime() -> OpenCLRuntime:
    """The process-wide OpenCL runtime for intel:spirv (a GPU if one runs SPIR-V, else a CPU)."""
    folder = ensure_intel_icd()
    try:
        import pyopencl as cl
        import pyopencl.array  # noqa: F401  (makes cl.array available to the launcher)
    except ImportError as err:
        raise OpenCLUnavailable(f"pyopencl is not installed ({err}); {INSTALL_HINT}") from None
    try:
        platforms = cl.get_platforms()
    except cl.Error:
        platforms = []
    devices = [d for p in platforms for d in p.get_devices()]
    usable = [d for d in devices if _runs_spirv(d)]
    if not usable:
        seen = ", ".join(f"{d.name.strip()} ({d.platform.name.strip()})" for d in devices) or "no OpenCL device"
        hint = INSTALL_HINT if folder is None else (
            f"pantile pointed OCL_ICD_VENDORS at {folder}, which lists Intel's runtime; if pyopencl was "
            f"initialised earlier in this process, start Python with OCL_ICD_VENDORS={folder}")
        raise OpenCLUnavailable(f"no OpenCL device accepts SPIR-V here (found: {seen}); {hint}")
    device = max(usable, key=lambda d: bool(d.type & cl.device_type.GPU))
    info = describe(cl, device)
    if not info.sub_group_sizes:
        raise OpenCLUnavailable(f"OpenCL device {info.name} cannot require a sub-group size "
                                f"(cl_intel_required_subgroup_size), which intel:spirv kernels need")
    context = cl.Context([device])
    return OpenCLRuntime(cl, device, context, cl.CommandQueue(context), info)
