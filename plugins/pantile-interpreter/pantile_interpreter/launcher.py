"""Runs an interpreter artifact: binds the launch's arrays and scalars, then runs the grid in batches of programs.

Programs run together as one batch (every value gets a leading program axis) unless the kernel talks between
programs while they run (atomic compare-and-swap, volatile loads: a spin lock would wait on a program of its
own batch forever); those kernels run program by program, in program order.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from pantile.ir import Module, PointerType, parse_module
from pantile.targets.base import Artifact, Launcher
from pantile.targets.kernel_args import kernel_function

from . import blocks  # noqa: F401  (registers the block ops)
from .dtypes import constant
from .env import Env
from .evaluator import Interpreter
from .memory import Memory

BATCH_ELEMENTS = 1 << 18       # elements of the largest block times the programs run together


def _host_array(name: str, x: Any) -> np.ndarray:
    """The numpy view of an array argument (numpy arrays, and CPU tensors through DLPack)."""
    if isinstance(x, np.ndarray):
        return x
    if hasattr(x, "__dlpack__"):
        try:
            return np.from_dlpack(x)
        except (TypeError, RuntimeError, BufferError) as err:
            raise TypeError(f"argument '{name}' is a pointer: the interpreter reads host arrays; "
                            f"{type(x).__name__} gave no host view ({err}); pass a numpy array") from None
    raise TypeError(f"argument '{name}' is a pointer: pass a numpy array or a CPU tensor, not {type(x).__name__}")


class InterpreterLauncher(Launcher):
    """Holds the artifact's module (parsed from its text unless given); each call runs the whole grid."""

    def __init__(self, artifact: Artifact, module: Optional[Module] = None) -> None:
        self.module = module or parse_module(artifact.binary.decode(), f"<{artifact.kernel_name}>")
        self.entry = kernel_function(self.module).regions[0].blocks[0]
        self.specs = artifact.args
        self.kernel = artifact.kernel_name
        meta = artifact.metadata
        self.debug = bool(meta["debug"])
        self.batch_limit = 1 if meta["sequential"] else max(1, BATCH_ELEMENTS // max(1, int(meta["largest_block"])))

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        if len(args) != len(self.specs):
            raise TypeError(f"{self.kernel} takes {len(self.specs)} runtime arguments "
                            f"({', '.join(s.name for s in self.specs)}), got {len(args)}")
        memory = Memory()
        bound = []
        for spec, x in zip(self.specs, args):
            if isinstance(spec.type, PointerType):
                origin = memory.add_array(spec.name, _host_array(spec.name, x), str(spec.type.pointee))
                bound.append(np.array([origin], np.int64))
            else:
                bound.append(constant(x, spec.type))
        gx, gy, gz = grid
        total = gx * gy * gz
        batch = min(total, self.batch_limit)
        interpreter = Interpreter(self.module, memory, grid, self.debug)
        with np.errstate(all="ignore"):
            for start in range(0, total, batch):
                linear = np.arange(start, min(total, start + batch))
                pids = np.stack([linear % gx, linear // gx % gy, linear // (gx * gy)], axis=1).astype(np.int32)
                size = len(linear)
                interpreter.run_block(self.entry, Env(pids, size), [np.broadcast_to(b, (size,)) for b in bound])
