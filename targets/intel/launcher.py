"""Launching intel:spirv artifacts on pyopencl: numpy arrays in and out, pyopencl arrays and buffers as they are
(views at offsets OpenCL cannot sub-buffer go through an aligned device copy)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import ArgSpec, Artifact, DeviceAssertionError, Launcher
from pantile.targets.host_staging import byte_extent, stage_arrays

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


@dataclass(frozen=True)
class ViewSpan:
    """The bytes [start, stop) of `base` that argument `name`, a pyopencl array, covers; `key` names its aligned
    copy when it has one (views with equal keys share it)."""

    name: str
    base: Any
    start: int
    stop: int
    writes: bool
    key: Optional[tuple[int, int, int, int]]

    @property
    def nbytes(self) -> int:
        """The span's length in bytes."""
        return self.stop - self.start


class DeviceViews:
    """The pyopencl array views of one launch. OpenCL offsets a buffer only by multiples of the device's base
    address alignment, so a view starting elsewhere (`x_dev[3:]`), or reaching below its first element by a
    negative stride, is copied on the device into a buffer of its own where its first element is aligned, and
    copied back after the launch if the kernel may write it."""

    def __init__(self, rt: OpenCLRuntime, queue: Any) -> None:
        self.rt = rt
        self.queue = queue
        self.align = rt.device.mem_base_addr_align // 8
        self.views: list[ViewSpan] = []
        self.copies: dict[tuple[int, int, int, int], tuple[Any, int]] = {}   # staged view -> aligned copy, pad

    def buffer(self, name: str, array: Any, writes: bool) -> Any:
        """What argument `name`, a pyopencl array, is passed as: its buffer, a sub-buffer, or an aligned copy."""
        low, high = byte_extent(array.shape, array.strides, array.dtype.itemsize)
        if low == high:
            return array.base_data   # no elements: the kernel reads nothing through it
        staged = low != 0 or array.offset % self.align != 0
        view = ViewSpan(name, array.base_data, array.offset + low, array.offset + high, writes,
                        (array.base_data.int_ptr, array.offset + low, array.offset + high, array.offset) if staged
                        else None)
        self._check_overlap(view)
        self.views.append(view)
        if not staged:
            return array.base_data if array.offset == 0 else array.base_data.get_sub_region(array.offset, high)
        pad = low % self.align   # puts the first element, -low bytes into the span, at an aligned offset
        if view.key not in self.copies:
            copy = self.rt.cl.Buffer(self.rt.context, self.rt.cl.mem_flags.READ_WRITE, pad + view.nbytes)
            self.rt.cl.enqueue_copy(self.queue, copy, view.base, byte_count=view.nbytes, src_offset=view.start,
                                    dst_offset=pad)
            self.copies[view.key] = (copy, pad)
        copy, _ = self.copies[view.key]
        return copy if pad == low else copy.get_sub_region(pad - low, high)

    def _check_overlap(self, view: ViewSpan) -> None:
        """Separate copies of overlapping views would not see each other's writes: refuse that case."""
        for other in self.views:
            if (other.base.int_ptr == view.base.int_ptr and view.start < other.stop and other.start < view.stop
                    and (view.writes or other.writes) and view.key != other.key):
                raise ValueError(f"arguments '{other.name}' and '{view.name}' are overlapping views of one pyopencl "
                                 f"buffer, the kernel may write one, and OpenCL cannot offset a buffer by other than "
                                 f"multiples of {self.align} bytes on this device: pass a copy (.copy()) of one")

    def synchronise(self) -> None:
        """Copy back into the views' buffers what the kernel may have written in their aligned copies."""
        written = {view.key: view for view in self.views if view.key is not None and view.writes}
        for key, view in written.items():
            copy, pad = self.copies[key]
            self.rt.cl.enqueue_copy(self.queue, view.base, copy, byte_count=view.nbytes, src_offset=pad,
                                    dst_offset=view.start)


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
        views = DeviceViews(self.rt, queue)
        values = [self._buffer(i, spec, arg, host, views) if isinstance(spec.type, PointerType)
                  else self._scalar(spec.name, spec.type, arg) for i, (spec, arg) in enumerate(zip(specs, args))]
        flag = None
        if self.assertions is not None:
            flag = self.rt.cl.array.zeros(queue, 4, np.int32)   # assertion number, program ids
            values.append(flag.base_data)
        global_size = (grid[0] * self.local_size, grid[1], grid[2])
        with self.lock:
            self.kernel.set_args(*values)
            self.rt.cl.enqueue_nd_range_kernel(queue, self.kernel, global_size, (self.local_size, 1, 1))
        views.synchronise()
        host.synchronise(queue)
        queue.finish()
        if flag is not None:
            failed, *program = (int(v) for v in flag.get())
            if failed:
                raise DeviceAssertionError.at(self.assertions[failed - 1], program)

    def _buffer(self, index: int, spec: ArgSpec, arg: Any, host: HostArrays, views: DeviceViews) -> Any:
        cl = self.rt.cl
        if isinstance(arg, np.ndarray):
            return host.buffer(index, spec.name)
        if isinstance(arg, cl.array.Array):
            return views.buffer(spec.name, arg, spec.writes)
        if isinstance(arg, cl.MemoryObjectHolder):
            return arg
        raise TypeError(f"argument '{spec.name}' of {self.artifact.kernel_name} must be a numpy array, a pyopencl "
                        f"array or a pyopencl buffer on intel:spirv, got {type(arg).__name__}")

    def _scalar(self, name: str, typ: Any, arg: Any) -> Any:
        dtype = SCALAR_DTYPES.get(typ.name) if isinstance(typ, ScalarType) else None
        if dtype is None:
            raise TypeError(f"argument '{name}' of {self.artifact.kernel_name}: scalar arguments of type {typ} "
                            f"cannot be passed to intel:spirv; pass a pointer to it instead")
        return dtype(arg)
