"""The HIP module API through ctypes (`libamdhip64.so`): load a code object, find its kernel, launch it with a
kernarg buffer (HIP_LAUNCH_PARAM_BUFFER_POINTER), and move memory. Nothing here imports the compiler."""
from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache
from typing import Any, Optional

HIP_LAUNCH_PARAM_BUFFER_POINTER, HIP_LAUNCH_PARAM_BUFFER_SIZE, HIP_LAUNCH_PARAM_END = 1, 2, 3
HOST_TO_DEVICE, DEVICE_TO_HOST = 1, 2
LIBRARY = "libamdhip64.so"


class HipUnavailable(RuntimeError):
    """No HIP runtime library or no AMD GPU here."""


class HipError(RuntimeError):
    """A HIP call returned an error."""


class HipRuntime:
    """Calls into one HIP runtime library (a ctypes CDLL, or a stand-in with the same functions)."""

    def __init__(self, lib: Any) -> None:
        self.lib = lib
        self._check(lib.hipInit(ctypes.c_uint(0)), "hipInit")
        count = ctypes.c_int(0)
        self._check(lib.hipGetDeviceCount(ctypes.byref(count)), "hipGetDeviceCount")
        if count.value == 0:
            raise HipUnavailable(f"the HIP runtime ({LIBRARY}) found no AMD GPU")

    def _check(self, status: int, call: str) -> None:
        if status:
            text = self.lib.hipGetErrorString(ctypes.c_int(status))
            words = ctypes.cast(text, ctypes.c_char_p).value if text else b""
            raise HipError(f"{call} failed with HIP error {status}: {(words or b'').decode(errors='replace')}")

    def load(self, image: bytes) -> ctypes.c_void_p:
        """hipModuleLoadData of a code object (the image must outlive the call only)."""
        module = ctypes.c_void_p()
        self._check(self.lib.hipModuleLoadData(ctypes.byref(module), ctypes.c_char_p(image)), "hipModuleLoadData")
        return module

    def function(self, module: ctypes.c_void_p, name: str) -> ctypes.c_void_p:
        """hipModuleGetFunction."""
        fn = ctypes.c_void_p()
        self._check(self.lib.hipModuleGetFunction(ctypes.byref(fn), module, name.encode()), "hipModuleGetFunction")
        return fn

    def launch(self, fn: ctypes.c_void_p, grid: tuple[int, int, int], threads: int, kernargs: bytes,
               stream: Optional[int] = None) -> None:
        """hipModuleLaunchKernel with the kernarg buffer passed through `extra`."""
        buf = ctypes.create_string_buffer(kernargs, max(1, len(kernargs)))
        size = ctypes.c_size_t(len(kernargs))
        extra = (ctypes.c_void_p * 5)(HIP_LAUNCH_PARAM_BUFFER_POINTER, ctypes.addressof(buf),
                                      HIP_LAUNCH_PARAM_BUFFER_SIZE, ctypes.addressof(size), HIP_LAUNCH_PARAM_END)
        dims = [ctypes.c_uint(v) for v in (*grid, threads, 1, 1)]
        self._check(self.lib.hipModuleLaunchKernel(fn, *dims, ctypes.c_uint(0), ctypes.c_void_p(stream or 0),
                                                   None, extra), "hipModuleLaunchKernel")

    def alloc(self, nbytes: int) -> int:
        """hipMalloc."""
        ptr = ctypes.c_void_p()
        self._check(self.lib.hipMalloc(ctypes.byref(ptr), ctypes.c_size_t(max(1, nbytes))), "hipMalloc")
        return int(ptr.value or 0)

    def copy(self, dst: int, src: int, nbytes: int, kind: int) -> None:
        """hipMemcpy."""
        self._check(self.lib.hipMemcpy(ctypes.c_void_p(dst), ctypes.c_void_p(src), ctypes.c_size_t(nbytes),
                                       ctypes.c_int(kind)), "hipMemcpy")

    def free(self, ptr: int) -> None:
        """hipFree."""
        self._check(self.lib.hipFree(ctypes.c_void_p(ptr)), "hipFree")

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
    return HipRuntime(lib)


def rocm_framework_loaded() -> bool:
    """True when a loaded framework is a ROCm build (its `__cuda_array_interface__` arrays are AMD memory)."""
    torch, cupy = sys.modules.get("torch"), sys.modules.get("cupy")
    return bool(getattr(getattr(torch, "version", None), "hip", None)) or bool(
        getattr(getattr(getattr(cupy, "cuda", None), "runtime", None), "is_hip", False))
