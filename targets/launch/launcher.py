"""The one launcher every target runs its kernels with: it binds the arguments by the kernel's binding table,
reads each array's pointer the way its runtime reads arrays of that type (decided once per type), stages numpy
arrays a device cannot address (targets/host_staging.py) and copies back what the kernel may have written,
packs the parameters into a reused buffer and makes one launch call of the runtime."""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional, Sequence

from ..base import Artifact, Launcher
from ..host_staging import stage_arrays
from .binding import Binding
from .runtime import STAGE, DeviceRuntime, Params


class SharedLauncher(Launcher):
    """Loads one artifact through its runtime; each call launches it on a grid."""

    def __init__(self, runtime: DeviceRuntime, artifact: Artifact) -> None:
        self.runtime = runtime
        self.artifact = artifact
        self.kernel = runtime.load(artifact)
        self.binding = Binding(artifact.kernel_name, artifact.args, runtime.param_layout(artifact))
        self._readers: dict[type, Callable[[Any], Any]] = {}
        self._local = threading.local()
        self._addresses = runtime.host_addresses or runtime.device_addresses
        self._check, self._launch = runtime.check, runtime.launch     # bound once: the warm path calls them

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        self.launch(grid, args, None, stream)

    def launch(self, grid: tuple[int, int, int], args: Sequence[Any], addresses: Optional[Sequence[Optional[int]]],
               stream: Any = None) -> None:
        """Launch on `grid`; on a runtime whose pointer values are addresses, an array it does not stage is
        passed at its entry of `addresses` where the caller read it already (None: read here)."""
        binding = self.binding
        if len(args) != binding.count:
            raise binding.arity_error(len(args))
        grid = self._check(self.kernel, grid)
        if grid[0] * grid[1] * grid[2] == 0:
            return
        try:
            params = self._local.params
        except AttributeError:
            params = self._local.params = Params(binding.layout.size)
        values = params.values = list(args)
        params.given = args
        staged = False
        given = addresses if self._addresses else None
        readers = self._readers
        for i in binding.pointers:
            arg = values[i]
            read = readers.get(type(arg)) or self._reader(i, arg)
            if read is STAGE:
                staged = True
                continue
            if given is not None:
                address = given[i]
                if address is not None:
                    values[i] = address
                    continue
            try:
                values[i] = read(arg)
            except (TypeError, ValueError) as err:   # the reader says what is wrong; the launch names where
                raise type(err)(f"argument '{binding.specs[i].name}' of {binding.kernel}: {err}") from None
        if staged:
            self._launch_staged(grid, args, params, stream)
            return
        self._encode_tensor_maps(values)
        binding.pack(params.buffer, values)
        try:
            self._launch(self.kernel, grid, params, stream)
        except Exception as err:
            self._raise_fault(err, launched=False)
            raise

    def _reader(self, i: int, arg: Any) -> Callable[[Any], Any]:
        """How arrays of type(arg) are read, found once per type; TypeError naming argument i when the runtime
        takes no such array."""
        read = self.runtime.reader(arg)
        if read is None:
            raise TypeError(f"argument '{self.binding.specs[i].name}' of {self.artifact.kernel_name} must be "
                            f"{self.runtime.arrays} on {self.artifact.target}, got {type(arg).__name__}")
        self._readers[type(arg)] = read
        return read

    def _launch_staged(self, grid: tuple[int, int, int], args: Sequence[Any], params: Params, stream: Any) -> None:
        """Copy the numpy spans to the device, launch, then copy written spans back and free the copies."""
        rt, values = self.runtime, params.values
        rt.prepare_staging(self.kernel, params, stream)
        spans, placed = stage_arrays(self.binding.specs, args)
        allocations: list = []
        launched = False
        try:
            for span in spans:
                allocations.append(rt.stage(span))
            device = {id(span): allocation for span, allocation in zip(spans, allocations)}
            for i, where in placed.items():
                values[i] = rt.pointer(device[id(where.span)], where.offset, self.binding.specs[i].name)
            self._encode_tensor_maps(values)
            self.binding.pack(params.buffer, values)
            rt.launch(self.kernel, grid, params, stream)
            launched = True
            rt.synchronize()
            for span, allocation in zip(spans, allocations):
                if span.written and span.nbytes:
                    rt.copy_out(span.view(), allocation)
        except Exception as err:
            self._raise_fault(err, launched)
            raise
        finally:
            for allocation in allocations:
                rt.free(allocation)

    def _encode_tensor_maps(self, values: list) -> None:
        """Each tensor-map argument (given its TensorDescriptor) as the runtime encodes it for its base's
        device address, read or staged by now."""
        for i, base in self.binding.tensor_maps:
            values[i] = self.runtime.tensor_map(self.binding.specs[i], values[i], values[base])

    def _raise_fault(self, err: Exception, launched: bool) -> None:
        found = self.runtime.fault(err, self.kernel, launched)
        if found is not None:
            raise found from None
