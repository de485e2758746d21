"""pantile: a retargetable compiler for block-level GPU kernels, Triton-compatible.

    import pantile as pt
    import pantile.language as pl

The public names load on first use, so `import pantile.ir` stays light and
independent of the frontend, targets and runtime.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable, Optional

__version__ = "0.1.0"

_PUBLIC = {
    "CompilationError": "pantile.frontend",
    "OutOfResources": "pantile.targets.base",
    "JITFunction": "pantile.runtime",
    "constexpr_function": "pantile.frontend.language.core",
    "DeviceAssertionError": "pantile.targets.base",
    "DeviceFaultError": "pantile.targets.base",
    "cdiv": "pantile.frontend",
    "next_power_of_2": "pantile.frontend",
    "Config": "pantile.runtime.autotune",
    "autotune": "pantile.runtime.autotune",
    "heuristics": "pantile.runtime.autotune",
    "explain": "pantile.runtime.explain",
    "Kernel": "pantile.runtime.jit",
    "compile": "pantile.runtime.jit",
    "set_target": "pantile.runtime.target_select",
    "target": "pantile.runtime.target_select",
    "launch_target": "pantile.runtime.target_select",
    "language": "pantile.language",
    "testing": "pantile.testing",
    "runtime": "pantile.runtime",
    "knobs": "pantile.knobs",
    "tools": "pantile.tools",
    "profiler": "pantile.profiler",
    "TargetUnavailable": "pantile.runtime.availability",
    "set_allocator": "pantile.runtime.allocator",
    "TritonError": "pantile.errors",
    "InterpreterError": "pantile.targets.base",
    "KernelInterface": "pantile.runtime.tensor_wrapper",
    "TensorWrapper": "pantile.runtime.tensor_wrapper",
    "MockTensor": "pantile.runtime.tensor_wrapper",
    "reinterpret": "pantile.runtime.tensor_wrapper",
    "must_use_result": "pantile.frontend.language.core",
    "aggregate": "pantile.frontend.language.aggregate",
    "AsyncCompileMode": "pantile.runtime.async_compile",
    "FutureKernel": "pantile.runtime.async_compile",
    "errors": "pantile.errors",
    "compiler": "pantile.compiler",
    "backends": "pantile.backends",
    "aot": "pantile.aot",
    "load_bundle": "pantile.runtime.bundle.loader",
    "BundleError": "pantile.runtime.bundle.format",
}


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'pantile' has no attribute {name!r}")
    module = importlib.import_module(_PUBLIC[name])
    value = module if module.__name__ == f"pantile.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def jit(fn: Optional[Callable] = None, *, do_not_specialize: Any = (), noinline: bool = False,
        debug: Optional[bool] = None, launch_metadata: Optional[Callable] = None, repr: Optional[Callable] = None,
        **_ignored: Any) -> Any:
    """Decorator: make a kernel (or a helper callable from kernels) out of a Python function; debug=True
    (or PANTILE_DEBUG=1 / TRITON_DEBUG=1 in the environment) compiles device_assert and `assert` in;
    launch_metadata(grid, kernel, args) -> dict names a launch and its metrics for launch hooks (the profiler);
    repr(specialization) -> str names each compiled variant (its `signature` and `constants`, as in Triton)."""
    from pantile.runtime.jit import Kernel

    def wrap(f: Callable) -> Any:
        kernel = Kernel(f, do_not_specialize=do_not_specialize, noinline=noinline, debug=debug)
        kernel.launch_metadata = launch_metadata
        kernel.repr = repr
        return kernel
    return wrap(fn) if fn is not None else wrap


__all__ = ["jit", *_PUBLIC]
