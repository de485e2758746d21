"""pantile.runtime: kernel launch, specialization, disk cache, target choice, autotuner, benchmarking.

As `triton.runtime`, it also offers `driver` (the active device), `errors`, `OutOfResources`,
`InterpreterError`, `Config`, `autotune`, `heuristics`, `JITFunction`, `KernelInterface`, `reinterpret`,
`TensorWrapper` and `MockTensor`. They load on first use, so the parts that launch compiled kernels (a
bundle's loader) import without the compiler.
"""
from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "InterpreterError": ("pantile.targets.base", "InterpreterError"),
    "OutOfResources": ("pantile.targets.base", "OutOfResources"),
    "JITFunction": ("pantile.runtime.jit", "Kernel"),   # Triton's JITFunction is the launchable kernel
    "Autotuner": ("pantile.runtime.autotune", "Autotuner"),
    "Config": ("pantile.runtime.autotune", "Config"),
    "Heuristics": ("pantile.runtime.autotune", "Heuristics"),
    "autotune": ("pantile.runtime.autotune", "autotune"),
    "heuristics": ("pantile.runtime.autotune", "heuristics"),
    "KernelInterface": ("pantile.runtime.tensor_wrapper", "KernelInterface"),
    "MockTensor": ("pantile.runtime.tensor_wrapper", "MockTensor"),
    "TensorWrapper": ("pantile.runtime.tensor_wrapper", "TensorWrapper"),
    "reinterpret": ("pantile.runtime.tensor_wrapper", "reinterpret"),
    "driver": ("pantile.runtime.driver", None),
    "errors": ("pantile.runtime.errors", None),
}


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'pantile.runtime' has no attribute {name!r}")
    module_name, attribute = _PUBLIC[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


__all__ = sorted(_PUBLIC)
