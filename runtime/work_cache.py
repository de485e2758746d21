"""A launch's work kept in the disk cache beside the kernel's artifacts: counting it (passes/analysis/work.py runs
the kernel abstractly, its wave measure 64 programs of it) costs about what a preview does, so a later process that
predicts the same launch of the same kernel IR (a warm tuning) reads the counts and the wave measure's answers
instead. The key is the kernel's target-neutral IR, the launch's shape and the compiler's version (which hashes
the analysis's source); the cost model's figures are not in it, as the estimate is made again from the work. Each
answer of the wave measure is an entry of its own: devices of other sizes ask it of other waves."""
from __future__ import annotations

import dataclasses
import hashlib
from typing import Callable, Optional

from pantile.passes.analysis.work import KernelWork, wave_programs
from pantile.targets.base import Artifact

from .cache import DiskCache, compiler_version, make_key

_COUNTS = tuple(f.name for f in dataclasses.fields(KernelWork) if f.name != "wave_distinct")


class KeptWaves:
    """A work's wave measure, answered from the disk where an earlier process kept the answer, else measured on the
    work `measure()` gives (made once, when first needed) and kept."""

    def __init__(self, key: str, programs: int, measure: Callable[[], KernelWork], cache: DiskCache) -> None:
        self.key = key
        self.programs = programs
        self.cache = cache
        self.shares: dict[int, float] = {}     # by the programs the measure runs (work.wave_programs)
        self._measure = measure
        self._measured: Optional[KernelWork] = None

    def __call__(self, wave: int) -> float:
        n = wave_programs(wave, self.programs)
        if n not in self.shares:
            key = make_key(self.key, "wave", n)
            share = self.cache.get_object(key)
            if not isinstance(share, float):
                if self._measured is None:
                    self._measured = self._measure()
                share = float(self._measured.wave_distinct(n))
                self.cache.put_object(key, share)
            self.shares[n] = share
        return self.shares[n]


def work_key(artifact: Artifact, shape: object) -> Optional[str]:
    """Where the work of a launch of this `shape` (explain.LaunchShape) of the artifact's kernel is kept (None: the
    artifact keeps no target-neutral IR)."""
    text = artifact.asm.get("pt")
    if text is None:
        return None
    return make_key("work", compiler_version(), hashlib.sha256(text.encode()).hexdigest(), shape)


def kept_work(key: Optional[str], count: Callable[[], KernelWork], cache: DiskCache) -> KernelWork:
    """The work kept under `key` in `cache`, else `count()`, kept there; its wave measure is a KeptWaves."""
    if key is None:
        return count()
    stored = cache.get_object(key)
    try:
        work = KernelWork(**stored) if isinstance(stored, dict) else None
    except TypeError:            # counts of another version of KernelWork: counted again
        work = None
    measure = count
    if work is None:
        counted = count()
        work = dataclasses.replace(counted)
        cache.put_object(key, {name: getattr(counted, name) for name in _COUNTS})
        measure = lambda: counted  # noqa: E731
    work.wave_distinct = KeptWaves(key, work.programs, measure, cache)
    return work


__all__ = ["KeptWaves", "kept_work", "work_key"]
