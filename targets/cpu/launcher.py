"""The CPU's driver calls under the shared launcher: the object code loaded into a JIT, arguments as 64-bit
words, the grid split over a thread pool.

ctypes releases the GIL during each call, so the pool's threads run programs in
parallel. A launch with little work runs on the calling thread.
"""
from __future__ import annotations

import ctypes
import os
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Optional, Sequence

import numpy as np

from pantile.ir import PointerType
from pantile.targets.base import Artifact, DeviceAssertionError
from pantile.targets.launch.binding import POINTER_CODE, ParamLayout, Slot, scalar_code
from pantile.targets.launch.runtime import DeviceRuntime, Params

from . import faults, interrupt
from .abi import FAULT, OUT_OF_BOUNDS, RANGE_FUNCTION, STATUS_WORDS
from .engine import LoadedObject

WORK_PER_THREAD = 1 << 16      # elements worth waking a thread for (its start costs tens of microseconds)
_RANGE_TYPE = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                               ctypes.c_int64, ctypes.c_int64, *([ctypes.c_int32] * 3))
CHUNKS_PER_THREAD = 8        # programs are handed out in this many pieces per thread
WORD = 8                     # every argument is one 64-bit word (a scalar in its low bytes)
_pool: Optional[ThreadPoolExecutor] = None
_pool_lock = threading.Lock()
_local = threading.local()


@lru_cache(maxsize=None)
def thread_count() -> int:
    """Worker threads: PANTILE_CPU_THREADS (read once per process), else the number of CPUs."""
    env = os.environ.get("PANTILE_CPU_THREADS", "")
    if env:
        if not env.isdigit() or int(env) < 1:
            raise ValueError(f"PANTILE_CPU_THREADS={env!r}: give a positive integer")
        return int(env)
    return os.cpu_count() or 1


def programs_for_two_threads(work: int) -> int:
    """Programs of `work` elements each below which a launch runs on the calling thread alone."""
    return max(2, -(-2 * WORK_PER_THREAD // max(1, work)))


def worker_count(work: int, programs: int) -> int:
    """Threads that run a launch of `programs` programs of `work` elements each (the calling one included)."""
    if programs < programs_for_two_threads(work):
        return 1
    return max(1, min(thread_count(), programs, programs * work // WORK_PER_THREAD))


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=thread_count(), thread_name_prefix="pantile-cpu")
        return _pool


def _scratch(nbytes: int) -> int:
    """Address of this thread's scratch arena (64-byte aligned), grown to `nbytes`."""
    if getattr(_local, "size", -1) < nbytes:
        _local.arena = np.empty(max(nbytes, 4096) + 64, np.uint8)
        _local.size = _local.arena.size - 64
        addr = _local.arena.__array_interface__["data"][0]
        _local.addr = addr + (-addr % 64)
    return _local.addr


class _Status:
    """One thread's status words and next-program counter for one kernel, reused by every launch that runs on
    the calling thread: allocating them costs about a microsecond."""

    __slots__ = ("status", "next", "status_at", "next_at")

    def __init__(self) -> None:
        self.status = (ctypes.c_int32 * STATUS_WORDS)()
        self.next = ctypes.c_int64()
        self.status_at = ctypes.addressof(self.status)
        self.next_at = ctypes.addressof(self.next)
        interrupt.in_flight[id(self.status)] = self.status


class CpuKernel:
    """The loaded object code of one artifact and what its launches need."""

    def __init__(self, artifact: Artifact) -> None:
        faults.install()      # before loading: the kernel's entry reads the key it makes
        self.object = LoadedObject(artifact.binary)
        self.run = _RANGE_TYPE(self.object.address(RANGE_FUNCTION))
        self.name = artifact.kernel_name
        self.names = [a.name for a in artifact.args]
        self.local = threading.local()
        meta = artifact.metadata
        self.scratch_bytes = int(meta["scratch_bytes"])
        self.asserts: list[str] = list(meta["asserts"])
        self.prints = bool(meta["prints"])
        self.writes = bool(meta["writes"])
        self.bounds_checks: list[dict] = list(meta["bounds"])     # debug builds: extents follow the arguments
        self.work = max(1, int(meta["work"]))
        # Fewer programs than this run on the calling thread whatever the thread count (checked before reading it).
        self.programs_for_two_threads = programs_for_two_threads(self.work)


class CpuRuntime(DeviceRuntime):
    """Kernels run on the host, on the arrays' own memory."""

    host_addresses = True
    arrays = "a numpy array or a CPU tensor"

    def load(self, artifact: Artifact) -> CpuKernel:
        """Load the object code into a JIT."""
        return CpuKernel(artifact)

    def param_layout(self, artifact: Artifact) -> ParamLayout:
        """One 64-bit word per argument: pointers and integers as 64-bit values, floats as their bits; in debug
        builds two more per argument after them, the extent of its array (filled in by `launch`)."""
        slots = []
        for i, spec in enumerate(artifact.args):
            code = POINTER_CODE if isinstance(spec.type, PointerType) else scalar_code(spec)
            if code in ("b", "h", "i"):
                code = "q"    # signed integers fill the word, sign-extended
            slots.append(Slot(WORD * i, code))
        return ParamLayout(tuple(slots), WORD * len(slots) * (3 if artifact.metadata["bounds"] else 1))

    def check(self, kernel: CpuKernel, grid: tuple[int, int, int]) -> tuple[int, int, int]:
        """Refuse every launch after a memory fault in a kernel that writes memory."""
        if faults.poisoned is not None:
            raise faults.refusal(kernel.name)
        return grid

    def launch(self, kernel: CpuKernel, grid: tuple[int, int, int], params: Params, stream: Any) -> None:
        """Run the grid on the calling thread, or in chunks on the pool when there is enough work."""
        if kernel.bounds_checks:
            extents = faults.extent_words(params.given)
            struct.pack_into(f"<{len(extents)}Q", params.buffer, WORD * len(kernel.names), *extents)
        if not interrupt.installed:
            interrupt.watch_interrupts()
        total = grid[0] * grid[1] * grid[2]
        if total < kernel.programs_for_two_threads:
            status = self._run_here(kernel, params, total, grid)
        else:
            workers = worker_count(kernel.work, total)
            status = self._run_here(kernel, params, total, grid) if workers == 1 else \
                self._run_on_pool(kernel, params, total, grid, workers)
        if kernel.prints:
            _flush_c_stdout()
        if status[0]:
            _raise_stop(kernel, status, params.given)

    def _run_here(self, kernel: CpuKernel, params: Params, total: int, grid: tuple[int, int, int]) -> Any:
        """Every program on the calling thread, with its reused status words; returns them."""
        try:
            state = kernel.local.status
        except AttributeError:
            state = kernel.local.status = _Status()
        status = state.status
        status[0] = state.next.value = 0
        kernel.run(params.address, _scratch(kernel.scratch_bytes), state.status_at, state.next_at, total, total, *grid)
        return status

    def _run_on_pool(self, kernel: CpuKernel, params: Params, total: int, grid: tuple[int, int, int],
                     workers: int) -> Any:
        """The programs handed out in chunks to `workers` threads, the calling one included; returns the
        status words. The buffers are fresh: if the caller is interrupted, workers may still read them."""
        status = (ctypes.c_int32 * STATUS_WORDS)()
        words = (ctypes.c_char * len(params.buffer)).from_buffer_copy(params.buffer)
        job = (kernel, words, status, ctypes.byref(ctypes.c_int64()), total,
               max(1, total // (workers * CHUNKS_PER_THREAD)), grid)
        interrupt.in_flight[id(status)] = status
        futures = [_thread_pool().submit(_worker, *job) for _ in range(workers - 1)]
        _worker(*job)
        for f in futures:
            f.result()
        return status


def _raise_stop(kernel: CpuKernel, status: Any, args: Sequence[Any]) -> None:
    """The exception of a launch that stopped: a memory fault (whatever else stopped it), Ctrl-C (on the
    main thread Python has raised already), an access a bounds check stopped, a failed device_assert."""
    signal_number = status[FAULT]
    if signal_number:
        status[FAULT] = 0         # the buffers serve the next launch
        raise faults.fault_error(kernel.name, signal_number, tuple(status[FAULT + 1:FAULT + 4]),
                                 faults.status_word64(status, FAULT + 4), kernel.writes)
    if status[0] == interrupt.INTERRUPTED:
        raise KeyboardInterrupt(f"launch of {kernel.name} interrupted")
    if status[0] == OUT_OF_BOUNDS:
        raise faults.out_of_bounds_error(kernel.bounds_checks[status[1]], status, args, kernel.names)
    raise DeviceAssertionError.at(kernel.asserts[status[1]], status[2:5], status[5])


def _worker(kernel: CpuKernel, words: Any, status: Any, next_pid: Any, total: int, chunk: int,
            grid: tuple[int, int, int]) -> None:
    kernel.run(words, _scratch(kernel.scratch_bytes), status, next_pid, total, chunk, *grid)


def _flush_c_stdout() -> None:
    """printf output is buffered by the C library: flush it so it appears with Python's output."""
    libc = ctypes.CDLL(None)
    libc.fflush(None)
