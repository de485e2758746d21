"""pantile.runtime: kernel launch, specialization, disk cache, target choice, autotuner, benchmarking.

As `triton.runtime`, it also offers `driver` (the active device), `errors`, `OutOfResources`,
`InterpreterError`, `Config`, `autotune`, `heuristics`, `JITFunction`, `KernelInterface`, `reinterpret`,
`TensorWrapper` and `MockTensor`.
"""
from pantile.targets.base import InterpreterError, OutOfResources

from . import driver, errors
from .jit import Kernel as JITFunction   # Triton's JITFunction is the launchable kernel
from .autotune import Autotuner, Config, Heuristics, autotune, heuristics
from .tensor_wrapper import KernelInterface, MockTensor, TensorWrapper, reinterpret

__all__ = ["Autotuner", "Config", "Heuristics", "InterpreterError", "JITFunction", "KernelInterface", "MockTensor",
           "OutOfResources", "TensorWrapper", "autotune", "driver", "errors", "heuristics", "reinterpret"]
