"""Launching cubin/PTX artifacts with pycuda in the device's primary context (the one torch uses).

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

import math
from typing import Any, Optional, Sequence

from pantile.ir import PointerType
from pantile.targets.base import Artifact, Launcher
from pantile.targets.host_staging import stage_arrays
from pantile.targets.kernel_args import scalar_value

from . import context
from .context import device_limits, driver
from .launch_checks import check_device, check_grid, check_program

__all__ = ["CudaLauncher", "device_limits", "driver"]

# Struct codes of kernel parameters by IR scalar type (bf16 and fp8 travel as their bits).
_PARAM_CODES = {"i1": "B", "i8": "b", "i16": "h", "i32": "i", "i64": "q", "u8": "B", "u16": "H", "u32": "I",
                "u64": "Q", "f16": "e", "bf16": "H", "f32": "f", "f64": "d", "f8e4m3": "B", "f8e5m2": "B",
                "f8e4b15": "B", "f8e4b8": "B", "f8e5b16": "B"}
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


class CudaLauncher(Launcher):
    """Loads one artifact into the current context and launches it."""

    def __init__(self, artifact: Artifact) -> None:
        context.check_usable(artifact.kernel_name)
        self.cuda = driver()
        self.artifact = artifact
        self.kernel = artifact.kernel_name
        self.threads = artifact.num_warps * 32
        self.shared = artifact.shared_memory if artifact.metadata.get("dynamic_shared") else 0
        check_program(self.kernel, artifact.num_warps, artifact.shared_memory, artifact.metadata.get("registers", 0),
                      device_limits())
        self.format = "".join("P" if isinstance(a.type, PointerType) else _PARAM_CODES[a.type.name]
                              for a in artifact.args)
        try:
            self.module = self.cuda.module_from_buffer(loadable_image(artifact, device_limits()["capability"]))
        except self.cuda.Error as err:   # an earlier kernel's fault, found by the load
            self._raise_fault(err, launched=False)
            raise
        self.function = self.module.get_function(self.kernel)
        if self.shared > STATIC_SHARED_LIMIT:
            self.function.set_attribute(self.cuda.function_attribute.MAX_DYNAMIC_SHARED_SIZE_BYTES, self.shared)

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        """Launch on `grid` with `args` in ArgSpec order."""
        context.check_usable(self.kernel)
        grid = check_grid(self.kernel, grid, device_limits())
        if len(args) != len(self.artifact.args):
            raise ValueError(f"{self.kernel} takes {len(self.artifact.args)} arguments, got {len(args)}")
        if math.prod(grid) == 0:
            return
        launched, staged = False, []
        try:
            values = self._values(args, staged)
            self._launch(grid, values, stream)
            launched = True
            if staged:                 # numpy arguments: wait, then copy the written spans back
                self.cuda.Context.synchronize()
                for span, dev in staged:
                    if span.written and span.nbytes:
                        self.cuda.memcpy_dtoh(span.view(), dev)
        except self.cuda.Error as err:
            self._raise_fault(err, launched)
            raise
        finally:
            for _, dev in staged:
                dev.free()   # after a fault, pycuda skips this silently (context.record_fault)

    def _raise_fault(self, err: Exception, launched: bool) -> None:
        """Raise the fault a sticky driver error reports (naming the kernel launched before this one when this
        one was not launched yet); return for any other error."""
        if context.is_sticky(err):
            raise context.record_fault(context.culprit(self.kernel, launched), err) from None

    def _launch(self, grid: tuple[int, int, int], values: list, stream: Any) -> None:
        from pycuda._pvt_struct import pack
        torch_stream = _torch_stream() if stream is None else None
        if torch_stream:
            # pycuda cannot wrap torch's stream handle: order after its work instead
            import torch
            torch.cuda.current_stream().synchronize()
        self.function._launch_kernel(grid, (self.threads, 1, 1), pack(self.format, *values), self.shared, stream)
        context.launched(self.kernel)

    def _values(self, args: Sequence[Any], staged: list) -> list:
        """Kernel parameter values; numpy spans are copied to the device (appended to `staged`) first."""
        spans, placed = stage_arrays(self.artifact.args, args)
        devices = {}
        for span in spans:
            dev = self.cuda.mem_alloc(max(1, span.nbytes))
            staged.append((span, dev))
            devices[id(span)] = int(dev)
            if span.nbytes:
                self.cuda.memcpy_htod(dev, span.view())
        values = []
        for i, (spec, arg) in enumerate(zip(self.artifact.args, args)):
            if i in placed:
                values.append(devices[id(placed[i].span)] + placed[i].offset)
            elif isinstance(spec.type, PointerType):
                values.append(self._device_pointer(spec.name, arg))
            else:
                values.append(scalar_value(spec.type, arg))
        return values

    def _device_pointer(self, name: str, arg: Any) -> int:
        if getattr(getattr(arg, "device", None), "type", None) == "cuda":   # torch: building its
            check_device(self.kernel, name, arg, context.DEVICE)            # __cuda_array_interface__ costs ~5 us
            return arg.data_ptr()
        cai = getattr(arg, "__cuda_array_interface__", None)
        if cai is not None:
            check_device(self.kernel, name, arg, context.DEVICE)
            return int(cai["data"][0])
        if arg is None:
            return 0
        if isinstance(arg, int):
            return arg
        raise TypeError(f"argument {name}: expected a device array (torch, cupy, pycuda) or a numpy array, "
                        f"got {type(arg).__name__}")

