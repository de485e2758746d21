"""Autotuning's compiles on the fleet: a compile pool (runtime/compile_pool.py's seam) whose jobs run as Ray tasks
on nodes that can compile for the job's target, each compiled kernel brought back into this machine's cache.

    from pantile.runtime.compile_pool import set_compile_pool
    set_compile_pool(RayCompilePool("auto"))      # autotuned kernels compile their configs on the cluster

A node compiles into its own kernel cache and returns the entry with its cache key; the entry is kept here only
when this machine computes the same key (same compiler, kernel sources, target and host features), so a node
with another CPU never hands over code built for it. A job whose kernel the node cannot import, or whose key
differs, comes back as an error, and the autotuner compiles that config here at its launch.
"""
from __future__ import annotations

import dataclasses
import importlib
import os
import sys
from typing import Any, Iterator, Optional, Sequence

from pantile.runtime.cache import DiskCache
from pantile.runtime.compile_pool import CompileJob, CompileResult
from pantile.runtime.compiler import cache_key
from pantile.targets.registry import get_target

from ..runner import VALIDATED
from .dispatch import connect, ray_module
from .offers import resource

CACHE_VARIABLE = "PANTILE_CACHE_DIR"   # a node keeps its own kernel cache, not the caller's path


def _kernel(module: str, qualname: str) -> Any:
    value: Any = importlib.import_module(module)
    for part in qualname.split("."):
        value = getattr(value, part)
    return value


def _key(job: CompileJob) -> str:
    """The job's cache key in this process."""
    return cache_key(_kernel(job.module, job.qualname), job.spec, get_target(job.arch), job.options)


def compile_on_node(job: CompileJob) -> tuple[CompileResult, Optional[str], Optional[dict[str, bytes]]]:
    """(A Ray task, on a node.) Compile the job into this node's cache; its result, cache key and entry."""
    own = os.environ.get(CACHE_VARIABLE)
    environ = tuple((k, v) for k, v in job.environ if k != CACHE_VARIABLE)
    environ += ((CACHE_VARIABLE, own),) if own else ()
    result = dataclasses.replace(job, environ=environ).run()
    if result.error is not None:
        return result, None, None
    try:
        key = _key(job)
    except Exception as err:   # run() found the kernel, so this is unexpected: report it as the job's error
        return dataclasses.replace(result, error=f"{type(err).__name__}: {err}"), None, None
    return result, key, DiskCache().get(key)


class RayCompilePool:
    """Compile jobs as Ray tasks on the nodes that offer their target (validated tier or better)."""

    def __init__(self, address: str = "auto") -> None:
        self.address = address

    def compile(self, jobs: Sequence[CompileJob]) -> Iterator[tuple[int, CompileResult]]:
        """(index in `jobs`, result) for each job as it finishes; its compiled kernel in this machine's cache."""
        ray = connect(self.address)
        remote = ray.remote(compile_on_node)
        refs = {remote.options(num_cpus=1, resources={resource(VALIDATED, job.arch): 1}).remote(job): i
                for i, job in enumerate(jobs)}
        while refs:
            ready, _ = ray.wait(list(refs), num_returns=1)
            i = refs.pop(ready[0])
            yield i, self._bring_back(ray, ready[0], jobs[i])

    @staticmethod
    def _bring_back(ray: Any, ref: Any, job: CompileJob) -> CompileResult:
        """The job's result, its entry put into this machine's cache when the keys agree."""
        try:
            result, key, files = ray.get(ref)
        except ray.exceptions.RayError as err:
            return CompileResult(None, 0.0, f"the node was lost ({type(err).__name__}); it compiles here instead")
        if result.error is not None:
            return result
        if files is None or key != _key(job):
            return dataclasses.replace(result, error="the node's compiled kernel is not this machine's (another "
                                                     "compiler, source or host); it compiles here instead")
        DiskCache().put(key, files)
        return result

    def close(self) -> None:
        """Disconnect from the cluster."""
        if "ray" in sys.modules and ray_module().is_initialized():
            ray_module().shutdown()
