"""Launches a CUDA device cannot run are refused with the limit they break; fault reports (offline, made-up limits)."""
from types import SimpleNamespace

import pytest

from pantile import DeviceAssertionError, DeviceFaultError
from pantile.targets.cuda import context
from pantile.targets.cuda.launch_checks import check_device, check_grid, check_program

H100 = {"max_threads": 1024, "max_grid": (2**31 - 1, 65535, 65535), "max_shared_optin": 232448,
        "registers_per_block": 65536}


def test_a_program_within_every_limit_passes():
    check_program("k", 32, 232448, 64, H100)


def test_too_many_threads_per_program():
    with pytest.raises(ValueError) as info:
        check_program("softmax", 64, 0, 0, H100)
    assert str(info.value) == ("kernel softmax: num_warps=64 gives 2048 threads per program; this device allows 1024 "
                               "(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK): use num_warps <= 32")


def test_too_much_shared_memory_per_program():
    with pytest.raises(ValueError) as info:
        check_program("matmul", 4, 232449, 32, H100)
    assert str(info.value) == ("kernel matmul needs 232449 bytes of shared memory per program; this device allows "
                               "232448 (CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN): use smaller blocks "
                               "or fewer stages")


def test_too_many_registers_per_program():
    with pytest.raises(ValueError) as info:
        check_program("attention", 32, 0, 65, H100)
    assert str(info.value) == ("kernel attention uses 65 registers x 1024 threads = 66560 per program; this device "
                               "allows 65536 (CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_BLOCK): use fewer warps")


@pytest.mark.parametrize("grid, axis, most", [((2**31, 1, 1), 0, 2**31 - 1), ((1, 70000, 1), 1, 65535),
                                             ((1, 1, 65536), 2, 65535), ((-1, 1, 1), 0, 2**31 - 1)])
def test_grid_beyond_the_device_names_the_axis_and_its_limit(grid, axis, most):
    with pytest.raises(ValueError) as info:
        check_grid("k", grid, H100)
    assert str(info.value) == (f"kernel k: grid {grid} is outside what the device runs: axis {axis} must be between "
                               f"0 and {most} (CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_{'XYZ'[axis]})")


def test_grids_of_one_two_and_three_axes():
    assert check_grid("k", (7,), H100) == (7, 1, 1)
    assert check_grid("k", (7, 65535), H100) == (7, 65535, 1)
    assert check_grid("k", (0, 2, 3), H100) == (0, 2, 3)
    with pytest.raises(ValueError, match=r"^kernel k: a grid has one to three axes, got \(1, 1, 1, 1\)$"):
        check_grid("k", (1, 1, 1, 1), H100)


def test_an_array_on_another_gpu_is_refused():
    torch_like = SimpleNamespace(device=SimpleNamespace(type="cuda", index=1))
    cupy_like = SimpleNamespace(device=SimpleNamespace(id=2))
    with pytest.raises(ValueError) as info:
        check_device("add", "x_ptr", torch_like, 0)
    assert str(info.value) == ("kernel add: argument x_ptr is on cuda:1, but pantile runs CUDA kernels on device 0: "
                               "move it there first (torch: .to('cuda:0'))")
    with pytest.raises(ValueError, match="argument y_ptr is on cuda:2"):
        check_device("add", "y_ptr", cupy_like, 0)
    check_device("add", "x_ptr", SimpleNamespace(device=SimpleNamespace(index=0)), 0)
    check_device("add", "x_ptr", object(), 0)   # a bare __cuda_array_interface__ does not say: the driver decides


@pytest.mark.parametrize("message, sticky", [
    ("cuCtxSynchronize failed: an illegal memory access was encountered", True),
    ("cuCtxSynchronize failed: device-side assert triggered", True),
    ("cuCtxSynchronize failed: unspecified launch failure", True),
    ("cuMemcpyDtoH failed: misaligned address", True),
    ("cuLaunchKernel failed: too many resources requested for launch", False),
    ("cuMemAlloc failed: out of memory", False),
])
def test_sticky_errors_are_told_from_ordinary_ones(message, sticky):
    assert context.is_sticky(RuntimeError(message)) is sticky


def test_a_fault_names_the_kernel_the_driver_error_and_the_reset(monkeypatch):
    resets = []
    monkeypatch.setattr(context, "_torch_uses_cuda", lambda: False)
    monkeypatch.setattr(context, "_reset", lambda: resets.append(True))
    err = context.fault_error("poke", RuntimeError("cuCtxSynchronize failed: an illegal memory access was encountered"))
    assert isinstance(err, DeviceFaultError) and resets == [True]
    assert str(err) == ("CUDA kernel poke faulted on the device: cuCtxSynchronize failed: an illegal memory access was "
                        "encountered. The fault left the CUDA context unusable, so pantile reset it: device memory "
                        "allocated before the fault is gone, and the next launch runs in a fresh context.")


def test_a_failed_device_assert_is_a_device_assertion_error(monkeypatch):
    monkeypatch.setattr(context, "_torch_uses_cuda", lambda: True)
    monkeypatch.setattr(context, "_reset", lambda: pytest.fail("reset a context torch shares"))
    err = context.fault_error("checker", RuntimeError("cuCtxSynchronize failed: device-side assert triggered"))
    assert isinstance(err, DeviceAssertionError)
    assert str(err) == ("CUDA kernel checker: a device assertion failed (cuCtxSynchronize failed: device-side assert "
                        "triggered); the device printed the assertion's file, line and message on stdout. The fault "
                        "left the CUDA context unusable, and torch shares it, so pantile cannot reset it: restart the "
                        "process to use the GPU again.")


def test_a_failed_reset_says_to_restart(monkeypatch):
    def fail():
        raise RuntimeError("cuDevicePrimaryCtxReset failed with CUresult 999")
    monkeypatch.setattr(context, "_torch_uses_cuda", lambda: False)
    monkeypatch.setattr(context, "_reset", fail)
    err = context.fault_error("k", RuntimeError("cuCtxSynchronize failed: unspecified launch failure"))
    assert str(err).endswith("The fault left the CUDA context unusable, and resetting it failed "
                             "(cuDevicePrimaryCtxReset failed with CUresult 999): restart the process to use the GPU "
                             "again.")


def test_an_error_found_before_the_launch_is_blamed_on_the_kernel_launched_before(monkeypatch):
    monkeypatch.setattr(context, "_state", {"generation": 0})
    assert context.culprit("first", launched=False) == "first"
    context.launched("poke")
    assert context.culprit("add", launched=True) == "add"
    assert context.culprit("add", launched=False) == "poke (launched before add, whose launch found the error)"
