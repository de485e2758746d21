"""Launching cubin/PTX artifacts with pycuda on the device's primary context (the one torch uses).

Arrays: anything with `__cuda_array_interface__` (torch, cupy, pycuda
GPUArray) is passed by its device pointer; numpy arrays are copied in and,
when the kernel may write them, copied back after the launch. Launches the
device cannot run (grid, threads, shared memory, registers) are refused
before the launch with the limit they break.
"""
from __future__ import annotations

import atexit
import math
from typing import Any, Optional, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType
from pantile.targets.base import Artifact, Launcher

# Struct codes of kernel parameters by IR scalar type (bf16 and fp8 travel as their bits).
_PARAM_CODES = {"i1": "B", "i8": "b", "i16": "h", "i32": "i", "i64": "q", "u8": "B", "u16": "H", "u32": "I",
                "u64": "Q", "f16": "e", "bf16": "H", "f32": "f", "f64": "d", "f8e4m3": "B", "f8e5m2": "B"}
_state: dict[str, Any] = {}


def driver() -> Any:
    """pycuda.driver with the primary context of device 0 current (created once)."""
    if "cuda" not in _state:
        import pycuda.driver as cuda
        cuda.init()
        dev = cuda.Device(0)
        ctx = dev.retain_primary_context()
        ctx.push()
        atexit.register(ctx.pop)           # pycuda aborts at exit while a context is still pushed
        _state.update(cuda=cuda, device=dev, context=ctx)
    return _state["cuda"]


def device_limits() -> dict[str, Any]:
    """Limits and figures of device 0."""
    if "limits" not in _state:
        cuda = driver()
        dev = _state["device"]
        attr = cuda.device_attribute
        _state["limits"] = {
            "name": dev.name(),
            "capability": dev.compute_capability(),
            "max_threads": dev.get_attribute(attr.MAX_THREADS_PER_BLOCK),
            "max_grid": (dev.get_attribute(attr.MAX_GRID_DIM_X), dev.get_attribute(attr.MAX_GRID_DIM_Y),
                         dev.get_attribute(attr.MAX_GRID_DIM_Z)),
            "max_shared_optin": dev.get_attribute(attr.MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
            "registers_per_block": dev.get_attribute(attr.MAX_REGISTERS_PER_BLOCK),
            "sm_count": dev.get_attribute(attr.MULTIPROCESSOR_COUNT),
        }
    return _state["limits"]


def _torch_stream() -> Optional[int]:
    import sys
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available() or not torch.cuda.is_initialized():
        return None
    return int(torch.cuda.current_stream().cuda_stream)


class CudaLauncher(Launcher):
    """Loads one artifact into the primary context and launches it."""

    def __init__(self, artifact: Artifact) -> None:
        cuda = driver()
        self.cuda = cuda
        self.artifact = artifact
        self.module = cuda.module_from_buffer(artifact.binary)
        self.function = self.module.get_function(artifact.kernel_name)
        self.threads = artifact.num_warps * 32
        self.shared = artifact.shared_memory if artifact.metadata.get("dynamic_shared") else 0
        limits = device_limits()
        if self.shared > 48 * 1024:
            if self.shared > limits["max_shared_optin"]:
                raise ValueError(f"kernel {artifact.kernel_name} needs {self.shared} bytes of shared memory; "
                                 f"this device allows {limits['max_shared_optin']} per program: "
                                 "use smaller blocks or fewer stages")
            self.function.set_attribute(cuda.function_attribute.MAX_DYNAMIC_SHARED_SIZE_BYTES, self.shared)
        regs = artifact.metadata.get("registers", 0)
        if regs * self.threads > limits["registers_per_block"]:
            raise ValueError(f"kernel {artifact.kernel_name} uses {regs} registers x {self.threads} threads, more "
                             f"than the {limits['registers_per_block']} a program may have: use fewer warps")
        if self.threads > limits["max_threads"]:
            raise ValueError(f"num_warps={artifact.num_warps} gives {self.threads} threads per program; this "
                             f"device allows {limits['max_threads']}: use num_warps <= {limits['max_threads'] // 32}")
        self.format = "".join("P" if isinstance(a.type, PointerType) else _PARAM_CODES[a.type.name]
                              for a in artifact.args)

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        """Launch on `grid` with `args` in ArgSpec order."""
        from pycuda._pvt_struct import pack
        grid = tuple(int(g) for g in grid) + (1,) * (3 - len(grid))
        limits = device_limits()
        for axis, (g, most) in enumerate(zip(grid, limits["max_grid"])):
            if g < 0 or g > most:
                raise ValueError(f"grid {grid} is outside what the device runs: axis {axis} must be between 0 "
                                 f"and {most}")
        if len(args) != len(self.artifact.args):
            raise ValueError(f"{self.artifact.kernel_name} takes {len(self.artifact.args)} arguments, "
                             f"got {len(args)}")
        if math.prod(grid) == 0:
            return
        values, copies, temps = [], [], []
        for spec, arg in zip(self.artifact.args, args):
            if isinstance(spec.type, PointerType):
                values.append(self._pointer(spec, arg, copies, temps))
            else:
                values.append(_scalar(spec.type, arg))
        launch_stream = stream
        torch_stream = _torch_stream() if stream is None else None
        if torch_stream:
            # pycuda cannot wrap torch's stream handle: order after its work instead
            import torch
            torch.cuda.current_stream().synchronize()
        self.function._launch_kernel(grid, (self.threads, 1, 1), pack(self.format, *values), self.shared,
                                     launch_stream)
        if temps:                  # numpy arguments: wait, copy back, then free the device copies
            self.cuda.Context.synchronize()
            for host, dev in copies:
                self.cuda.memcpy_dtoh(host, dev)

    def _pointer(self, spec, arg: Any, copies: list, temps: list) -> int:
        cai = getattr(arg, "__cuda_array_interface__", None)
        if cai is not None:
            return int(cai["data"][0])
        if isinstance(arg, np.ndarray):
            host = np.ascontiguousarray(arg)
            dev = self.cuda.mem_alloc(max(1, host.nbytes))
            self.cuda.memcpy_htod(dev, host)
            if spec.writes:
                if host is not arg:
                    raise ValueError(f"argument {spec.name}: a written numpy array must be C-contiguous")
                copies.append((arg, dev))
            temps.append(dev)
            return int(dev)
        if arg is None:
            return 0
        if isinstance(arg, int):
            return arg
        raise TypeError(f"argument {spec.name}: expected a device array (torch, cupy, pycuda) or a numpy array, "
                        f"got {type(arg).__name__}")


def _scalar(t: ScalarType, value: Any) -> Any:
    if t.name in ("f16", "f32", "f64"):
        return float(value)
    if t.name == "bf16":
        return int(np.array([value], dtype=np.float32).view(np.uint32)[0] >> 16)
    return int(value) & ((1 << t.bitwidth) - 1) if t.is_unsigned or t.name == "i1" else int(value)
