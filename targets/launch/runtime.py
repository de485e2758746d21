"""The device-runtime contract: the driver calls a target supplies (allocate, copy in and out, load a module,
launch, synchronize, time an event) and how it reads the arrays it takes. The shared launcher (launcher.py)
does everything else: binding, scalar packing, staging numpy arrays and copying written ones back."""
from __future__ import annotations

import ctypes
import time
from abc import ABC, abstractmethod
from typing import Any, Callable, Optional, Sequence

import numpy as np

from ..base import Artifact
from ..host_staging import HostSpan
from .binding import ParamLayout, c_struct_layout

# What `DeviceRuntime.reader` returns for a numpy array a device runtime cannot address: the launch copies its
# bytes to device memory (and back, when the kernel may write them).
STAGE: Callable[[Any], Any] = lambda array: array  # noqa: E731  (a marker; never called)


def ndarray_address(x: np.ndarray) -> int:
    """The address of a numpy array's data."""
    try:
        # 0.4 us against 1.4 us for __array_interface__ (a launch reads every array's address);
        # it needs a writable, C-contiguous, non-empty buffer, so other arrays take the slow way.
        return ctypes.addressof(ctypes.c_char.from_buffer(x))
    except (TypeError, ValueError, BufferError):
        return x.__array_interface__["data"][0]


class Params:
    """One thread's parameter buffer for one kernel, reused by every launch from that thread: `buffer` (a ctypes
    array the struct is packed into), its `address`, `values`, each argument as the launch resolved it
    (pointers as the runtime's values, scalars as given), and `given`, the arguments as given (a runtime that
    checks accesses reads the arrays' extents from them)."""

    __slots__ = ("buffer", "address", "values", "given")

    def __init__(self, size: int) -> None:
        self.buffer = (ctypes.c_char * max(size, 1))()
        self.address = ctypes.addressof(self.buffer)
        self.values: list = []
        self.given: Sequence[Any] = ()


class Event:
    """A point in a runtime's stream of work whose time can be compared with another's (host clock by default:
    the device is synchronized at the record)."""

    def __init__(self, runtime: "DeviceRuntime") -> None:
        self.runtime = runtime
        self.at = 0.0

    def record(self) -> None:
        """Mark this point: after the work queued so far."""
        self.runtime.synchronize()
        self.at = time.perf_counter()

    def elapsed(self, since: "Event") -> float:
        """Seconds from `since` to this event, both recorded."""
        return self.at - since.at


class DeviceRuntime(ABC):
    """The driver calls of one target. `load` and `launch` are abstract; a runtime whose kernels address host
    memory (`host_addresses`) needs no memory calls, one with device memory implements alloc, copy_in, copy_out
    and free (and `pointer` where a pointer parameter is not an address)."""

    host_addresses = False       # kernels read host memory: a numpy array is passed as its own address
    # A device array's parameter value is its data address as `data_ptr()` or `__cuda_array_interface__` give it,
    # so the address a launch already read is used as it is (the reader still decides, once per type, what the
    # runtime takes).
    device_addresses = False
    arrays = "a numpy array or a device array"   # what pointer arguments may be, as errors say it

    @abstractmethod
    def load(self, artifact: Artifact) -> Any:
        """Load the artifact's module and return its kernel, as `launch` takes it."""

    @abstractmethod
    def launch(self, kernel: Any, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """Launch `kernel` on `grid` with the packed `params` (one driver call where the driver allows it)."""

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """Where each argument goes in the parameter buffer: by default a C struct, as CUDA and HIP take it."""
        return c_struct_layout(artifact.args)

    def check(self, kernel: Any, grid: tuple[int, int, int]) -> tuple[int, int, int]:
        """Refuse a launch the device cannot run, before any memory moves; the grid to launch."""
        return grid

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """How a pointer argument of type(array) becomes its parameter value (asked once per type): STAGE for
        numpy arrays on a device runtime, None for a type this runtime cannot take."""
        if isinstance(array, np.ndarray):
            return ndarray_address if self.host_addresses else STAGE
        if array is None:
            return lambda _: 0
        if isinstance(array, int):
            return int
        if hasattr(array, "data_ptr"):
            return lambda a: a.data_ptr()
        if hasattr(array, "__cuda_array_interface__"):
            return lambda a: int(a.__cuda_array_interface__["data"][0])
        return None

    def alloc(self, nbytes: int) -> Any:
        """Device memory of `nbytes` (at least one byte)."""
        raise NotImplementedError(f"{type(self).__name__} has no device memory")

    def free(self, allocation: Any) -> None:
        """Give back what `alloc` or `stage` returned."""

    def copy_in(self, allocation: Any, host: np.ndarray) -> None:
        """Copy the bytes of `host` (uint8) to the start of `allocation`."""
        raise NotImplementedError(f"{type(self).__name__} has no device memory")

    def copy_out(self, host: np.ndarray, allocation: Any) -> None:
        """Copy the start of `allocation` into `host` (uint8), after the kernel finished."""
        raise NotImplementedError(f"{type(self).__name__} has no device memory")

    def stage(self, span: HostSpan) -> Any:
        """Device memory holding a copy of a numpy span: alloc, then copy_in (a runtime may wrap the host memory
        instead)."""
        allocation = self.alloc(max(1, span.nbytes))
        if span.nbytes:
            self.copy_in(allocation, span.view())
        return allocation

    def prepare_staging(self, kernel: Any, params: Params, stream: Any) -> None:
        """Get ready to stage the numpy arrays of a launch of `kernel` (arguments in `params.given`) on `stream`,
        or refuse where staging cannot happen (a stream capturing a graph); by default there is nothing to do."""

    def pointer(self, allocation: Any, offset: int, name: str) -> Any:
        """The parameter value of argument `name`, pointing `offset` bytes into `allocation`."""
        return int(allocation) + offset

    def tensor_map(self, spec: Any, desc: Any, address: int) -> bytes:
        """The bytes of tensor-map argument `spec` (a tensordesc whose block is the box copied) for TensorDescriptor
        `desc` whose base is at device `address`."""
        raise NotImplementedError(f"{type(self).__name__} has no tile copies: argument '{spec.name}' cannot be passed")

    def synchronize(self) -> None:
        """Wait for the work queued on the device."""

    def event(self) -> Event:
        """A new, unrecorded event."""
        return Event(self)

    def fault(self, error: Exception, kernel: Any, launched: bool) -> Optional[Exception]:
        """The exception to raise instead of `error`, a driver error raised during a launch of `kernel` (before
        or after the launch call itself, `launched`), or None to raise it as it is."""
        return None
