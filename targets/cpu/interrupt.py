"""Ctrl-C during a CPU launch: the running programs are told to stop, so that the launch ends within moments.

A thread blocked in a ctypes call runs no Python signal handler until the call returns, and a kernel may
loop for ever. Python's own C handler writes every signal's number to the wakeup fd
(`signal.set_wakeup_fd`) at once, so pantile installs one (the first time a launch runs on the main
thread), and a watcher thread that reads it marks every launch in flight as stopped: its programs leave
at their next loop iteration and the grid loop hands out no more. Python then raises KeyboardInterrupt in
the main thread as usual. A wakeup fd someone set before is kept: each signal number is passed on to it.
"""
from __future__ import annotations

import os
import signal
import threading
import weakref
from typing import Any

INTERRUPTED = -1            # status word 0 of a stopped launch (abi.py: the others)
# id -> status words a launch runs with; registered once per buffer (idle ones too: a launch clears its
# words before it starts), and gone with the buffer.
in_flight: "weakref.WeakValueDictionary[int, Any]" = weakref.WeakValueDictionary()
installed = False           # True once the wakeup fd and its watcher are in place


def _watch(read_fd: int, previous_fd: int) -> None:
    while True:
        signals = os.read(read_fd, 512)
        if previous_fd >= 0:
            try:
                os.write(previous_fd, signals)
            except OSError:   # its owner closed it or it is full: as Python's own handler, drop the byte
                pass
        if signal.SIGINT in signals:
            for status in list(in_flight.values()):
                status[0] = INTERRUPTED


def watch_interrupts() -> None:
    """Install the wakeup fd and its watcher, once, from the main thread (elsewhere: a later launch will)."""
    global installed
    if installed or threading.current_thread() is not threading.main_thread():
        return
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    previous_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    threading.Thread(target=_watch, args=(read_fd, previous_fd), name="pantile-cpu-interrupts",
                     daemon=True).start()
    installed = True
