"""Launching intel:spirv artifacts on pyopencl: numpy arrays in and out, pyopencl arrays and buffers as they are."""
from __future__ import annotations

import threading
from typing import Any, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import ArgSpec, Artifact, DeviceAssertionError, Launcher
from pantile.targets.host_staging import stage_arrays

from .device import OpenCLRuntime
from .programs import ProgramCache

# How scalar kernel arguments are passed (OpenCL kernels take no bool: i1 travels as one byte).
SCALAR_DTYPES = {
    "i1": np.int8, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
    "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
    "f16": np.float16, "f32": np.float32, "f64": np.float64,
}


class HostArrays:
    """The numpy arrays of one launch as OpenCL buffers over their own memory, one per span they cover
    (CL_MEM_USE_HOST_PTR: no copy on a CPU device; a GPU copies in, and mapping after the launch copies written
    data out). An array that starts inside its span is passed as a sub-buffer, which OpenCL allows only at
    offsets that are multiples of the device's base address alignment."""

    def __init__(self, rt: OpenCLRuntime, specs: Sequence[ArgSpec], args: Sequence[Any]) -> None:
        self.rt = rt
        spans, self.placed = stage_arrays(specs, args)
        cl = rt.cl
        self.buffers = [(span, cl.Buffer(rt.context, (cl.mem_flags.READ_WRITE if span.written else
                                                     cl.mem_flags.READ_ONLY) | cl.mem_flags.USE_HOST_PTR,
                                         hostbuf=span.view())) for span in spans]

    def buffer(self, index: int, name: str) -> Any:
        """The buffer (or sub-buffer) that argument number `index`, called `name`, is passed as."""
        staged = self.placed[index]
        buf = next(b for span, b in self.buffers if span is staged.span)
        if staged.offset == 0:
            return buf
        align = self.rt.device.mem_base_addr_align // 8
        if staged.offset % align:
            raise ValueError(f"argument '{name}' starts {staged.offset} bytes into the memory it spans (by a negative "
                             f"stride, or by overlapping another array argument); OpenCL can offset a buffer only by "
                             f"multiples of {align} bytes on this device: pass np.ascontiguousarray(...) of it")
        return buf.get_sub_region(staged.offset, staged.span.nbytes - staged.offset)

    def synchronise(self, queue: Any) -> None:
        """Make what the kernel wrote visible in the arrays' own memory."""
        cl = self.rt.cl
        for span, buf in self.buffers:
            if span.written:
                mapped, _ = cl.enqueue_map_buffer(queue, buf, cl.map_flags.READ, 0, (max(span.nbytes, 1),), np.uint8)
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
        values = [self._buffer(i, spec.name, arg, host) if isinstance(spec.type, PointerType)
                  else self._scalar(spec.name, spec.type, arg) for i, (spec, arg) in enumerate(zip(specs, args))]
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

    def _buffer(self, index: int, name: str, arg: Any, host: HostArrays) -> Any:
        cl = self.rt.cl
        if isinstance(arg, np.ndarray):
            return host.buffer(index, name)
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
