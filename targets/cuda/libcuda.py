"""The CUDA driver calls pycuda does not expose, made through ctypes on libcuda: a module and its function loaded
into one device's primary context, cuLaunchKernel on any stream handle (pycuda launches only on its own stream
objects, so a torch stream could not be launched on), whether a stream is capturing a graph, and the CUtensorMap of a
tiled TMA copy (cuTensorMapEncodeTiled)."""
from __future__ import annotations

import ctypes
from typing import Any, Optional

# cuLaunchKernel's `extra` keys: the packed parameter buffer, its size, the end of the list.
_BUFFER_POINTER, _BUFFER_SIZE, _END = 1, 2, 0
_MAX_DYNAMIC_SHARED = 8          # CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES
_CAPTURING = 1                   # CU_STREAM_CAPTURE_STATUS_ACTIVE
_TENSOR_MAP_BYTES, _TENSOR_MAP_ALIGN = 128, 64     # sizeof and alignof(CUtensorMap)


class DriverCallError(RuntimeError):
    """A CUDA driver call that failed: '<call> failed: <the driver's words>', as pycuda words its errors."""


class LibCuda:
    """libcuda's calls a launch needs, each checked (loaded once per process)."""

    def __init__(self, library: Optional[Any] = None) -> None:
        self.lib = library if library is not None else ctypes.CDLL("libcuda.so.1")
        self._contexts: dict[int, ctypes.c_void_p] = {}
        # Where cuCtxGetCurrent answers (asked at every launch).
        self.current = ctypes.c_void_p()
        self.current_ref = ctypes.byref(self.current)
        # The `extra` list of each parameter buffer (one per thread and kernel), built at its first launch.
        self._extras: dict[tuple[int, int], Any] = {}
        # cuLaunchKernel without declared argument types: converting by argtypes costs ~1.5 us of the call's 2;
        # each argument passed is a C int (the grid, block and shared sizes, all below 2**31) or a pointer as a
        # ctypes object (function, stream, the extra list) or None.
        self.cuLaunchKernel = self.lib.cuLaunchKernel

    def check(self, call: str, result: int) -> None:
        """DriverCallError with the driver's words for `result` where it is an error."""
        if result:
            words = ctypes.c_char_p()
            self.lib.cuGetErrorString(result, ctypes.byref(words))
            raise DriverCallError(f"{call} failed: {(words.value or b'unknown error').decode()}")

    def primary_context(self, device: int) -> ctypes.c_void_p:
        """The primary context of `device` (the one torch uses), retained once."""
        context = self._contexts.get(device)
        if context is None:
            handle, context = ctypes.c_int(), ctypes.c_void_p()
            self.check("cuDeviceGet", self.lib.cuDeviceGet(ctypes.byref(handle), device))
            self.check("cuDevicePrimaryCtxRetain", self.lib.cuDevicePrimaryCtxRetain(ctypes.byref(context), handle))
            context = self._contexts[device] = context
        return context

    def device_count(self) -> int:
        """How many GPUs the driver shows this process."""
        count = ctypes.c_int()
        self.check("cuDeviceGetCount", self.lib.cuDeviceGetCount(ctypes.byref(count)))
        return count.value

    def use(self, device: int) -> None:
        """Make `device`'s primary context current where another is (torch switches it with its device)."""
        wanted = self._contexts.get(device) or self.primary_context(device)
        result = self.lib.cuCtxGetCurrent(self.current_ref)
        if result:
            self.check("cuCtxGetCurrent", result)
        if self.current.value != wanted.value:
            self.check("cuCtxSetCurrent", self.lib.cuCtxSetCurrent(wanted))

    def load(self, image: bytes, name: str, shared: int) -> ctypes.c_void_p:
        """Load `image` into the current context and return its function `name` (dynamic shared memory above the
        static limit opted into)."""
        module, function = ctypes.c_void_p(), ctypes.c_void_p()
        self.check("cuModuleLoadData", self.lib.cuModuleLoadData(ctypes.byref(module), ctypes.c_char_p(image)))
        self.check("cuModuleGetFunction", self.lib.cuModuleGetFunction(ctypes.byref(function), module,
                                                                        name.encode()))
        if shared:
            self.check("cuFuncSetAttribute", self.lib.cuFuncSetAttribute(function, _MAX_DYNAMIC_SHARED, shared))
        return function

    def launch(self, function: Any, grid: tuple[int, int, int], threads: int, shared: int, stream: int,
               params: Any, size: int) -> None:
        """cuLaunchKernel with the packed parameter buffer at address `params` of `size` bytes."""
        extra = self._extras.get((params, size)) if size else None
        if extra is None and size:
            length = ctypes.c_size_t(size)
            extra = (ctypes.c_void_p * 5)(_BUFFER_POINTER, params, _BUFFER_SIZE, ctypes.addressof(length), _END)
            extra.length = length   # kept alive with the list that points at it
            self._extras[params, size] = extra
        result = self.cuLaunchKernel(function, grid[0], grid[1], grid[2], threads, 1, 1, shared,
                              ctypes.c_void_p(stream) if stream else None, None, extra)
        if result:
            self.check("cuLaunchKernel", result)

    def is_capturing(self, stream: int) -> bool:
        """True while `stream` is capturing a CUDA graph."""
        status = ctypes.c_int()
        self.check("cuStreamIsCapturing", self.lib.cuStreamIsCapturing(ctypes.c_void_p(stream),
                                                                        ctypes.byref(status)))
        return status.value == _CAPTURING

    def encode_tiled(self, enc: Any) -> bytes:
        """The 128 bytes of the CUtensorMap that cuTensorMapEncodeTiled makes for a tensor_map.TiledEncoding."""
        rank = len(enc.dims)
        room = ctypes.create_string_buffer(2 * _TENSOR_MAP_BYTES)    # CUtensorMap is 64-byte aligned
        start = -ctypes.addressof(room) % _TENSOR_MAP_ALIGN
        u64s, u32s = ctypes.c_uint64 * rank, ctypes.c_uint32 * rank
        self.check("cuTensorMapEncodeTiled", self.lib.cuTensorMapEncodeTiled(
            ctypes.c_void_p(ctypes.addressof(room) + start), ctypes.c_int(enc.data_type), ctypes.c_uint32(rank),
            ctypes.c_void_p(enc.address), u64s(*enc.dims), (ctypes.c_uint64 * max(1, rank - 1))(*enc.strides),
            u32s(*enc.box), u32s(*enc.element_strides), ctypes.c_int(enc.interleave), ctypes.c_int(enc.swizzle),
            ctypes.c_int(enc.l2_promotion), ctypes.c_int(enc.oob_fill)))
        return room.raw[start:start + _TENSOR_MAP_BYTES]
