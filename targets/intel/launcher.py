"""Launching intel:spirv artifacts on pyopencl: numpy arrays in and out, pyopencl arrays and buffers as they are."""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import ArgSpec, Artifact, DeviceAssertionError, Launcher

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


def _host_span(name: str, a: np.ndarray) -> np.ndarray:
    """A byte view of the memory an array's elements occupy, which must start at its data pointer."""
    lo, hi = byte_bounds(a)
    if a.ctypes.data != lo:
        raise ValueError(f"argument '{name}': arrays with negative strides cannot be passed to intel:spirv; "
                         f"pass np.ascontiguousarray(...) of it")
    return np.ctypeslib.as_array((ctypes.c_uint8 * max(hi - lo, 1)).from_address(lo))


class HostArrays:
    """The numpy arrays of one launch as OpenCL buffers over their own memory (CL_MEM_USE_HOST_PTR:
    no copy on a CPU device; a GPU copies in, and mapping after the launch copies written data out)."""

    def __init__(self, rt: OpenCLRuntime, specs: Sequence[ArgSpec], args: Sequence[Any]) -> None:
        self.rt = rt
        self.spans: dict[tuple[int, int], tuple[np.ndarray, bool]] = {}
        for spec, arg in zip(specs, args):
            if not isinstance(arg, np.ndarray) or not isinstance(spec.type, PointerType):
                continue
            span = _host_span(spec.name, arg)
            key = (span.ctypes.data, span.nbytes)
            for lo, n in self.spans:
                if key != (lo, n) and lo < key[0] + key[1] and key[0] < lo + n:
                    raise ValueError(f"argument '{spec.name}' overlaps another array argument without being the "
                                     f"same array; intel:spirv passes each array as its own buffer, so pass a copy")
            written = self.spans.get(key, (span, False))[1]
            self.spans[key] = (span, written or spec.writes)
        self.buffers: dict[tuple[int, int], Any] = {}

    def buffer(self, array: np.ndarray) -> Any:
        """The buffer over an array's memory (one per distinct array of the launch)."""
        lo, hi = byte_bounds(array)
        key = (lo, max(hi - lo, 1))
        if key not in self.buffers:
            cl = self.rt.cl
            span, written = self.spans[key]
            access = cl.mem_flags.READ_WRITE if written else cl.mem_flags.READ_ONLY
            self.buffers[key] = cl.Buffer(self.rt.context, access | cl.mem_flags.USE_HOST_PTR, hostbuf=span)
        return self.buffers[key]

    def synchronise(self, queue: Any) -> None:
        """Make what the kernel wrote visible in the arrays' own memory."""
        cl = self.rt.cl
        for key, buf in self.buffers.items():
            span, written = self.spans[key]
            if written:
                mapped, _ = cl.enqueue_map_buffer(queue, buf, cl.map_flags.READ, 0, span.shape, span.dtype)
                mapped.base.release(queue)


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
        host = HostArrays(self.rt, specs, args)
        values = [self._buffer(spec.name, arg, host) if isinstance(spec.type, PointerType)
                  else self._scalar(spec.name, spec.type, arg) for spec, arg in zip(specs, args)]
        flag = None
        if self.assertions is not None:
            flag = self.rt.cl.array.zeros(queue, 4, np.int32)   # assertion number, program ids
            values.append(flag.base_data)
        global_size = (grid[0] * self.local_size, grid[1], grid[2])
        with self.lock:
            self.kernel.set_args(*values)
            self.rt.cl.enqueue_nd_range_kernel(queue, self.kernel, global_size, (self.local_size, 1, 1))
        host.synchronise(queue)
        queue.finish()
        if flag is not None:
            failed, *program = (int(v) for v in flag.get())
            if failed:
                raise DeviceAssertionError.at(self.assertions[failed - 1], program)

    def _buffer(self, name: str, arg: Any, host: "HostArrays") -> Any:
        cl = self.rt.cl
        if isinstance(arg, np.ndarray):
            return host.buffer(arg)
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
