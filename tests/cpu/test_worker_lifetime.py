"""Compile workers (forked children that run LLVM) end when the process that forked them dies, even while busy."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PARENT = """
import os, signal, threading, time
from pantile.targets.llvm.isolation import IsolatedWorker

worker = IsolatedWorker("a test tool")
threading.Thread(target=worker.call, args=(time.sleep, (600,), 600), daemon=True).start()
while not worker._pid:
    time.sleep(0.01)
time.sleep(0.5)          # the worker is busy in its call
print(worker._pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    """True while process `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_busy_worker_exits_within_a_second_of_its_parent_being_killed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out.open("w") as stdout:     # a file, not a pipe: a worker left running must not hold up the test
        done = subprocess.run([sys.executable, "-c", PARENT], stdout=stdout, stderr=subprocess.PIPE, text=True,
                              timeout=120)
    assert done.returncode == -9, done.stderr
    worker = int(out.read_text())
    deadline = time.monotonic() + 1.0
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not _running(worker), f"worker {worker} still runs after its parent was killed"
    finally:
        if _running(worker):
            os.kill(worker, signal.SIGKILL)
