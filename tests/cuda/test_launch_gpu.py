"""On the GPU: a kernel that faults raises an error naming it; the CUDA driver keeps a fault for the rest of the
process, so later CUDA launches there are refused at once while other targets keep working, and a new process uses
the GPU again. Launches the device cannot run are refused before the launch, naming the limit.

Each fault scenario runs in a fresh Python process: after a fault, no CUDA work runs in the process that saw it.
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


def add_runs(family):
    x = np.arange(5000, dtype=np.float32)
    out = np.zeros_like(x)
    with pantile.target(target.arch if family == "cuda" else family):
        add[(pantile.cdiv(5000, 1024),)](x, x, out, 5000, BLOCK=1024)
    assert (out == 2 * x).all(), out
    print("add ran on", family, flush=True)


def illegal_address():
    with pantile.target(target.arch):
        poke[(1,)](np.zeros(4, np.float32), 1 << 40)


def failed_assert():
    art = compile_module(K.assert_positive(64), target.arch, debug=True)
    target.launcher(art)((1, 1, 1), [np.array([1] * 63 + [0], dtype=np.int32)])


def report(name, scenario, error):
    try:
        scenario()
        print("no error", flush=True)
    except error as err:
        print(name, err, flush=True)


add_runs("cuda")
if sys.argv[1] != "fresh":
    report("raised:", globals()[sys.argv[1]], pantile.DeviceAssertionError if sys.argv[1] == "failed_assert"
           else pantile.DeviceFaultError)
    report("then:", lambda: add_runs("cuda"), pantile.DeviceFaultError)
    add_runs("cpu")
"""
_RESTART = ("restart the process to use the GPU again (host code, CPU-target kernels and other targets keep "
            "working).")


def _run(scenario: str, folder) -> subprocess.CompletedProcess:
    """Run the scenario as a script file (@jit reads its kernels' source from the file)."""
    script = folder / "fault_scenario.py"
    script.write_text(_SCRIPT.format(here=os.path.dirname(__file__)))
    done = subprocess.run([sys.executable, str(script), scenario], capture_output=True, text=True, timeout=300)
    print(done.stdout, done.stderr)
    return done


def _check_fault_then_refusal(done: subprocess.CompletedProcess, raised: str, fault: str, folder) -> None:
    """The fault raised `raised`; the next CUDA launch was refused naming `fault`; the CPU target still ran; the
    process exited cleanly; and a new process runs the CUDA kernel again."""
    assert done.returncode == 0, done.stderr
    assert "PyCUDA" not in done.stderr, done.stderr    # no clean-up warnings nor abort from the broken context
    lines = [line for line in done.stdout.splitlines() if line.startswith(("add ran", "raised:", "then:", "no "))]
    assert lines == ["add ran on cuda", f"raised: {raised}",
                     f"then: CUDA kernel add cannot run: the GPU is unusable for the rest of the process since "
                     f"{fault}; {_RESTART}",
                     "add ran on cpu"], lines
    fresh = _run("fresh", folder)
    assert fresh.returncode == 0 and fresh.stdout.splitlines() == ["add ran on cuda"], fresh.stdout + fresh.stderr


def test_illegal_address_is_reported_and_the_gpu_refused_until_restart(gpu, tmp_path) -> None:
    error = "cuCtxSynchronize failed: an illegal memory access was encountered"
    _check_fault_then_refusal(
        _run("illegal_address", tmp_path),
        f"CUDA kernel poke faulted on the device: {error}. The CUDA driver keeps this error for the rest of the "
        f"process; {_RESTART}",
        f"CUDA kernel poke faulted on the device ({error})", tmp_path)


def test_failed_device_assert_is_reported_and_the_gpu_refused_until_restart(gpu, tmp_path) -> None:
    done = _run("failed_assert", tmp_path)
    error = "cuCtxSynchronize failed: device-side assert triggered"
    _check_fault_then_refusal(
        done,
        f"CUDA kernel checker: a device assertion failed ({error}); the device printed the assertion's file, line "
        f"and message on stdout. The CUDA driver keeps this error for the rest of the process; {_RESTART}",
        f"a device assertion failed in CUDA kernel checker ({error})", tmp_path)
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
