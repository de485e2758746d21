"""CUDA's driver calls under the shared launcher: cubin/PTX artifacts load and launch through libcuda in the
primary context (the one torch uses) of the GPU their arrays are on, on the caller's current torch stream or the
`stream=` given (streams.py); pycuda stages numpy arrays.

Arrays: anything with `__cuda_array_interface__` (torch, cupy, pycuda GPUArray)
is passed by its device pointer; numpy arrays, strided views included, are
staged: the byte span each covers is copied in and, when the kernel may write
it, copied back after the launch (targets/host_staging.py). Launches the device
cannot run (grid, threads, shared memory, registers, arrays on two GPUs)
are refused before the launch with the limit they break (launch_checks.py). A
fault inside a kernel raises DeviceFaultError (DeviceAssertionError for a failed
device_assert) naming the kernel and the driver's error; the driver keeps that
error for the rest of the process, so every later CUDA launch is refused at once
with a DeviceFaultError that names the fault (context.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Callable, Optional, Sequence

import numpy as np

from pantile.ir import PointerType, TensorDescType
from pantile.targets.base import Artifact
from pantile.targets.launch.binding import ParamLayout, c_struct_layout
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.launch.runtime import STAGE, DeviceRuntime, Event, Params

from . import context
from .context import device_limits, driver, libcuda
from .direct import direct_launch
from .libcuda import LibCuda
from .launch_checks import array_device, check_grid, check_program
from .streams import default_stream, stream_handle, torch_current_stream
from .tensor_map import descriptor_encoding

__all__ = ["CudaLauncher", "CudaRuntime", "device_limits", "driver", "launcher_for", "libcuda"]

STATIC_SHARED_LIMIT = 48 * 1024     # above this, dynamic shared memory must be opted into per function
TENSOR_MAPS_KEPT = 1024             # encoded tensor maps a kernel keeps, the least recently used dropped first


def loadable_image(artifact: Artifact, capability: tuple[int, int]) -> bytes:
    """The cubin where the device runs its machine code (same major version, minor at least the cubin's),
    else the PTX for the driver to compile (an sm_80 build on an H100)."""
    arch = artifact.metadata.get("arch", "")
    digits = arch[3:].rstrip("a")
    if artifact.format != "cubin" or not digits.isdigit():
        return artifact.binary
    major, minor = int(digits) // 10, int(digits) % 10
    if capability[0] == major and capability[1] >= minor and not (arch.endswith("a") and capability[1] != minor):
        return artifact.binary
    return artifact.asm["ptx"].encode() + b"\0"


@dataclass
class CudaKernel:
    """A kernel and its function loaded into each device's context it ran on (one module per device); threads per
    program, dynamic shared memory, parameter bytes, and its pointer arguments' positions and names."""

    name: str
    image: bytes
    threads: int
    shared: int
    param_bytes: int
    pointers: tuple[tuple[int, str], ...]
    functions: dict[int, Any] = field(default_factory=dict)


def _tensor_pointer(array: Any) -> int:
    """The device pointer of a torch tensor on a CUDA device (building its `__cuda_array_interface__` would cost
    ~5 us); which GPU it is on, the launch decides (CudaRuntime.launch)."""
    device = array.device
    if device.type != "cuda":
        raise ValueError(f"the tensor is on {device.type}, not on a CUDA device: move it there first "
                         f"(.to('cuda:{context.DEVICE}'))")
    return array.data_ptr()


def _interface_pointer(array: Any) -> int:
    """The device pointer of an array with `__cuda_array_interface__` (cupy, pycuda, numba)."""
    return int(array.__cuda_array_interface__["data"][0])


def launch_device(kernel: CudaKernel, given: Any) -> int:
    """The GPU a launch runs on: the one its device arrays are on (device 0 where none says); ValueError naming
    the first argument on another GPU than the arguments before it."""
    device = first = None
    for i, name in kernel.pointers:
        where = array_device(given[i])
        if where is not None and where != device:
            if device is not None:
                raise ValueError(f"argument '{name}' of {kernel.name}: the array is on cuda:{where}, but argument "
                                 f"'{first}' is on cuda:{device}; a launch runs on one GPU: move it there first "
                                 f"(torch: .to('cuda:{device}'))")
            device, first = where, name
    return context.DEVICE if device is None else device


class CudaEvent(Event):
    """A CUDA event on the default stream: the device's own clock."""

    def __init__(self, runtime: "CudaRuntime") -> None:
        super().__init__(runtime)
        self.event = driver().Event()

    def record(self) -> None:
        """Record the event after the work queued so far."""
        self.event.record()

    def elapsed(self, since: Event) -> float:
        """Seconds from `since` to this event (waits for this one)."""
        self.event.synchronize()
        return self.event.time_since(since.event) / 1e3


class CudaRuntime(DeviceRuntime):
    """Module loads and launches through libcuda in the primary context of each device a launch's arrays are on,
    memory and events through pycuda in device 0's (both loaded lazily: nothing here needs them to import)."""

    arrays = "a numpy array or a CUDA device array (torch, cupy, pycuda)"
    device_addresses = True

    def __init__(self) -> None:
        # The stream of a launch given none, per device: the default stream until a torch tensor is read, then
        # the caller's current torch stream (the getter found once).
        self.current_stream: Callable[[int], int] = default_stream
        self.several_devices = True     # until load asks the driver: with one GPU a launch reads no array's device
        # encoded_map(name, address, shape, strides): the CUtensorMap of the loaded kernel's tensor-map argument
        # `name` (its type says the box, element type and padding, hence the swizzle) for the tensor at `address`
        # of `shape` and `strides`, encoded once: a launch on the same tensors again packs the same bytes.
        self.encoded_map: Callable[..., bytes] = lru_cache(maxsize=TENSOR_MAPS_KEPT)(self._encode_map)
        self._map_types: dict[str, TensorDescType] = {}

    def load(self, artifact: Artifact) -> CudaKernel:
        """Check the program against the device's limits and load its module (the cubin where the device runs it,
        else the PTX) into device 0's context; other devices load it at their first launch."""
        name = artifact.kernel_name
        context.check_usable(name)
        driver()
        shared = artifact.shared_memory if artifact.metadata.get("dynamic_shared") else 0
        check_program(name, artifact.num_warps, artifact.shared_memory, artifact.metadata.get("registers", 0),
                      device_limits())
        pointers = tuple((i, a.name) for i, a in enumerate(artifact.args) if isinstance(a.type, PointerType))
        self._map_types = {a.name: a.type for a in artifact.args if isinstance(a.type, TensorDescType)}
        kernel = CudaKernel(name, loadable_image(artifact, device_limits()["capability"]), artifact.num_warps * 32,
                            shared, self.param_layout(artifact).size, pointers)
        self.function(kernel, context.DEVICE)
        self.several_devices = libcuda().device_count() > 1
        return kernel

    def function(self, kernel: CudaKernel, device: int) -> Any:
        """The kernel's function in `device`'s context, its module loaded there at the first call."""
        function = kernel.functions.get(device)
        if function is None:
            lib = libcuda()
            try:
                lib.use(device)
                function = lib.load(kernel.image, kernel.name, kernel.shared if kernel.shared > STATIC_SHARED_LIMIT
                                    else 0)
            except Exception as err:   # an earlier kernel's fault, found by the load
                found = self.fault(err, kernel.name, launched=False)
                if found is not None:
                    raise found from None
                raise
            kernel.functions[device] = function
        return function

    def check(self, kernel: CudaKernel, grid: tuple[int, int, int]) -> tuple[int, int, int]:
        """Refuse every launch after a fault, and grids the device cannot run."""
        context.check_usable(kernel.name)
        return check_grid(kernel.name, grid, device_limits())

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """torch tensors by `data_ptr()` (and from then on, launches given no stream go on torch's current one),
        other device arrays by `__cuda_array_interface__`; numpy arrays are staged."""
        if getattr(getattr(array, "device", None), "type", None) is not None and hasattr(array, "data_ptr"):
            self.current_stream = torch_current_stream()
            return _tensor_pointer
        if hasattr(array, "__cuda_array_interface__"):
            return _interface_pointer
        return super().reader(array)

    def prepare_staging(self, kernel: CudaKernel, params: Params, stream: Any) -> None:
        """Make the launch's GPU current, so the copies are made there; refuse numpy arrays while the launch's
        stream captures a graph: their copies, allocations and the synchronisation before copying back cannot be
        recorded."""
        device = launch_device(kernel, params.given)
        lib = libcuda()
        lib.use(device)
        handle = torch_current_stream()(device) if stream is None else stream_handle(stream)
        if handle and lib.is_capturing(handle):
            raise RuntimeError(f"kernel {kernel.name} was launched with numpy arrays while its stream is capturing "
                               f"a CUDA graph (torch.cuda.graph): their copies to the GPU and back cannot be "
                               f"recorded in a graph; pass arrays that live on the GPU (torch tensors) instead")

    def alloc(self, nbytes: int) -> Any:
        """cuMemAlloc."""
        return driver().mem_alloc(nbytes)

    def copy_in(self, allocation: Any, host: np.ndarray) -> None:
        """cuMemcpyHtoD."""
        driver().memcpy_htod(allocation, host)

    def copy_out(self, host: np.ndarray, allocation: Any) -> None:
        """cuMemcpyDtoH."""
        driver().memcpy_dtoh(host, allocation)

    def free(self, allocation: Any) -> None:
        """cuMemFree (after a fault, pycuda skips it silently: context.record_fault)."""
        allocation.free()

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """A C struct, at the offsets ptxas chose where the artifact is a cubin (they differ for 64-byte aligned
        tensor maps: cubin.py)."""
        layout = c_struct_layout(artifact.args)
        offsets = artifact.metadata.get("param_offsets")
        if offsets is None:
            return layout
        return ParamLayout(tuple(replace(slot, offset=at) for slot, at in zip(layout.slots, offsets)),
                           artifact.metadata["param_bytes"])

    def tensor_map(self, spec: Any, desc: Any, address: int) -> bytes:
        """The CUtensorMap of a TensorDescriptor for the TMA copies of argument `spec` (tensor_map.py), encoded at
        the first launch on its tensor (encoded_map)."""
        return self.encoded_map(spec.name, address, desc.shape, desc.strides)

    def _encode_map(self, name: str, address: int, shape: tuple[int, ...], strides: tuple[int, ...]) -> bytes:
        return libcuda().encode_tiled(descriptor_encoding(self._map_types[name], address, shape, strides, name))

    def synchronize(self) -> None:
        """cuCtxSynchronize."""
        driver().Context.synchronize()

    def event(self) -> Event:
        """A CUDA event."""
        return CudaEvent(self)

    def launch(self, kernel: CudaKernel, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """cuLaunchKernel with the packed parameter buffer on the device of the arrays, on `stream` where given,
        else on the caller's current torch stream of that device (no synchronisation)."""
        device = launch_device(kernel, params.given) if self.several_devices else context.DEVICE
        function = kernel.functions.get(device) or self.function(kernel, device)
        lib = libcuda()
        lib.use(device)
        lib.launch(function, grid, kernel.threads, kernel.shared,
                   self.current_stream(device) if stream is None else stream_handle(stream), params.address,
                   kernel.param_bytes)
        context.launched(kernel.name)

    def fault(self, error: Exception, kernel: Any, launched: bool) -> Optional[Exception]:
        """The fault a sticky driver error reports, naming the kernel launched before this one when this one was
        not launched yet; None for any other error."""
        if not context.is_sticky(error):
            return None
        name = kernel if isinstance(kernel, str) else kernel.name
        return context.record_fault(context.culprit(name, launched), error)


class CudaLauncher(SharedLauncher):
    """The shared launcher of one CUDA kernel, which also makes direct launches (direct.py) for the warm path."""

    runtime: CudaRuntime

    def direct(self, args: Sequence[Any]) -> Optional[Callable[..., None]]:
        """The direct launch of launches like this one (these runtime arguments, just launched): None where an array
        is staged or the driver is not libcuda through ctypes (a test's stand-in)."""
        lib, runtime, binding = libcuda(), self.runtime, self.binding
        if not isinstance(lib, LibCuda) or any(runtime.reader(args[i]) in (STAGE, None) for i in binding.pointers):
            return None
        device = launch_device(self.kernel, args) if runtime.several_devices else context.DEVICE
        runtime.function(self.kernel, device)
        return direct_launch(lib, runtime, self.kernel, self.binding, device)


def launcher_for(artifact: Artifact) -> CudaLauncher:
    """The launcher of an artifact on libcuda and pycuda (its module loaded now)."""
    return CudaLauncher(CudaRuntime(), artifact)
