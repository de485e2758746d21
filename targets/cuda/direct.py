"""The direct launch of one loaded CUDA kernel on one device, generated per kernel from its binding table: it takes
the runtime arguments in order with every array as its device address, packs them into this thread's parameter
buffer by the binding's struct (a scalar converted where its type needs it) and makes one cuLaunchKernel call,
after reading which context is current (one more call, into the driver's thread state). The checks of the shared
launcher's path stay: a launch after a fault is refused, a grid beyond the device's limits is refused naming the
axis, a value its parameter type cannot hold names the argument, a sticky driver error is reported as a fault.

A parameter kind is added in the binding (its layout slot's struct code, and a converter where Python's value is
not what the code packs); this code packs whatever the binding packs. A tensor map is the runtime's encoding of the
TensorDescriptor given for it (CudaRuntime.encoded_map: encoded once per tensor), made before the packing so that
a tensor TMA cannot address is refused with the encoding's own error."""
from __future__ import annotations

import ctypes
import struct
import threading
from typing import Any, Callable, Sequence

from pantile.targets.launch.binding import Binding

from . import context
from .launch_checks import check_grid
from .libcuda import LibCuda
from .streams import stream_handle

_SOURCE = """\
def go(gx, gy, gz, stream, {args}):
    if "fault" in state:
        check_usable(name)
    if gx > MAX_X or gy > MAX_Y or gz > MAX_Z:
        check_grid(name, (gx, gy, gz), limits)
    try:
        buffer, extra = local.slots
    except AttributeError:
        buffer, extra = local.slots = slots()
{maps}    try:
        pack(buffer, 0, {packed})
    except PACK_ERRORS as err:
        raise value_error([{args}], err) from None
    if get_current(current_ref) or current.value != own_context:
        use(device)
    handle = runtime.current_stream(device) if stream is None else stream_handle(stream)
    c_stream = streams.get(handle) if handle else None
    if c_stream is None and handle:
        c_stream = streams[handle] = c_void_p(handle)
    result = cu_launch(function, gx, gy, gz, threads, 1, 1, shared, c_stream, None, extra)
    if result:
        failed(result)
    state["last_kernel"] = name
"""


def direct_source(binding: Binding) -> str:
    """The source of `go(gx, gy, gz, stream, x0, x1, ...)` for a kernel with this binding table (a tensor-map
    argument given as its TensorDescriptor, encoded for its base's address or found encoded already)."""
    converted = dict(binding.converters)
    mapped = dict(binding.tensor_maps)
    args = ", ".join(f"x{i}" for i in range(binding.count))
    maps = "".join(f"    m{i} = encoded_map(name{i}, x{base}, x{i}.shape, x{i}.strides)\n"
                   for i, base in binding.tensor_maps)
    packed = ", ".join(f"m{i}" if i in mapped else f"conv{i}(x{i})" if i in converted else f"x{i}"
                       for i in binding.packed)
    return _SOURCE.format(args=args, maps=maps, packed=packed)


def direct_launch(lib: LibCuda, runtime: Any, kernel: Any, binding: Binding, device: int) -> Callable[..., None]:
    """The direct launch of `kernel` (a CudaKernel of `runtime`, a CudaRuntime) on `device`, where its function is
    loaded already."""
    limits = context.device_limits()
    size = binding.layout.size

    def slots() -> tuple[Any, Any]:
        """This thread's parameter buffer and the `extra` list that points at it (None for a kernel of no
        parameters)."""
        buffer = (ctypes.c_char * max(size, 1))()
        if not size:
            return buffer, None
        length = ctypes.c_size_t(size)
        extra = (ctypes.c_void_p * 5)(1, ctypes.addressof(buffer), 2, ctypes.addressof(length), 0)
        extra.length = length   # kept alive with the list that points at it
        return buffer, extra

    def value_error(values: list, err: Exception) -> Exception:
        """The shared launcher's error for a value its parameter cannot take (naming it), else `err`."""
        try:
            binding.pack(slots()[0], values)
        except TypeError as found:
            return found
        return err

    def failed(result: int) -> None:
        try:
            lib.check("cuLaunchKernel", result)
        except Exception as err:
            raise runtime.fault(err, kernel, False) or err from None

    scope = {"state": context._state, "check_usable": context.check_usable,
             "name": kernel.name, "MAX_X": limits["max_grid"][0], "MAX_Y": limits["max_grid"][1],
             "MAX_Z": limits["max_grid"][2], "check_grid": check_grid, "limits": limits, "local": threading.local(),
             "slots": slots, "pack": binding.struct.pack_into, "value_error": value_error,
             "PACK_ERRORS": (struct.error, OverflowError, TypeError, ValueError),
             "get_current": lib.lib.cuCtxGetCurrent, "current_ref": lib.current_ref, "current": lib.current,
             "own_context": lib.primary_context(device).value, "use": lib.use, "device": device,
             "runtime": runtime, "stream_handle": stream_handle, "streams": {}, "c_void_p": ctypes.c_void_p,
             "cu_launch": lib.cuLaunchKernel, "function": kernel.functions[device], "threads": kernel.threads,
             "shared": kernel.shared, "failed": failed, **{f"conv{i}": conv for i, conv in binding.converters},
             "encoded_map": runtime.encoded_map,
             **{f"name{i}": binding.specs[i].name for i, _ in binding.tensor_maps}}
    exec(compile(direct_source(binding), f"<pantile cuda launch of {kernel.name}>", "exec"), scope)
    return scope["go"]
