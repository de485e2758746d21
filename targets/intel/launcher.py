"""Launching intel:spirv artifacts on pyopencl: numpy arrays in and out, pyopencl arrays and buffers as they are."""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import Artifact, Launcher

from .device import OpenCLRuntime
from .programs import ProgramCache

try:
    from numpy.lib.array_utils import byte_bounds
except ImportError:  # numpy < 2.0
    byte_bounds = np.byte_bounds

# How scalar kernel arguments are passed (OpenCL kernels take no bool: i1 travels as one byte).
SCALAR_DTYPES = {
    "i1": np.int8, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
    "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
    "f16": np.float16, "f32": np.float32, "f64": np.float64,
}


class DeviceAssertionError(AssertionError):
    """A device_assert failed in a kernel compiled with debug on; the message names file and line."""


def _host_span(a: np.ndarray) -> tuple[np.ndarray, int]:
    """A byte view of the memory an array's elements occupy, and the array's offset into it."""
    lo, hi = byte_bounds(a)
    span = np.ctypeslib.as_array((ctypes.c_uint8 * max(hi - lo, 1)).from_address(lo))
    return span, a.ctypes.data - lo


class IntelLauncher(Launcher):
    """Runs one artifact: work-groups of `local_size` work-items, one per program."""

    def __init__(self, rt: OpenCLRuntime, programs: ProgramCache, artifact: Artifact) -> None:
        self.rt = rt
        self.artifact = artifact
        self.kernel = programs.kernel(artifact)
        self.local_size = int(artifact.metadata["local_size"])
        self.assertions = artifact.metadata.get("assertions")   # a list when compiled with debug on
        self.lock = threading.Lock()

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        specs = self.artifact.args
        if len(args) != len(specs):
            raise ValueError(f"kernel {self.artifact.kernel_name} takes {len(specs)} arguments, got {len(args)}")
        queue = stream if stream is not None else self.rt.queue
        copies: dict[tuple[int, int], tuple[np.ndarray, Any, bool]] = {}
        values = []
        for spec, arg in zip(specs, args):
            if isinstance(spec.type, PointerType):
                values.append(self._buffer(spec.name, arg, spec.writes, queue, copies))
            else:
                values.append(self._scalar(spec.name, spec.type, arg))
        flag = None
        if self.assertions is not None:
            flag = self.rt.cl.array.zeros(queue, 1, np.int32)
            values.append(flag.base_data)
        global_size = (grid[0] * self.local_size, grid[1], grid[2])
        with self.lock:
            self.kernel.set_args(*values)
            self.rt.cl.enqueue_nd_range_kernel(queue, self.kernel, global_size, (self.local_size, 1, 1))
        for span, buf, written in copies.values():
            if written:
                self.rt.cl.enqueue_copy(queue, span, buf)
        queue.finish()
        if flag is not None:
            failed = int(flag.get()[0])
            if failed:
                raise DeviceAssertionError(self.assertions[failed - 1])

    def _buffer(self, name: str, arg: Any, writes: bool, queue: Any,
                copies: dict[tuple[int, int], tuple[np.ndarray, Any, bool]]) -> Any:
        cl = self.rt.cl
        if isinstance(arg, np.ndarray):
            span, offset = _host_span(arg)
            if offset != 0:
                raise ValueError(f"argument '{name}': arrays with negative strides cannot be passed to "
                                 f"intel:spirv; pass np.ascontiguousarray(...) of it")
            key = (span.ctypes.data, span.nbytes)
            for lo, n in copies:
                if key != (lo, n) and lo < key[0] + key[1] and key[0] < lo + n:
                    raise ValueError(f"argument '{name}' overlaps another array argument without being the "
                                     f"same array; intel:spirv copies arrays to the device, so pass a copy")
            if key in copies:
                old_span, buf, written = copies[key]
                copies[key] = (old_span, buf, written or writes)
                return buf
            buf = cl.Buffer(self.rt.context, cl.mem_flags.READ_WRITE | cl.mem_flags.COPY_HOST_PTR, hostbuf=span)
            copies[key] = (span, buf, writes)
            return buf
        if isinstance(arg, cl.array.Array):
            if arg.offset == 0:
                return arg.base_data
            return arg.base_data.get_sub_region(arg.offset, max(arg.nbytes, 1))
        if isinstance(arg, cl.MemoryObjectHolder):
            return arg
        raise TypeError(f"argument '{name}' of {self.artifact.kernel_name} must be a numpy array, a pyopencl "
                        f"array or a pyopencl buffer on intel:spirv, got {type(arg).__name__}")

    def _scalar(self, name: str, typ: Any, arg: Any) -> Any:
        dtype = SCALAR_DTYPES.get(typ.name) if isinstance(typ, ScalarType) else None
        if dtype is None:
            raise TypeError(f"argument '{name}' of {self.artifact.kernel_name}: scalar arguments of type {typ} "
                            f"cannot be passed to intel:spirv; pass a pointer to it instead")
        return dtype(arg)
