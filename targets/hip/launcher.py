"""Launches a HSACO through the HIP module API: numpy arrays are staged in and written spans copied back,
device arrays (ROCm torch tensors, `__cuda_array_interface__`) are used in place."""
from __future__ import annotations

import math
from typing import Any, Sequence

from pantile.ir import PointerType
from pantile.targets.base import Artifact, Launcher
from pantile.targets.host_staging import stage_arrays

from .kernargs import pack
from .runtime import DEVICE_TO_HOST, HOST_TO_DEVICE, HipRuntime


class HipLauncher(Launcher):
    """One code object loaded into the HIP runtime, launched with a packed kernarg buffer."""

    def __init__(self, runtime: HipRuntime, artifact: Artifact) -> None:
        self.rt = runtime
        self.artifact = artifact
        self.threads = artifact.num_warps * artifact.metadata["wavefront"]
        self.function = runtime.function(runtime.load(artifact.binary), artifact.kernel_name)

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        """Launch on `grid` with `args` in ArgSpec order."""
        name = self.artifact.kernel_name
        if len(args) != len(self.artifact.args):
            raise ValueError(f"{name} takes {len(self.artifact.args)} arguments, got {len(args)}")
        if math.prod(grid) == 0:
            return
        spans, placed = stage_arrays(self.artifact.args, args)
        device = {id(s): self.rt.alloc(s.nbytes) for s in spans}
        try:
            for s in spans:
                if s.nbytes:
                    self.rt.copy(device[id(s)], s.start, s.nbytes, HOST_TO_DEVICE)
            values = [device[id(placed[i].span)] + placed[i].offset if i in placed else
                      _pointer(name, spec.name, arg) if isinstance(spec.type, PointerType) else arg
                      for i, (spec, arg) in enumerate(zip(self.artifact.args, args))]
            self.rt.launch(self.function, tuple(grid), self.threads, pack(self.artifact.args, values), stream)
            if spans:
                self.rt.synchronize()
                for s in spans:
                    if s.written and s.nbytes:
                        self.rt.copy(s.start, device[id(s)], s.nbytes, DEVICE_TO_HOST)
        finally:
            for ptr in device.values():
                self.rt.free(ptr)


def _pointer(kernel: str, name: str, arg: Any) -> int:
    """The device address of a pointer argument: a ROCm array's data pointer, None as 0, or an int."""
    cai = getattr(arg, "__cuda_array_interface__", None)
    if cai is not None:
        return int(cai["data"][0])
    if hasattr(arg, "data_ptr"):
        return int(arg.data_ptr())
    if arg is None:
        return 0
    if isinstance(arg, int):
        return arg
    raise TypeError(f"{kernel}: argument {name}: expected a ROCm device array (torch, cupy) or a numpy array, "
                    f"got {type(arg).__name__}")
