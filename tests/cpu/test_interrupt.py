"""Ctrl-C interrupts a CPU launch, even one whose kernel never leaves a loop."""
import os
import select
import signal
import subprocess
import sys
import time

import pytest

CHILD = """
import sys, time
import numpy as np
import pantile
import pantile.language as tl

@pantile.jit
def spin(x_ptr, out_ptr):
    i = 0
    while tl.load(x_ptr) == 0:
        i += 1
    tl.store(out_ptr + tl.program_id(0), i)

x, out = np.zeros(1, np.int32), np.zeros(64, np.int32)
spin.warmup(x, out, grid=(1,))
print("launching", flush=True)
try:
    spin[(int(sys.argv[1]),)](x, out)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.parametrize("programs", (1, 64))     # on the calling thread; over the thread pool
def test_ctrl_c_interrupts_a_kernel_stuck_in_a_loop_within_a_second(programs, tmp_path) -> None:
    script = tmp_path / "spin.py"          # @jit reads the kernel's source from its file
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), str(programs)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "launching\n", child.stderr.read()
        time.sleep(0.5)                    # inside the launch by now
        os.kill(child.pid, signal.SIGINT)
        sent = time.monotonic()
        answered = select.select([child.stdout], [], [], 5.0)[0]
        took = time.monotonic() - sent
        assert answered, "the launch went on after Ctrl-C"
        assert child.stdout.readline() == "interrupted\n", child.stderr.read()
        assert took < 1.0
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
