"""intel:spirv's driver calls under the shared launcher, through pyopencl: numpy arrays in and out, pyopencl arrays
and buffers as they are (views at offsets OpenCL cannot sub-buffer go through an aligned device copy)."""
from __future__ import annotations

import struct
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from pantile.ir import PointerType
from pantile.targets.base import Artifact, DeviceAssertionError
from pantile.targets.host_staging import HostSpan, byte_extent
from pantile.targets.launch.binding import ParamLayout, c_struct_layout
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.launch.runtime import STAGE, DeviceRuntime, Params

from .device import OpenCLRuntime
from .programs import ProgramCache

# The scalar types a kernel parameter may have (OpenCL kernels take no bool: i1 travels as one byte).
SCALAR_TYPES = frozenset({"i1", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f16", "f32", "f64"})


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


class IntelKernel:
    """One built kernel and what its launches need."""

    def __init__(self, programs: ProgramCache, artifact: Artifact, layout: ParamLayout) -> None:
        self.cl_kernel = programs.kernel(artifact)
        self.specs = artifact.args
        # Each scalar's bytes in the parameter buffer (None for a buffer argument).
        self.scalar_bytes = [(slot.offset, slot.offset + struct.calcsize(slot.code)) if slot.code else None
                             for slot in layout.slots]
        self.local_size = int(artifact.metadata["local_size"])
        self.assertions = artifact.metadata.get("assertions")   # a list when compiled with debug on
        self.lock = threading.Lock()


class IntelRuntime(DeviceRuntime):
    """pyopencl's calls: numpy arrays wrapped as buffers over their own memory (CL_MEM_USE_HOST_PTR: no copy on a
    CPU device; a GPU copies in, and mapping after the launch copies written data out), pyopencl arrays and
    buffers used in place, scalars set from their packed bytes."""

    arrays = "a numpy array, a pyopencl array or a pyopencl buffer"

    def __init__(self, rt: OpenCLRuntime, programs: ProgramCache) -> None:
        self.rt = rt
        self.programs = programs

    def load(self, artifact: Artifact) -> IntelKernel:
        """The built kernel (from the program cache)."""
        return IntelKernel(self.programs, artifact, self.param_layout(artifact))

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """The scalars as a C struct (each set from its bytes); buffers stay out of it."""
        for spec in artifact.args:
            if not isinstance(spec.type, PointerType) and spec.type.name not in SCALAR_TYPES:
                raise TypeError(f"argument '{spec.name}' of {artifact.kernel_name}: scalar arguments of type "
                                f"{spec.type} cannot be passed to intel:spirv; pass a pointer to it instead")
        return c_struct_layout(artifact.args, pointer_code="")

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """numpy arrays are staged; pyopencl arrays and buffers are passed as they are (launch resolves arrays)."""
        cl = self.rt.cl
        if isinstance(array, np.ndarray):
            return STAGE
        if isinstance(array, (cl.array.Array, cl.MemoryObjectHolder)):
            return lambda a: a
        return None

    def stage(self, span: HostSpan) -> Any:
        """A buffer over the span's own memory."""
        cl = self.rt.cl
        flags = (cl.mem_flags.READ_WRITE if span.written else cl.mem_flags.READ_ONLY) | cl.mem_flags.USE_HOST_PTR
        return cl.Buffer(self.rt.context, flags, hostbuf=span.view())

    def pointer(self, allocation: Any, offset: int, name: str) -> Any:
        """The buffer, or a sub-buffer where the argument starts inside it, which OpenCL allows only at offsets
        that are multiples of the device's base address alignment."""
        if offset == 0:
            return allocation
        align = self.rt.device.mem_base_addr_align // 8
        if offset % align:
            raise ValueError(f"argument '{name}' starts {offset} bytes into the memory it spans (by a negative "
                             f"stride, or by overlapping another array argument); OpenCL can offset a buffer only by "
                             f"multiples of {align} bytes on this device: pass np.ascontiguousarray(...) of it")
        return allocation.get_sub_region(offset, allocation.size - offset)

    def copy_out(self, host: np.ndarray, allocation: Any) -> None:
        """Map the buffer: what the kernel wrote becomes visible in the host memory it wraps."""
        cl = self.rt.cl
        mapped, _ = cl.enqueue_map_buffer(self.rt.queue, allocation, cl.map_flags.READ, 0, (host.nbytes,), np.uint8)
        mapped.base.release(self.rt.queue)

    def synchronize(self) -> None:
        """Wait for the queue."""
        self.rt.queue.finish()

    def launch(self, kernel: IntelKernel, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """Work-groups of `local_size` work-items, one per program; the failed assertion, if any, raised."""
        cl = self.rt.cl
        queue = stream if stream is not None else self.rt.queue
        views = DeviceViews(self.rt, queue)
        buffer = memoryview(params.buffer).cast("B")
        values = []
        for spec, scalar, value in zip(kernel.specs, kernel.scalar_bytes, params.values):
            if scalar is not None:
                values.append(buffer[scalar[0]:scalar[1]])
            else:
                values.append(views.buffer(spec.name, value, spec.writes) if isinstance(value, cl.array.Array)
                              else value)
        flag = None
        if kernel.assertions is not None:
            flag = cl.array.zeros(queue, 4, np.int32)   # assertion number, program ids
            values.append(flag.base_data)
        global_size = (grid[0] * kernel.local_size, grid[1], grid[2])
        with kernel.lock:
            kernel.cl_kernel.set_args(*values)
            cl.enqueue_nd_range_kernel(queue, kernel.cl_kernel, global_size, (kernel.local_size, 1, 1))
        views.synchronise()
        queue.finish()
        if flag is not None:
            failed, *program = (int(v) for v in flag.get())
            if failed:
                raise DeviceAssertionError.at(kernel.assertions[failed - 1], program)


def launcher_for(rt: OpenCLRuntime, programs: ProgramCache, artifact: Artifact) -> SharedLauncher:
    """The shared launcher of an artifact on this OpenCL runtime (its program built or taken from the cache)."""
    return SharedLauncher(IntelRuntime(rt, programs), artifact)
