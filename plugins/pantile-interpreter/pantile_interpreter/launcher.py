"""The interpreter's driver calls under pantile's shared launcher: its 'device' runs the grid in batches of
programs, on the launch's own host arrays, and reads each scalar from the packed parameters as a kernel would.

Programs run together as one batch (every value gets a leading program axis) unless the kernel talks between
programs while they run (atomic compare-and-swap, volatile loads: a spin lock would wait on a program of its
own batch forever); those kernels run program by program, in program order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

import numpy as np

from pantile.ir import Block, Module, PointerType, parse_module
from pantile.targets.base import ArgSpec, Artifact
from pantile.targets.kernel_args import kernel_function
from pantile.targets.launch.binding import ParamLayout, Slot, c_struct_layout
from pantile.targets.launch.runtime import DeviceRuntime, Params

from . import blocks  # noqa: F401  (registers the block ops)
from .dtypes import bits_dtype, dtype_of
from .env import Env
from .evaluator import Interpreter
from .memory import Memory

BATCH_ELEMENTS = 1 << 18       # elements of the largest block times the programs run together


def _host_view(x: Any) -> np.ndarray:
    """The numpy view of a CPU tensor through DLPack."""
    try:
        return np.from_dlpack(x)
    except (TypeError, RuntimeError, BufferError) as err:
        raise TypeError(f"the interpreter reads host arrays; {type(x).__name__} gave no host view ({err}); pass a "
                        "numpy array") from None


@dataclass
class Program:
    """A loaded artifact: its module's kernel body and how its programs are batched."""

    module: Module
    entry: Block
    specs: tuple[ArgSpec, ...]
    slots: tuple[Slot, ...]
    debug: bool
    batch_limit: int


class InterpreterRuntime(DeviceRuntime):
    """Runs artifacts with numpy, on the modules the target emitted in this process where it has them."""

    arrays = "a numpy array or a CPU tensor"

    def __init__(self, emitted: Mapping[bytes, Module]) -> None:
        self.emitted = emitted

    def load(self, artifact: Artifact) -> Program:
        """The artifact's module (parsed from its text unless emitted here) and its batching."""
        module = self.emitted.get(artifact.binary) or parse_module(artifact.binary.decode(),
                                                                   f"<{artifact.kernel_name}>")
        meta = artifact.metadata
        return Program(module, kernel_function(module).regions[0].blocks[0], artifact.args,
                       self.param_layout(artifact).slots, bool(meta["debug"]),
                       1 if meta["sequential"] else max(1, BATCH_ELEMENTS // max(1, int(meta["largest_block"]))))

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """The scalars as a C struct; the arrays stay out of it (they are bound as arrays)."""
        return c_struct_layout(artifact.args, pointer_code="")

    def reader(self, array: Any) -> Optional[Callable[[Any], Any]]:
        """numpy arrays as they are, other host arrays (CPU tensors) through DLPack."""
        if isinstance(array, np.ndarray):
            return lambda a: a
        if hasattr(array, "__dlpack__"):
            return _host_view
        return None

    def launch(self, kernel: Program, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """Bind the arrays into a bounds-checked memory and the scalars from their packed bits, then run."""
        memory = Memory()
        bound = []
        for spec, slot, value in zip(kernel.specs, kernel.slots, params.values):
            if isinstance(spec.type, PointerType):
                bound.append(np.array([memory.add_array(spec.name, value, str(spec.type.pointee))], np.int64))
            else:
                bound.append(np.frombuffer(params.buffer, bits_dtype(spec.type), 1, slot.offset)
                             .view(dtype_of(spec.type)).copy())
        gx, gy, gz = grid
        total = gx * gy * gz
        batch = min(total, kernel.batch_limit)
        interpreter = Interpreter(kernel.module, memory, grid, kernel.debug)
        with np.errstate(all="ignore"):
            for start in range(0, total, batch):
                linear = np.arange(start, min(total, start + batch))
                pids = np.stack([linear % gx, linear // gx % gy, linear // (gx * gy)], axis=1).astype(np.int32)
                size = len(linear)
                interpreter.run_block(kernel.entry, Env(pids, size), [np.broadcast_to(b, (size,)) for b in bound])
