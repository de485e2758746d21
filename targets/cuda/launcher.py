"""CUDA's driver calls under the shared launcher: cubin/PTX artifacts run with pycuda in the device's primary
context (the one torch uses).

Arrays: anything with `__cuda_array_interface__` (torch, cupy, pycuda GPUArray)
is passed by its device pointer; numpy arrays, strided views included, are
staged: the byte span each covers is copied in and, when the kernel may write
it, copied back after the launch (targets/host_staging.py). Launches the device
cannot run (grid, threads, shared memory, registers, an array on another GPU)
are refused before the launch with the limit they break (launch_checks.py). A
fault inside a kernel raises DeviceFaultError (DeviceAssertionError for a failed
device_assert) naming the kernel and the driver's error; the driver keeps that
error for the rest of the process, so every later CUDA launch is refused at once
with a DeviceFaultError that names the fault (context.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from pantile.targets.base import Artifact
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.launch.runtime import DeviceRuntime, Event, Params

from . import context
from .context import device_limits, driver
from .launch_checks import check_device, check_grid, check_program

__all__ = ["CudaRuntime", "device_limits", "driver", "launcher_for"]

STATIC_SHARED_LIMIT = 48 * 1024     # above this, dynamic shared memory must be opted into per function


def _torch_stream() -> Optional[int]:
    import sys
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available() or not torch.cuda.is_initialized():
        return None
    return int(torch.cuda.current_stream().cuda_stream)


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


@dataclass(frozen=True)
class CudaKernel:
    """A loaded kernel: its pycuda function, threads per program, dynamic shared memory and parameter bytes."""

    name: str
    function: Any
    threads: int
    shared: int
    param_bytes: int


def _tensor_pointer(array: Any) -> int:
    """The device pointer of a torch tensor on the GPU kernels run on (building its `__cuda_array_interface__`
    would cost ~5 us)."""
    device = array.device
    if device.type != "cuda":
        raise ValueError(f"the tensor is on {device.type}, not on a CUDA device: move it there first "
                         f"(.to('cuda:{context.DEVICE}'))")
    check_device(array, context.DEVICE)
    return array.data_ptr()


def _interface_pointer(array: Any) -> int:
    """The device pointer of an array with `__cuda_array_interface__` (cupy, pycuda, numba)."""
    check_device(array, context.DEVICE)
    return int(array.__cuda_array_interface__["data"][0])


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
    """pycuda's calls in the primary context of device 0 (loaded lazily: nothing here needs pycuda to import)."""

    arrays = "a numpy array or a CUDA device array (torch, cupy, pycuda)"

    def load(self, artifact: Artifact) -> CudaKernel:
        """Load the module (the cubin where the device runs it, else the PTX) and find its kernel."""
        name = artifact.kernel_name
        context.check_usable(name)
        cuda = driver()
        shared = artifact.shared_memory if artifact.metadata.get("dynamic_shared") else 0
        check_program(name, artifact.num_warps, artifact.shared_memory, artifact.metadata.get("registers", 0),
                      device_limits())
        try:
            module = cuda.module_from_buffer(loadable_image(artifact, device_limits()["capability"]))
        except cuda.Error as err:   # an earlier kernel's fault, found by the load
            found = self.fault(err, name, launched=False)
            if found is not None:
                raise found from None
            raise
        function = module.get_function(name)
        if shared > STATIC_SHARED_LIMIT:
            function.set_attribute(cuda.function_attribute.MAX_DYNAMIC_SHARED_SIZE_BYTES, shared)
        return CudaKernel(name, function, artifact.num_warps * 32, shared, self.param_layout(artifact).size)

    def check(self, kernel: CudaKernel, grid: tuple[int, int, int]) -> tuple[int, int, int]:
        """Refuse every launch after a fault, and grids the device cannot run."""
        context.check_usable(kernel.name)
        return check_grid(kernel.name, grid, device_limits())

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """torch tensors by `data_ptr()`, other device arrays by `__cuda_array_interface__`, each checked to be
        on the GPU kernels run on; numpy arrays are staged."""
        if getattr(getattr(array, "device", None), "type", None) is not None and hasattr(array, "data_ptr"):
            return _tensor_pointer
        if hasattr(array, "__cuda_array_interface__"):
            return _interface_pointer
        return super().reader(array)

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

    def synchronize(self) -> None:
        """cuCtxSynchronize."""
        driver().Context.synchronize()

    def event(self) -> Event:
        """A CUDA event."""
        return CudaEvent(self)

    def launch(self, kernel: CudaKernel, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """cuLaunchKernel with the packed parameter buffer, ordered after torch's current stream."""
        torch_stream = _torch_stream() if stream is None else None
        if torch_stream:
            # pycuda cannot wrap torch's stream handle: order after its work instead
            import torch
            torch.cuda.current_stream().synchronize()
        kernel.function._launch_kernel(grid, (kernel.threads, 1, 1), params.buffer.raw if kernel.param_bytes else b"",
                                       kernel.shared, stream)
        context.launched(kernel.name)

    def fault(self, error: Exception, kernel: Any, launched: bool) -> Optional[Exception]:
        """The fault a sticky driver error reports, naming the kernel launched before this one when this one was
        not launched yet; None for any other error."""
        if not context.is_sticky(error):
            return None
        name = kernel if isinstance(kernel, str) else kernel.name
        return context.record_fault(context.culprit(name, launched), error)


def launcher_for(artifact: Artifact) -> SharedLauncher:
    """The shared launcher of an artifact on pycuda (its module loaded now)."""
    return SharedLauncher(CudaRuntime(), artifact)
