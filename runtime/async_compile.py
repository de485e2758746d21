"""Triton's AsyncCompileMode: inside `with AsyncCompileMode(executor):`, `kernel.warmup(...)` hands the variant's
compile to the executor and returns a FutureKernel at once; leaving the block waits for every compile.

The executor does the heavy part, the frontend, passes and code generation, which leaves the artifact in the disk
cache (and the process's memory); finishing a FutureKernel, in the caller's thread, makes the launchable variant
from it as a launch would. A process pool (concurrent.futures.ProcessPoolExecutor) gets a CompileJob, the kernel
by its module and name, as autotuning's compile pool does; any other executor (a thread pool) runs the compile
itself.
"""
from __future__ import annotations

import functools
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextvars import ContextVar
from typing import Any, Callable, Optional

from .compile_pool import CompileJob
from .compiler import cache_key, compile_artifact

active_mode: ContextVar[Optional["AsyncCompileMode"]] = ContextVar("pantile_async_compile_mode", default=None)


class FutureKernel:
    """A variant whose compile runs on an executor: `result()` waits for it and gives the compiled kernel, whose
    attributes (asm, metadata, n_regs ...) this object also answers, waiting first."""

    def __init__(self, future: Future, finish: Callable[[], Any]) -> None:
        self.future = future
        self._finish = finish
        self.kernel: Any = None

    def result(self, ignore_errors: bool = False) -> Any:
        """The compiled kernel once its compile is done; a failed compile raises its error (None with
        `ignore_errors`)."""
        if self.kernel is None:
            try:
                self.future.result()
                self.kernel = self._finish()
            except Exception:
                if ignore_errors:
                    return None
                raise
        return self.kernel

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.result(), name)


class AsyncCompileMode:
    """A context in which kernel.warmup(...) compiles on `executor` and returns a FutureKernel; leaving it
    finishes every compile (raising the first failure unless `ignore_errors`)."""

    def __init__(self, executor: Executor, *, ignore_errors: bool = False) -> None:
        self.executor = executor
        self.ignore_errors = ignore_errors
        self.future_kernels: dict[str, FutureKernel] = {}

    def submit(self, key: str, compile_fn: Callable[[], Any], finish: Callable[[], Any]) -> FutureKernel:
        """Run `compile_fn` on the executor unless the variant `key` names is already on its way; the
        FutureKernel that `finish` completes."""
        if key not in self.future_kernels:
            self.future_kernels[key] = FutureKernel(self.executor.submit(compile_fn), finish)
        return self.future_kernels[key]

    def __enter__(self) -> "AsyncCompileMode":
        if active_mode.get() is not None:
            raise RuntimeError("another AsyncCompileMode is already active; leave it before entering this one")
        self._token = active_mode.set(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        active_mode.reset(self._token)
        pending = {fk.future: fk for fk in self.future_kernels.values()}
        try:
            for future in as_completed(pending):
                pending[future].result(self.ignore_errors)
        finally:
            self.future_kernels = {}


def warmup(kernel: Any, args: tuple, kwargs: dict) -> Any:
    """What kernel.warmup(*args, **kwargs) gives: the compiled variant, or inside an AsyncCompileMode a
    FutureKernel whose compile runs on the mode's executor."""
    def finish() -> Any:
        values, options, _ = kernel._bind_with_options(args, dict(kwargs))
        return kernel._variant_for(values, options)[0].compiled
    mode = active_mode.get()
    if mode is None:
        return finish()
    spec, target, options = kernel.compile_request(args, kwargs)
    if isinstance(mode.executor, ProcessPoolExecutor):
        job = CompileJob.of(kernel, spec, target, options)
        if job is None:
            raise ValueError(f"{kernel.__name__} cannot compile in another process: a worker finds a kernel by its "
                             f"module and name, and this one is defined inside a function or where no file holds it; "
                             f"use a thread pool (concurrent.futures.ThreadPoolExecutor) for it")
        compile_fn: Callable[[], Any] = job.run
    else:
        compile_fn = functools.partial(compile_artifact, kernel, spec, target, options)
    return mode.submit(cache_key(kernel, spec, target, options), compile_fn, finish)


__all__ = ["AsyncCompileMode", "FutureKernel", "active_mode", "warmup"]
