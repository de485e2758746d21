"""On the GPU: a kernel that faults raises an error naming it and the next kernel in the same process still runs;
launches the device cannot run are refused before the launch, naming the limit.

Each fault scenario runs in a fresh Python process: a fault resets the CUDA context,
which would take the device memory of other tests in this pytest process with it.
"""
import os
import subprocess
import sys

import numpy as np
import pytest

import cuda_kernels as K
from cuda_helpers import compile_module
from pantile.targets.cuda.launcher import device_limits

_SCRIPT = """
import sys
import numpy as np
sys.path.insert(0, {here!r})
import pantile
import pantile.language as pl
import cuda_kernels as K
from cuda_helpers import compile_module
from pantile.targets.registry import get_target

target = get_target("cuda")


@pantile.jit
def poke(x_ptr, offset):
    pl.store(x_ptr + offset, 1.0)


@pantile.jit
def add(x_ptr, y_ptr, out_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    mask = offs < n
    pl.store(out_ptr + offs, pl.load(x_ptr + offs, mask=mask) + pl.load(y_ptr + offs, mask=mask), mask=mask)


def add_runs():
    x = np.arange(5000, dtype=np.float32)
    out = np.zeros_like(x)
    with pantile.target(target.arch):
        add[(pantile.cdiv(5000, 1024),)](x, x, out, 5000, BLOCK=1024)
    assert (out == 2 * x).all(), out
    print("add ran", flush=True)


def illegal_address():
    with pantile.target(target.arch):
        poke[(1,)](np.zeros(4, np.float32), 1 << 40)


def failed_assert():
    art = compile_module(K.assert_positive(64), target.arch, debug=True)
    target.launcher(art)((1, 1, 1), [np.array([1] * 63 + [0], dtype=np.int32)])


add_runs()
try:
    {scenario}()
    print("no error", flush=True)
except {error} as err:
    print("raised:", err, flush=True)
add_runs()
"""


def _run(scenario: str, error: str, folder) -> subprocess.CompletedProcess:
    """Run the scenario as a script file (@jit reads its kernels' source from the file)."""
    script = folder / f"{scenario}.py"
    script.write_text(_SCRIPT.format(here=os.path.dirname(__file__), scenario=scenario, error=error))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    print(done.stdout, done.stderr)
    return done


def test_illegal_address_is_reported_and_the_next_kernel_runs(gpu, tmp_path) -> None:
    done = _run("illegal_address", "pantile.DeviceFaultError", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "add ran" and lines[-1] == "add ran", lines
    (raised,) = [line for line in lines if line.startswith("raised:")]
    assert raised.startswith("raised: CUDA kernel poke faulted on the device: cuCtxSynchronize failed: an illegal "
                             "memory access was encountered. The fault left the CUDA context unusable, so pantile "
                             "reset it"), raised


def test_failed_device_assert_is_reported_and_the_next_kernel_runs(gpu, tmp_path) -> None:
    done = _run("failed_assert", "pantile.DeviceAssertionError", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "add ran" and lines[-1] == "add ran", lines
    (raised,) = [line for line in lines if line.startswith("raised:")]
    assert raised.startswith("raised: CUDA kernel checker: a device assertion failed (cuCtxSynchronize failed: "
                             "device-side assert triggered); the device printed the assertion's file, line and "
                             "message on stdout. The fault left the CUDA context unusable, so pantile reset it"), raised
    assert "Assertion `x > 0` failed" in done.stdout + done.stderr


def test_more_threads_than_the_device_has_are_refused_before_launch(gpu) -> None:
    art = compile_module(K.vector_add(4096), gpu.arch, num_warps=64)
    most = device_limits()["max_threads"]
    with pytest.raises(ValueError, match=rf"^kernel vector_add: num_warps=64 gives 2048 threads per program; this "
                                         rf"device allows {most} \(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK\)"):
        gpu.launcher(art)


def test_more_shared_memory_than_the_device_has_is_refused_before_launch(gpu) -> None:
    art = compile_module(K.transpose(256, 256), gpu.arch)     # 256 KB of shared memory
    most = device_limits()["max_shared_optin"]
    with pytest.raises(ValueError, match=rf"^kernel transpose needs 262144 bytes of shared memory per program; this "
                                         rf"device allows {most} \(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK"):
        gpu.launcher(art)


def test_a_grid_beyond_the_device_is_refused_before_launch(gpu) -> None:
    art = compile_module(K.vector_add(1024), gpu.arch)
    most = device_limits()["max_grid"][2]
    with pytest.raises(ValueError, match=rf"axis 2 must be between 0 and {most} "
                                         r"\(CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z\)$"):
        gpu.launcher(art)((1, 1, most + 1), [np.zeros(1, np.float32)] * 3 + [1])
