"""Compiling a kernel's variants ahead, side by side in worker processes: each lands in the disk cache, where the
launches that follow find it; the autotuner's predictions from previews run there too. `CompilePool` is the seam:
the process pool here by default, or another (workers on other machines) that `set_compile_pool` installs."""
from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Optional, Protocol, Sequence

from pantile.targets.base import CompileOptions, Target

from .cache import DiskCache
from .compiler import Specialization, cache_key, compile_artifact, preview_key, reads_cache
from .knobs import autotuning

if TYPE_CHECKING:    # the work analysis loads where a job predicts, not where the pool is imported
    from .explain import LaunchShape

# Variables a compile reads: a worker takes the caller's values for each job (a pool outlives one caller's
# environment, and a fork server has the environment of the moment it started).
_FORWARDED = ("PANTILE_", "TRITON_")
DEFAULT_WORKERS = 8      # at most, by default: each worker imports the kernel's module (torch, say) once
# Jobs from which starting the local pool pays: its workers are fresh interpreters that import pantile, the target
# and the kernel's module first (on the H100 host of 2026-12-07, 8 matmul configs compiled in 3.46 s on a new pool
# against 3.84 s one by one in the tuning process, benchmarks/results/autotune-cuda-h100-2026-12-07T1505.json;
# on a 2-core host the pool lost 3 s). Fewer compile in the tuning process, unless the pool already runs.
POOL_START_JOBS = 8


@dataclass(frozen=True)
class CompileJob:
    """One variant of a kernel to compile elsewhere: the kernel by where it is defined, and what to compile; with a
    launch shape, the launch's time to predict from the target's preview of the variant instead."""

    module: str                                  # the module that defines the kernel, imported by the worker
    qualname: str                                # the kernel's name in it
    spec: Specialization
    arch: str
    options: CompileOptions
    environ: tuple[tuple[str, str], ...]         # the caller's PANTILE_ and TRITON_ variables
    target_module: str                           # where the target's class lives: a fork server imports it once
    launch: Optional["LaunchShape"] = None       # given: predict this launch (explain.predict_previewed)

    @classmethod
    def of(cls, kernel: Any, spec: Specialization, target: Target, options: CompileOptions,
           launch: Optional["LaunchShape"] = None) -> Optional["CompileJob"]:
        """The job for this variant, or None when another process could not find the kernel by its name (one
        defined inside a function, replaced under its name, or in an interactive session or `python -c`, whose
        main module has no file for a worker to import)."""
        fn = getattr(kernel, "fn", None)
        module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "<locals>")
        where = sys.modules.get(module) if module is not None else None
        if "<locals>" in qualname or _lookup(where, qualname) is not kernel or \
                (module == "__main__" and not getattr(where, "__file__", None)):
            return None
        environ = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(_FORWARDED)))
        return cls(module, qualname, spec, target.arch, options, environ, type(target).__module__, launch)

    def run(self) -> "CompileResult":
        """Compile (into the disk cache the job's environment names) or predict here; never raises."""
        start = time.perf_counter()
        for k in [k for k in os.environ if k.startswith(_FORWARDED)]:
            del os.environ[k]
        os.environ.update(self.environ)
        try:
            from pantile.targets.registry import get_target  # noqa: PLC0415  (a worker loads its targets itself)
            kernel = _lookup(importlib.import_module(self.module), self.qualname)
            if kernel is None:
                raise LookupError(f"no kernel {self.qualname} in module {self.module}")
            predicted = None
            if self.launch is None:
                compile_artifact(kernel, self.spec, get_target(self.arch), self.options)
            else:
                from .explain import predict_previewed  # noqa: PLC0415  (the work analysis, where one predicts)
                predicted = predict_previewed(kernel, self.spec, get_target(self.arch), self.options, self.launch)
            error = None
        except Exception as err:  # the caller does it again itself and sees the error where it belongs
            error = f"{type(err).__name__}: {err}"
        return CompileResult(os.getpid(), time.perf_counter() - start, error, predicted)


@dataclass(frozen=True)
class CompileResult:
    """What became of a job: the process that ran it, its seconds, the error (None: compiled or cached) and, for a
    job that predicts, the predicted seconds of its launch."""

    pid: Optional[int]
    seconds: float
    error: Optional[str]
    predicted_s: Optional[float] = None


class CompilePool(Protocol):
    """Runs compile jobs somewhere other than the caller's thread."""

    def compile(self, jobs: Sequence[CompileJob]) -> Iterator[tuple[int, CompileResult]]:
        """(index in `jobs`, result) for each job, in the order they finish."""


class ProcessCompilePool:
    """Jobs on a pool of local processes, started once (from a fork server where there is one, so that each
    worker starts with pantile already imported) and kept for later tunings."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: Optional[ProcessPoolExecutor] = None

    def _pool(self, jobs: Sequence[CompileJob]) -> ProcessPoolExecutor:
        if self._executor is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if "forkserver" in methods:   # (read when the server starts: the first pool of this process)
                context.set_forkserver_preload([__name__, *sorted({job.target_module for job in jobs})])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._executor

    def compile(self, jobs: Sequence[CompileJob]) -> Iterator[tuple[int, CompileResult]]:
        """Each job in a worker process; a worker that died (a user's script that tunes when imported, a
        signal) gives an error result and a fresh pool for the next jobs."""
        pool = self._pool(jobs)
        futures: dict[Future, int] = {pool.submit(_run, job): i for i, job in enumerate(jobs)}
        broken = False
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as err:   # BrokenProcessPool and its kin: the job did not run
                broken = True
                result = CompileResult(None, 0.0, f"worker failed ({type(err).__name__}: {err}); it compiles here "
                                                  f"instead (a script whose kernels a worker imports must launch "
                                                  f"them under `if __name__ == '__main__':`)")
            yield futures[future], result
        if broken:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


    @property
    def running(self) -> bool:
        """Whether the workers have started (a later batch of jobs pays no start)."""
        return self._executor is not None

    def close(self) -> None:
        """Stop the workers (a pool not closed stops at the interpreter's exit)."""
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None


def _run(job: CompileJob) -> CompileResult:
    _IN_WORKER[0] = True
    return job.run()


def _lookup(module: Any, qualname: str) -> Any:
    value = module
    for part in qualname.split("."):
        value = getattr(value, part, None)
    return value


_IN_WORKER = [False]            # a worker never starts a pool of its own
_installed: list[Optional[CompilePool]] = [None]
_default: dict[int, ProcessCompilePool] = {}


def set_compile_pool(pool: Optional[CompilePool]) -> None:
    """Compile autotuning configs with `pool` from now on (None: the local process pool again)."""
    _installed[0] = pool


def compile_pool() -> Optional[CompilePool]:
    """The pool autotuning compiles on: an installed one, else local processes (PANTILE_COMPILE_WORKERS of
    them; by default one per core, at most 8); None where compiles stay in this process (one worker, or inside a worker)."""
    if _installed[0] is not None:
        return _installed[0]
    workers = autotuning.compile_workers
    workers = min(os.cpu_count() or 1, DEFAULT_WORKERS) if workers is None else workers
    if workers <= 1 or _IN_WORKER[0]:
        return None
    if workers not in _default:
        _default[workers] = ProcessCompilePool(workers)
    return _default[workers]


def worth_pooling(pool: CompilePool, jobs: int) -> bool:
    """Whether `jobs` compiles go to `pool` rather than one by one here: an installed pool or one already running
    takes any two or more; the local pool starts for POOL_START_JOBS or more."""
    return jobs >= 2 and (getattr(pool, "running", True) or jobs >= POOL_START_JOBS)


def worth_compiling(kernel: Any, spec: Specialization, target: Target, options: CompileOptions) -> bool:
    """Whether a worker compiling this variant saves its launch time: the launch reads the disk cache, and the
    variant is not there yet."""
    return reads_cache(kernel) and DiskCache().get(cache_key(kernel, spec, target, options)) is None


def worth_previewing(kernel: Any, spec: Specialization, target: Target, options: CompileOptions) -> bool:
    """Whether this variant is still to be previewed: neither it nor its preview is in the disk cache (a prediction
    from either costs only the work count)."""
    key = cache_key(kernel, spec, target, options)
    return not reads_cache(kernel) or all(DiskCache().get(k) is None for k in (key, preview_key(key)))


__all__ = ["CompileJob", "CompilePool", "CompileResult", "POOL_START_JOBS", "ProcessCompilePool", "compile_pool",
           "set_compile_pool", "worth_compiling", "worth_previewing", "worth_pooling"]
