"""Running an LLVM back end in a forked child, where an LLVM abort ends the child and not the user's process.

The LLVM build has assertions on: a failed assertion or an `LLVM ERROR` in a back
end ends the whole process. Targets verify a module first, then hand its code
generation to `run_isolated`, which runs a module-level function in a forked
worker and returns its pickled result. A worker that dies, raises or hangs
becomes a message for the target's internal-error report, and the next call
forks a new one. A worker is kept for the next call (a round trip costs about
40 us; a fork and the child's cold start about 8-15 ms a kernel), unless the
caller asks for a fresh process: for work that sets process-wide LLVM options,
or a back end that keeps state between modules (LLVM's SPIR-V back end does).
"""
from __future__ import annotations

import ctypes
import faulthandler
import os
import pickle
import select
import signal
import struct
import tempfile
import threading
import time
import traceback
import warnings
from typing import Any, Callable, Optional, TypeVar

import llvmlite.binding as llvm

DEFAULT_TIMEOUT_S = 600
PARENT_CHECK_S = 0.2     # how often a worker checks that its parent is alive
T = TypeVar("T")
_TIMED_OUT = object()


def _send(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj)
    view = memoryview(struct.pack("<Q", len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int, deadline: Optional[float]) -> Any:
    """`n` bytes from pipe `fd`; None at end of file, _TIMED_OUT once `deadline` (monotonic) passes."""
    chunks, left = [], n
    while left:
        if deadline is not None and not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            return _TIMED_OUT
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(fd: int, deadline: Optional[float] = None) -> Any:
    """One length-prefixed pickled message; None at end of file, _TIMED_OUT past `deadline`."""
    head = _read_exactly(fd, 8, deadline)
    if not isinstance(head, bytes):
        return head
    body = _read_exactly(fd, struct.unpack("<Q", head)[0], deadline)
    return pickle.loads(body) if isinstance(body, bytes) else body


def _exit_with(parent: int) -> None:
    """End this process once `parent` is no longer its parent (it died), checking every PARENT_CHECK_S."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _leave_at_exit() -> Optional[Callable]:
    """Make exit() end this process at once with its status (glibc's on_exit): LLVM leaves through exit(1)
    after an `LLVM ERROR`, and the exit handlers of libraries loaded in the parent (Mesa's Vulkan driver)
    then crash in a child that has none of their threads. Returns the handler, to be kept alive."""
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "on_exit"):
        return None
    handler = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p)(lambda status, _arg: os._exit(status))
    libc.on_exit(handler, None)
    return handler


def _serve(requests: int, replies: int, log_fd: int, parent: int) -> None:
    """The forked worker: answer (function, args) requests until the parent closes the pipe or dies (never
    returns)."""
    status = 1
    try:
        # A worker busy in LLVM does not read its pipe, and a later fork of the parent may hold the pipe's
        # other end: so a thread watches the parent itself. The parent-death signal (prctl) would fire when
        # the forking thread ends, not the parent, and compiles start from any thread.
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
        faulthandler.disable()   # LLVM's own message says why it aborted
        # and no crash handler that another library set in the parent (Intel's OpenCL runtime's) adds to it
        for sig in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE):
            signal.signal(sig, signal.SIG_DFL)
        os.dup2(log_fd, 2)
        exit_handler = _leave_at_exit()   # referenced for as long as the worker runs
        while True:
            request = _recv(requests)
            if request is None:
                break
            fn, args = request
            try:
                reply = (True, fn(*args))
            except BaseException:   # sent to the parent, which reports it with the reproducer
                reply = (False, traceback.format_exc())
            _send(replies, reply)
        status = 0
    except BaseException:   # a broken pipe or an unpicklable result: the parent reports the exit status and this
        os.write(2, traceback.format_exc().encode())
    finally:
        os._exit(status)


def _how_it_ended(status: int) -> str:
    return f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}"


class IsolatedWorker:
    """A forked child that runs module-level functions for one tool; restarted after it dies."""

    def __init__(self, tool: str) -> None:
        self.tool = tool
        self._lock = threading.Lock()
        self._pid = 0
        self._owner = 0   # the process that forked the child

    def _start(self) -> None:
        req_r, self._requests = os.pipe()
        self._replies, resp_w = os.pipe()
        self._log = tempfile.TemporaryFile()
        # Fork while holding llvmlite's lock, so that no other thread is inside LLVM and the child's copy is free.
        # Python 3.12+ warns about fork() beside other threads (the OpenCL runtime's, the CPU pool's); the
        # child only runs LLVM and leaves through os._exit.
        parent = os.getpid()
        with warnings.catch_warnings(), llvm.ffi.lib._lock:
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(self._requests)
            os.close(self._replies)
            _serve(req_r, resp_w, self._log.fileno(), parent)
        os.close(req_r)
        os.close(resp_w)
        self._pid, self._owner = pid, os.getpid()

    def close(self, kill: bool = True) -> tuple[int, str]:
        """Stop the child (killing it when `kill`); its wait status and what it wrote to stderr."""
        if not self._pid:
            return 0, ""
        os.close(self._requests)
        os.close(self._replies)
        if kill:
            os.kill(self._pid, signal.SIGKILL)
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        self._log.seek(0)
        text = self._log.read().decode(errors="replace")
        self._log.close()
        return status, text

    def call(self, fn: Callable[..., T], args: tuple, timeout_s: float) -> tuple[Optional[T], str]:
        """(fn(*args), "") computed in the child, or (None, what went wrong and what the child printed)."""
        with self._lock:
            if self._pid and self._owner != os.getpid():
                # A fork of the process that started the worker: the child is its parent's.
                os.close(self._requests)
                os.close(self._replies)
                self._pid = 0
            if not self._pid:
                self._start()
            self._log.seek(0)
            self._log.truncate()
            try:
                _send(self._requests, (fn, args))
                reply = _recv(self._replies, time.monotonic() + timeout_s)
            except BrokenPipeError:   # the child died before reading the request
                reply = None
            except BaseException:
                self.close()
                raise
            if reply is _TIMED_OUT:   # a child that hangs (a lock held at fork time) must not hang the caller
                _, text = self.close()
                return None, f"{self.tool} did not finish within {timeout_s} s:\n{text}"
            if reply is None:
                status, text = self.close(kill=False)
                return None, f"{self.tool} stopped with {_how_it_ended(status)}:\n{text}"
            ok, value = reply
            return (value, "") if ok else (None, f"{self.tool} raised an error:\n{self._log_text()}{value}")

    def _log_text(self) -> str:
        self._log.seek(0)
        return self._log.read().decode(errors="replace")


_workers: dict[str, IsolatedWorker] = {}
_workers_lock = threading.Lock()


def run_isolated(tool: str, fn: Callable[..., T], *args: Any, timeout_s: float = DEFAULT_TIMEOUT_S,
                 fresh_process: bool = False) -> tuple[Optional[T], str]:
    """Run the module-level function `fn(*args)` in a forked worker for `tool` (e.g. 'the LLVM NVPTX back end'):
    (its result, "") or (None, what went wrong and what the worker printed). `fresh_process` forks a worker for
    this call alone (for work that sets process-wide LLVM options)."""
    if not hasattr(os, "fork"):   # no fork (Windows): nothing can isolate an abort
        return fn(*args), ""
    if fresh_process:
        worker = IsolatedWorker(tool)
        try:
            return worker.call(fn, args, timeout_s)
        finally:
            worker.close()
    with _workers_lock:
        worker = _workers.setdefault(tool, IsolatedWorker(tool))
    return worker.call(fn, args, timeout_s)
