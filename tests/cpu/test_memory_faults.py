"""A memory fault inside a CPU kernel raises DeviceFaultError naming the kernel and program; the process lives on,
and when the kernel writes memory every later CPU launch is refused (memory may be corrupted)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.cpu import faults

FAR = -(1 << 40)       # elements: 4 TiB before an f32 array, where no process has memory
RESTART = ("restart the process to run CPU kernels again (other targets keep working); launch the kernel with "
           "debug=True (or PANTILE_DEBUG=1) to have every load and store checked against its array, naming the "
           "line and program")


@pantile.jit
def shifted_copy(x_ptr, out_ptr, n, shift, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs + shift, mask=mask), mask=mask)


@pantile.jit
def one_far_program(x_ptr, out_ptr, n, far, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    v = tl.load(x_ptr + offs, mask=offs < n)
    if tl.program_id(0) == 37:
        v += tl.load(x_ptr + far)
    tl.store(out_ptr + offs, v, mask=offs < n)


@pantile.jit
def far_sum(x_ptr, far):
    tl.device_print("sum", tl.load(x_ptr + far))


@pytest.fixture
def restore_cpu_launches(monkeypatch):
    """The faults tested here read far away and write only inside their arrays: nothing is corrupted, so
    the test process may launch again afterwards."""
    monkeypatch.setattr(faults, "poisoned", None)


def _address(array: np.ndarray, elements: int) -> int:
    return array.__array_interface__["data"][0] + elements * array.itemsize


def test_a_fault_raises_naming_the_kernel_and_program_and_refuses_later_launches(restore_cpu_launches) -> None:
    x, out = np.arange(64, dtype=np.float32), np.zeros(64, np.float32)
    with pytest.raises(pantile.DeviceFaultError) as info:
        shifted_copy[(4,)](x, out, 64, FAR, BLOCK=16)
    address = _address(x, FAR)
    assert str(info.value) == (
        f"CPU kernel shifted_copy faulted: segmentation fault (SIGSEGV) at address {address:#x} in program "
        f"(0, 0, 0): a load or store reached memory the process does not have (an unmasked access beyond an "
        f"array, or a wrong offset or pointer). Its stores may have written over other memory before the fault, "
        f"so every later CPU launch in this process is refused; {RESTART}")
    with pytest.raises(pantile.DeviceFaultError) as later:
        shifted_copy[(4,)](x, out, 64, 0, BLOCK=16)
    assert str(later.value) == (
        f"CPU kernel shifted_copy cannot run: memory may be corrupted since CPU kernel shifted_copy faulted "
        f"(segmentation fault (SIGSEGV) at address {address:#x} in program (0, 0, 0)); {RESTART}")
    assert not out.any()


def test_a_fault_on_the_thread_pool_names_its_program(restore_cpu_launches) -> None:
    n = 1 << 22                    # enough work for every thread of the pool
    x, out = np.ones(n, np.float32), np.zeros(n, np.float32)
    with pytest.raises(pantile.DeviceFaultError, match=r"^CPU kernel one_far_program faulted: segmentation fault "
                                                       r"\(SIGSEGV\) at address 0x[0-9a-f]+ in program \(37, 0, 0\)"):
        one_far_program[(n // 1024,)](x, out, n, FAR, BLOCK=1024)
    assert faults.poisoned.startswith("CPU kernel one_far_program faulted")


def test_a_kernel_that_writes_nothing_leaves_later_launches_alone() -> None:
    x = np.arange(4, dtype=np.float32)
    with pytest.raises(pantile.DeviceFaultError) as info:
        far_sum[(1,)](x, FAR)
    assert str(info.value) == (
        f"CPU kernel far_sum faulted: segmentation fault (SIGSEGV) at address {_address(x, FAR):#x} in program "
        f"(0, 0, 0): a load or store reached memory the process does not have (an unmasked access beyond an "
        f"array, or a wrong offset or pointer). The kernel writes no memory, so nothing was corrupted; launch it "
        f"with debug=True (or PANTILE_DEBUG=1) to have every load checked against its array, naming the line and "
        f"program")
    assert faults.poisoned is None
    out = np.zeros(4, np.float32)
    shifted_copy[(1,)](x, out, 4, 0, BLOCK=4)
    np.testing.assert_array_equal(out, x)


def test_an_address_beyond_the_address_space() -> None:
    x = np.arange(4, dtype=np.float32)
    with pytest.raises(pantile.DeviceFaultError, match=r"^CPU kernel far_sum faulted: segmentation fault \(SIGSEGV\) "
                                                       r"at address 0x0 \(null, or beyond the address space\) in "
                                                       r"program \(0, 0, 0\)"):
        far_sum[(1,)](x, 1 << 61)     # 2^63 bytes on: no x86-64 or AArch64 address


CHILD = textwrap.dedent("""
    import ctypes, faulthandler, sys
    import numpy as np
    import pantile
    import pantile.language as tl

    @pantile.jit
    def shifted_copy(x_ptr, out_ptr, n, shift, BLOCK: tl.constexpr):
        offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        tl.store(out_ptr + offs, tl.load(x_ptr + offs + shift, mask=offs < n), mask=offs < n)

    faulthandler.enable()        # as pytest does: a fault outside a kernel must still reach it
    x, out = np.arange(64, dtype=np.float32), np.zeros(64, np.float32)
    for shift in (-(1 << 40), 0):
        try:
            shifted_copy[(4,)](x, out, 64, shift, BLOCK=16)
            print("ran")
        except pantile.DeviceFaultError as err:
            print(type(err).__name__, str(err)[:str(err).index(":")])
    print("alive", flush=True)
    if sys.argv[1:] == ["then-crash"]:
        ctypes.string_at(0)      # a fault in Python's own thread, outside any kernel
""")


@pytest.mark.parametrize("then", ("", "then-crash"))
def test_the_process_survives_a_fault_and_faults_outside_kernels_still_end_it(then, tmp_path) -> None:
    script = tmp_path / "fault.py"          # @jit reads the kernel's source from its file
    script.write_text(CHILD)
    done = subprocess.run([sys.executable, str(script), then], capture_output=True, text=True, timeout=300)
    assert done.stdout.splitlines() == ["DeviceFaultError CPU kernel shifted_copy faulted",
                                        "DeviceFaultError CPU kernel shifted_copy cannot run", "alive"], done.stderr
    if then:
        assert done.returncode == -11 and "Fatal Python error: Segmentation fault" in done.stderr, done.stderr
    else:
        assert done.returncode == 0 and "Fatal Python error" not in done.stderr, done.stderr


def test_a_debug_build_stops_the_access_before_it_faults() -> None:
    x, out = np.arange(64, dtype=np.float32), np.zeros(64, np.float32)
    with pytest.raises(pantile.DeviceFaultError) as info:
        shifted_copy[(4,)](x, out, 64, FAR, BLOCK=16, debug=True)
    line = next(i for i, text in enumerate(open(__file__), 1) if "tl.load(x_ptr + offs + shift" in text)
    assert str(info.value) == (
        f"{__file__}:{line}: out-of-bounds load in program (0, 0, 0), element 0: offset {FAR} of argument 'x_ptr' "
        f"(f32 elements), which holds 64 elements of f32 (offsets 0 to 63); mask the access (mask=offsets < n) or "
        f"fix the offset")
    assert faults.poisoned is None and not out.any()
    shifted_copy[(4,)](x, out, 64, 0, BLOCK=16, debug=True)
    np.testing.assert_array_equal(out, x)


@pantile.jit
def total(x_ptr, out_ptr, BLOCK: tl.constexpr):
    tl.store(out_ptr, tl.sum(tl.load(x_ptr + tl.arange(0, BLOCK)), 0))


def test_an_array_over_a_file_that_shrank_is_a_bus_error(tmp_path, restore_cpu_launches) -> None:
    path = tmp_path / "data"
    path.write_bytes(bytes(8192))
    x = np.memmap(path, np.float32, "r+", shape=(2048,))
    os.truncate(path, 0)              # the mapping stays; its pages are gone
    out = np.zeros(1, np.float32)
    with pytest.raises(pantile.DeviceFaultError) as info:
        total[(1,)](x, out, BLOCK=2048)
    assert str(info.value) == (
        f"CPU kernel total faulted: bus error (SIGBUS) at address {x.ctypes.data:#x} in program (0, 0, 0): a load or "
        f"store reached memory that is mapped but cannot be read or written (an array over a file that has shrunk). "
        f"Its stores may have written over other memory before the fault, so every later CPU launch in this "
        f"process is refused; {RESTART}")


def test_a_fault_in_a_launch_from_another_thread_is_raised_there() -> None:
    x, caught = np.arange(4, dtype=np.float32), []

    def launch() -> None:
        try:
            far_sum[(1,)](x, FAR)
        except pantile.DeviceFaultError as err:
            caught.append(str(err))
    worker = threading.Thread(target=launch)
    worker.start()
    worker.join()
    assert len(caught) == 1 and caught[0].startswith("CPU kernel far_sum faulted: segmentation fault (SIGSEGV)")
    assert faults.poisoned is None
