"""The HIP module API through ctypes (`libamdhip64.so`), as the shared launcher's device runtime: load a code object,
find its kernel, launch it with the kernarg buffer (HIP_LAUNCH_PARAM_BUFFER_POINTER), and move memory. Nothing here
imports the compiler."""
from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from pantile.targets.base import Artifact
from pantile.targets.launch.binding import ParamLayout, c_struct_layout
from pantile.targets.launch.runtime import DeviceRuntime, Params

HIP_LAUNCH_PARAM_BUFFER_POINTER, HIP_LAUNCH_PARAM_BUFFER_SIZE, HIP_LAUNCH_PARAM_END = 1, 2, 3
HOST_TO_DEVICE, DEVICE_TO_HOST = 1, 2
LIBRARY = "libamdhip64.so"


class HipUnavailable(RuntimeError):
    """No HIP runtime library or no AMD GPU here."""


class HipError(RuntimeError):
    """A HIP call returned an error."""


@dataclass(frozen=True)
class HipKernel:
    """A loaded kernel: its function handle, threads per program and kernarg bytes."""

    function: ctypes.c_void_p
    threads: int
    kernarg_bytes: ctypes.c_size_t


class HipRuntime(DeviceRuntime):
    """The HIP driver calls of the shared launcher, into one HIP runtime library (a ctypes CDLL, or a stand-in
    with the same functions)."""

    arrays = "a numpy array or a ROCm device array (torch, cupy)"

    def __init__(self, lib: Any) -> None:
        self.lib = lib
        count = ctypes.c_int(0)
        try:    # a HIP library without an AMD GPU (some CUDA machines ship one) fails here: no device, not a fault
            self._check(lib.hipInit(ctypes.c_uint(0)), "hipInit")
            self._check(lib.hipGetDeviceCount(ctypes.byref(count)), "hipGetDeviceCount")
        except HipError as err:
            raise HipUnavailable(f"the HIP runtime ({LIBRARY}) found no AMD GPU: {err}") from None
        if count.value == 0:
            raise HipUnavailable(f"the HIP runtime ({LIBRARY}) found no AMD GPU")

    def _check(self, status: int, call: str) -> None:
        if status:
            words = self.lib.hipGetErrorString(ctypes.c_int(status)) or b""
            raise HipError(f"{call} failed with HIP error {status}: {words.decode(errors='replace')}")

    def load(self, artifact: Artifact) -> HipKernel:
        """hipModuleLoadData of the code object (the image must outlive the call only), then
        hipModuleGetFunction of its kernel."""
        module, fn = ctypes.c_void_p(), ctypes.c_void_p()
        self._check(self.lib.hipModuleLoadData(ctypes.byref(module), ctypes.c_char_p(artifact.binary)),
                    "hipModuleLoadData")
        self._check(self.lib.hipModuleGetFunction(ctypes.byref(fn), module, artifact.kernel_name.encode()),
                    "hipModuleGetFunction")
        return HipKernel(fn, artifact.num_warps * artifact.metadata["wavefront"],
                         ctypes.c_size_t(self.param_layout(artifact).size))

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """The explicit kernel arguments of code object v5: a C struct, its size a multiple of 4 (the runtime
        appends the hidden arguments)."""
        return c_struct_layout(artifact.args, size_multiple=4)

    def launch(self, kernel: HipKernel, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """hipModuleLaunchKernel with the kernarg buffer passed through `extra`."""
        extra = (ctypes.c_void_p * 5)(HIP_LAUNCH_PARAM_BUFFER_POINTER, params.address,
                                      HIP_LAUNCH_PARAM_BUFFER_SIZE, ctypes.addressof(kernel.kernarg_bytes),
                                      HIP_LAUNCH_PARAM_END)
        dims = [ctypes.c_uint(v) for v in (*grid, kernel.threads, 1, 1)]
        self._check(self.lib.hipModuleLaunchKernel(kernel.function, *dims, ctypes.c_uint(0),
                                                   ctypes.c_void_p(stream or 0), None, extra), "hipModuleLaunchKernel")

    def alloc(self, nbytes: int) -> int:
        """hipMalloc."""
        ptr = ctypes.c_void_p()
        self._check(self.lib.hipMalloc(ctypes.byref(ptr), ctypes.c_size_t(max(1, nbytes))), "hipMalloc")
        return int(ptr.value or 0)

    def copy_in(self, allocation: int, host: np.ndarray) -> None:
        """hipMemcpy from host to device."""
        self._copy(allocation, host.ctypes.data, host.nbytes, HOST_TO_DEVICE)

    def copy_out(self, host: np.ndarray, allocation: int) -> None:
        """hipMemcpy from device to host."""
        self._copy(host.ctypes.data, allocation, host.nbytes, DEVICE_TO_HOST)

    def _copy(self, dst: int, src: int, nbytes: int, kind: int) -> None:
        self._check(self.lib.hipMemcpy(ctypes.c_void_p(dst), ctypes.c_void_p(src), ctypes.c_size_t(nbytes),
                                       ctypes.c_int(kind)), "hipMemcpy")

    def free(self, allocation: int) -> None:
        """hipFree."""
        self._check(self.lib.hipFree(ctypes.c_void_p(allocation)), "hipFree")

    def synchronize(self) -> None:
        """hipDeviceSynchronize."""
        self._check(self.lib.hipDeviceSynchronize(), "hipDeviceSynchronize")


@lru_cache(maxsize=1)
def hip_runtime() -> HipRuntime:
    """The process's HIP runtime; HipUnavailable saying what is missing."""
    path = ctypes.util.find_library("amdhip64") or LIBRARY
    try:
        lib = ctypes.CDLL(path)
    except OSError as err:
        raise HipUnavailable(f"no HIP runtime was found ({LIBRARY} could not be loaded: {err}); install ROCm on a "
                             "machine with an AMD GPU") from None
    lib.hipGetErrorString.restype = ctypes.c_char_p     # a pointer: the default int return truncates it to 32 bits
    return HipRuntime(lib)


def rocm_framework_loaded() -> bool:
    """True when a loaded framework is a ROCm build (its `__cuda_array_interface__` arrays are AMD memory)."""
    torch, cupy = sys.modules.get("torch"), sys.modules.get("cupy")
    return bool(getattr(getattr(torch, "version", None), "hip", None)) or bool(
        getattr(getattr(getattr(cupy, "cuda", None), "runtime", None), "is_hip", False))
