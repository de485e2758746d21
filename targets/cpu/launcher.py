"""Runs a CPU artifact: arguments packed as 64-bit words, the grid split over a thread pool.

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
from typing import Any, Callable, Optional, Sequence

import numpy as np

from pantile.ir import PointerType, ScalarType, Type
from pantile.targets.base import Artifact, DeviceAssertionError, Launcher

from . import faults, interrupt
from .abi import FAULT, RANGE_FUNCTION, STATUS_WORDS
from .engine import LoadedObject

WORK_PER_THREAD = 1 << 16      # elements worth waking a thread for (its start costs tens of microseconds)
_RANGE_TYPE = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                               ctypes.c_int64, ctypes.c_int64, *([ctypes.c_int32] * 3))
CHUNKS_PER_THREAD = 8        # programs are handed out in this many pieces per thread
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


def _pointer(name: str) -> Callable[[Any], int]:
    def pack(x: Any) -> int:
        if isinstance(x, np.ndarray):
            return x.__array_interface__["data"][0]
        if hasattr(x, "data_ptr"):
            return x.data_ptr()
        if isinstance(x, int):
            return x
        raise TypeError(f"argument '{name}' is a pointer: pass a numpy array or a CPU tensor, not {type(x).__name__}")
    return pack


def _float_bits(t: ScalarType) -> Callable[[Any], int]:
    if t.name == "f64":
        return lambda v: struct.unpack("<Q", struct.pack("<d", float(v)))[0]
    if t.name == "f32":
        return lambda v: struct.unpack("<I", struct.pack("<f", float(v)))[0]
    if t.name == "f16":
        return lambda v: int(np.float16(v).view(np.uint16))

    def bf16(v: Any) -> int:
        bits = struct.unpack("<I", struct.pack("<f", float(v)))[0]
        return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF
    return bf16


def packer(name: str, t: Type) -> Callable[[Any], int]:
    """How one argument becomes the 64-bit word the kernel reads."""
    if isinstance(t, PointerType):
        return _pointer(name)
    if t.is_float:
        return _float_bits(t)
    mask = (1 << 64) - 1
    return lambda v: int(v) & mask


class _CallBuffers:
    """One thread's argument words, status words and next-program counter for one kernel, reused by every
    launch that runs on the calling thread: allocating them costs about a microsecond."""

    __slots__ = ("words", "status", "next", "words_at", "status_at", "next_at")

    def __init__(self, arguments: int) -> None:
        self.words = (ctypes.c_uint64 * arguments)()
        self.status = (ctypes.c_int32 * STATUS_WORDS)()
        self.next = ctypes.c_int64()
        self.words_at = ctypes.addressof(self.words)
        self.status_at = ctypes.addressof(self.status)
        self.next_at = ctypes.addressof(self.next)
        interrupt.in_flight[id(self.status)] = self.status


class CpuLauncher(Launcher):
    """Loads the artifact's object code once; each call runs the whole grid."""

    def __init__(self, artifact: Artifact) -> None:
        faults.install()      # before loading: the kernel's entry reads the key it makes
        self._object = LoadedObject(artifact.binary)
        self._run = _RANGE_TYPE(self._object.address(RANGE_FUNCTION))
        self._packers = [packer(a.name, a.type) for a in artifact.args]
        self._names = [a.name for a in artifact.args]
        self._buffers = threading.local()
        meta = artifact.metadata
        self._scratch_bytes = int(meta["scratch_bytes"])
        self._asserts: list[str] = list(meta["asserts"])
        self._prints = bool(meta["prints"])
        self._writes = bool(meta["writes"])
        self._work = max(1, int(meta["work"]))
        # Fewer programs than this run on the calling thread whatever the thread count (checked before reading it).
        self._programs_for_two_threads = max(2, -(-2 * WORK_PER_THREAD // self._work))
        self._kernel = artifact.kernel_name

    def __call__(self, grid: tuple[int, int, int], args: Sequence[Any], stream: Any = None) -> None:
        self.launch(grid, args, [None] * len(args))

    def launch(self, grid: tuple[int, int, int], args: Sequence[Any], addresses: Sequence[Optional[int]]) -> None:
        """Run the grid; an array's address comes from `addresses` where the runtime read it already."""
        if len(args) != len(self._packers):
            raise TypeError(f"{self._kernel} takes {len(self._packers)} runtime arguments "
                            f"({', '.join(self._names)}), got {len(args)}")
        if faults.poisoned is not None:
            raise faults.refusal(self._kernel)
        words = [pack(a) if address is None else address for pack, a, address in zip(self._packers, args, addresses)]
        if not interrupt.installed:
            interrupt.watch_interrupts()
        total = grid[0] * grid[1] * grid[2]
        if total < self._programs_for_two_threads:
            status = self._run_here(words, total, grid)
        else:
            workers = min(thread_count(), total, total * self._work // WORK_PER_THREAD)
            status = self._run_here(words, total, grid) if workers == 1 else \
                self._run_on_pool(words, total, grid, workers)
        if self._prints:
            _flush_c_stdout()
        if status[0]:
            self._raise_stop(status)

    def _run_here(self, words: list[int], total: int, grid: tuple[int, int, int]) -> Any:
        """Every program on the calling thread, with its reused buffers; returns the status words."""
        try:
            buffers = self._buffers.of_this_thread
        except AttributeError:
            buffers = self._buffers.of_this_thread = _CallBuffers(len(words))
        buffers.words[:] = words
        status = buffers.status
        status[0] = buffers.next.value = 0
        self._run(buffers.words_at, _scratch(self._scratch_bytes), buffers.status_at, buffers.next_at,
                  total, total, *grid)
        return status

    def _run_on_pool(self, words: list[int], total: int, grid: tuple[int, int, int], workers: int) -> Any:
        """The programs handed out in chunks to `workers` threads, the calling one included; returns the
        status words. The buffers are fresh: if the caller is interrupted, workers may still read them."""
        status = (ctypes.c_int32 * STATUS_WORDS)()
        job = ((ctypes.c_uint64 * len(words))(*words), status, ctypes.byref(ctypes.c_int64()), total,
               max(1, total // (workers * CHUNKS_PER_THREAD)), grid)
        interrupt.in_flight[id(status)] = status
        futures = [_thread_pool().submit(self._worker, *job) for _ in range(workers - 1)]
        self._worker(*job)
        for f in futures:
            f.result()
        return status

    def _worker(self, words: Any, status: Any, next_pid: Any, total: int, chunk: int,
                grid: tuple[int, int, int]) -> None:
        self._run(words, _scratch(self._scratch_bytes), status, next_pid, total, chunk, *grid)

    def _raise_stop(self, status: Any) -> None:
        """The exception of a launch that stopped: a memory fault (whatever else stopped it), Ctrl-C (on the
        main thread Python has raised already), a failed device_assert."""
        signal_number = status[FAULT]
        if signal_number:
            status[FAULT] = 0         # the buffers serve the next launch
            address = (status[FAULT + 4] & 0xFFFFFFFF) | (status[FAULT + 5] & 0xFFFFFFFF) << 32
            raise faults.fault_error(self._kernel, signal_number, tuple(status[FAULT + 1:FAULT + 4]), address,
                                     self._writes)
        if status[0] == interrupt.INTERRUPTED:
            raise KeyboardInterrupt(f"launch of {self._kernel} interrupted")
        raise DeviceAssertionError.at(self._asserts[status[1]], status[2:5], status[5])


def _flush_c_stdout() -> None:
    """printf output is buffered by the C library: flush it so it appears with Python's output."""
    libc = ctypes.CDLL(None)
    libc.fflush(None)
