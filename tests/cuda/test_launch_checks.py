"""Launches a CUDA device cannot run are refused with the limit they break; fault reports and the refusal of every
launch after a fault (offline: made-up limits, and a stand-in for pycuda's driver that fails as the real one does)."""
import ctypes
import struct
import sys
from types import SimpleNamespace

import numpy as np
import pytest

import pantile
import pantile.language as tl

import cuda_kernels as K
from cuda_helpers import compile_module
from pantile import DeviceAssertionError, DeviceFaultError
from pantile.targets.cuda import context
from pantile.targets.cuda import launcher as cuda_launcher
from pantile.targets.cuda.launch_checks import array_device, check_grid, check_program

from array_standins import InterfaceOnlyArray, StandInTensor

H100 = {"max_threads": 1024, "max_grid": (2**31 - 1, 65535, 65535), "max_shared_optin": 232448,
        "registers_per_block": 65536, "capability": (9, 0)}


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


def test_the_gpu_an_array_says_it_is_on():
    assert array_device(SimpleNamespace(device=SimpleNamespace(type="cuda", index=1))) == 1   # torch
    assert array_device(SimpleNamespace(device=SimpleNamespace(id=2))) == 2                   # cupy
    assert array_device(object()) is None   # a bare __cuda_array_interface__ does not say: the driver decides


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


RESTART = "restart the process to use the GPU again (host code, CPU-target kernels and other targets keep working)."
ILLEGAL_ADDRESS = "cuCtxSynchronize failed: an illegal memory access was encountered"


class Allocation(SimpleNamespace):
    """A device allocation's stand-in: an address, and free()."""

    def __int__(self) -> int:
        return 4096


class DriverError(Exception):
    """pycuda.driver.Error's stand-in."""


class Driver:
    """The part of pycuda.driver and of libcuda.LibCuda the CUDA runtime uses, recording each call; `fail` maps a
    call to the error it raises, `capturing` holds the streams capturing a graph. A loaded function is
    ("function", name, the device current when it loaded); a launch is recorded as (function, grid, threads,
    parameter bytes, shared bytes, stream)."""

    Error = DriverError
    function_attribute = SimpleNamespace(MAX_DYNAMIC_SHARED_SIZE_BYTES=8)

    def __init__(self) -> None:
        self.calls: list = []
        self.launched: list = []
        self.fail: dict = {}
        self.capturing: set = set()
        self.current = 0
        self.devices = 2
        self.allocated_on: list = []
        self.Context = SimpleNamespace(synchronize=lambda: self.call("synchronize"), pop=lambda: self.call("pop"))

    def call(self, name: str) -> None:
        self.calls.append(name)
        if name in self.fail:
            raise DriverError(self.fail[name])

    def use(self, device: int) -> None:
        self.current = device

    def device_count(self) -> int:
        return self.devices

    def load(self, image: bytes, name: str, shared: int) -> tuple:
        self.call("load")
        return ("function", name, self.current)

    def launch(self, function, grid, threads, shared, stream, params, size) -> None:
        assert function[2] == self.current, "launched outside its module's context"
        self.launched.append((function, grid, threads, ctypes.string_at(params, size), shared, stream))
        self.call("launch")

    def is_capturing(self, stream: int) -> bool:
        return stream in self.capturing

    def mem_alloc(self, nbytes: int) -> Allocation:
        self.call("alloc")
        self.allocated_on.append(self.current)
        return Allocation(free=lambda: self.calls.append("free"))

    def memcpy_htod(self, dev, host) -> None:
        self.call("htod")

    def memcpy_dtoh(self, host, dev) -> None:
        self.call("dtoh")


@pytest.fixture(scope="module")
def vector_add():
    """vector_add's artifact for sm_80 (ptxas runs; the launch goes to the stand-in driver)."""
    return compile_module(K.vector_add(1024), "cuda:sm_80")


@pytest.fixture
def device(monkeypatch):
    """A stand-in driver (set `device.fail`), made current in context's state with a primary context whose detach
    is recorded, and no torch loaded: one an earlier test of this process imported (on the GPU machine) is hidden,
    as its current streams are those of the real GPUs, not of the stand-in's two (`torch_streams` gives one)."""
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    driver = Driver()
    monkeypatch.setattr(context, "_state", {"cuda": driver, "context": SimpleNamespace(
        detach=lambda: driver.calls.append("detach"))})
    monkeypatch.setattr(cuda_launcher, "driver", lambda: driver)
    monkeypatch.setattr(cuda_launcher, "libcuda", lambda: driver)
    monkeypatch.setattr(cuda_launcher, "device_limits", lambda: H100)
    return driver


def _arrays() -> list:
    """vector_add's arguments: x, y, out (numpy, staged) and n."""
    return [np.ones(100, np.float32), np.ones(100, np.float32), np.zeros(100, np.float32), 100]


def test_a_fault_names_the_kernel_the_driver_error_and_the_restart(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    device.fail["synchronize"] = ILLEGAL_ADDRESS
    with pytest.raises(DeviceFaultError) as info:
        launch((1, 1, 1), _arrays())
    assert str(info.value) == (f"CUDA kernel vector_add faulted on the device: {ILLEGAL_ADDRESS}. The CUDA driver "
                               f"keeps this error for the rest of the process; {RESTART}")
    # The broken context is let go before the staged copies are freed, so pycuda skips their clean-up silently.
    assert device.calls[-5:] == ["synchronize", "detach", "free", "free", "free"], device.calls


def test_after_a_fault_every_cuda_launch_is_refused_at_once(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    device.fail["synchronize"] = ILLEGAL_ADDRESS
    with pytest.raises(DeviceFaultError):
        launch((1, 1, 1), _arrays())
    calls = list(device.calls)
    refusal = (f"CUDA kernel vector_add cannot run: the GPU is unusable for the rest of the process since CUDA "
               f"kernel vector_add faulted on the device ({ILLEGAL_ADDRESS}); {RESTART}")
    for again in (lambda: launch((1, 1, 1), _arrays()), lambda: launch((0, 1, 1), _arrays()),
                  lambda: cuda_launcher.launcher_for(vector_add)):
        with pytest.raises(DeviceFaultError) as info:
            again()
        assert str(info.value) == refusal
    assert device.calls == calls   # nothing more asked of the broken context
    context._pop_at_exit()
    assert device.calls == calls   # pycuda's stack is already empty: no pop at exit


def test_a_failed_device_assert_is_a_device_assertion_error(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    device.fail["synchronize"] = "cuCtxSynchronize failed: device-side assert triggered"
    with pytest.raises(DeviceAssertionError) as info:
        launch((1, 1, 1), _arrays())
    assert str(info.value) == ("CUDA kernel vector_add: a device assertion failed (cuCtxSynchronize failed: "
                               "device-side assert triggered); the device printed the assertion's file, line and "
                               f"message on stdout. The CUDA driver keeps this error for the rest of the process; "
                               f"{RESTART}")
    with pytest.raises(DeviceFaultError, match=r"^CUDA kernel vector_add cannot run: the GPU is unusable for the "
                                               r"rest of the process since a device assertion failed in CUDA kernel "
                                               r"vector_add \(cuCtxSynchronize failed: device-side assert "
                                               r"triggered\); restart the process"):
        launch((1, 1, 1), _arrays())


def test_a_fault_found_by_loading_the_next_kernel_names_the_one_launched_before(device, vector_add):
    context.launched("poke")
    device.fail["load"] = "cuModuleLoadDataEx failed: an illegal memory access was encountered"
    with pytest.raises(DeviceFaultError) as info:
        cuda_launcher.launcher_for(vector_add)
    assert str(info.value).startswith("CUDA kernel poke (launched before vector_add, whose launch found the error) "
                                      "faulted on the device: cuModuleLoadDataEx failed: an illegal memory access "
                                      "was encountered. The CUDA driver keeps this error")
    assert device.calls == ["load", "detach"]


def test_an_ordinary_driver_error_is_raised_as_it_is_and_the_gpu_stays_usable(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    device.fail["alloc"] = "cuMemAlloc failed: out of memory"
    with pytest.raises(DriverError, match="^cuMemAlloc failed: out of memory$"):
        launch((1, 1, 1), _arrays())
    del device.fail["alloc"]
    launch((1, 1, 1), _arrays())
    assert device.calls == ["load", "alloc"] + ["alloc", "htod"] * 3 + ["launch", "synchronize", "dtoh"] + \
        ["free"] * 3, device.calls
    context._pop_at_exit()
    assert device.calls[-1] == "pop"   # the context is still on pycuda's stack: popped at exit


def test_one_launch_call_with_the_packed_parameters(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    x = StandInTensor(2)                                   # a CUDA tensor of device 0 at 4096
    launch((2, 1, 1), [x, x, np.zeros(8, np.float32), 7])
    params = struct.pack("<QQQi", 4096, 4096, 4096, 7)     # two tensors, a staged array at 4096, n
    assert device.launched == [(("function", "vector_add", 0), (2, 1, 1), vector_add.num_warps * 32, params, 0, 0)]
    assert device.calls == ["load", "alloc", "htod", "launch", "synchronize", "dtoh", "free"]


def test_a_device_array_of_another_gpu_or_the_host_is_refused_naming_the_argument(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    x, y = vector_add.args[0].name, vector_add.args[1].name
    for where, why in ((SimpleNamespace(type="cuda", index=1), f"the array is on cuda:1, but argument '{x}' is on "
                        f"cuda:0; a launch runs on one GPU: move it there first (torch: .to('cuda:0'))"),
                       (SimpleNamespace(type="cpu", index=None), "the tensor is on cpu, not on a CUDA device")):
        other = StandInTensor(2)
        other.device = where
        with pytest.raises(ValueError) as info:
            launch((1, 1, 1), [StandInTensor(2), other, StandInTensor(2), 4])
        assert str(info.value).startswith(f"argument '{y}' of vector_add: {why}")
    assert "launch" not in device.calls


def test_addresses_the_launch_read_already_are_passed_as_they_are_and_numpy_arrays_are_still_staged(device,
                                                                                                     vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    launch.launch((1, 1, 1), [StandInTensor(2), StandInTensor(2), np.zeros(8, np.float32), 7], [8192, None, 123, None])
    params = struct.pack("<QQQi", 8192, 4096, 4096, 7)     # given, read by data_ptr(), staged at 4096, n
    assert [launched[3] for launched in device.launched] == [params]


class CountedTensor(StandInTensor):
    """A CUDA tensor of device 0 that counts the reads of its device."""

    reads = 0

    def __init__(self) -> None:
        self._dlpack = (2, 0)

    @property
    def device(self) -> SimpleNamespace:
        CountedTensor.reads += 1
        return SimpleNamespace(type="cuda", index=0)


@pytest.mark.parametrize("gpus, reads", [(1, 0), (2, 3)])
def test_with_one_gpu_a_launch_reads_no_arrays_device(device, vector_add, gpus, reads):
    device.devices = gpus
    launch = cuda_launcher.launcher_for(vector_add)
    tensors = [CountedTensor() for _ in range(3)]
    launch.launch((1, 1, 1), tensors + [4], [4096, 4096, 4096, None])    # the first reads the type's reader
    before = CountedTensor.reads
    launch.launch((1, 1, 1), tensors + [4], [4096, 4096, 4096, None])
    assert CountedTensor.reads - before == reads
    assert [function for function, *_ in device.launched] == [("function", "vector_add", 0)] * 2


def _on(index: int) -> StandInTensor:
    tensor = StandInTensor(2)
    tensor.device = SimpleNamespace(type="cuda", index=index)
    return tensor


def test_each_gpu_loads_the_module_once_and_runs_the_launches_of_its_arrays(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    for index in (1, 0, 1, 0):
        launch((1, 1, 1), [_on(index), _on(index), _on(index), 4])
    assert device.calls == ["load", "load", "launch", "launch", "launch", "launch"]   # device 0 at load, 1 at first use
    assert [function for function, *_ in device.launched] == [("function", "vector_add", d) for d in (1, 0, 1, 0)]


def test_numpy_arrays_beside_tensors_of_a_gpu_are_staged_on_that_gpu(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    launch((1, 1, 1), [_on(1), np.ones(8, np.float32), _on(1), 4])
    launch((1, 1, 1), [np.ones(8, np.float32), np.ones(8, np.float32), np.zeros(8, np.float32), 4])
    assert device.allocated_on == [1, 0, 0, 0]
    assert [function for function, *_ in device.launched] == [("function", "vector_add", 1),
                                                              ("function", "vector_add", 0)]


class RawStream:
    """torch's raw current-stream getter, as its stand-in module's `_C._cuda_getCurrentRawStream`."""

    def __init__(self) -> None:
        self.streams = {0: 0x70, 1: 0x71}

    def __call__(self, device: int) -> int:
        return self.streams[device]


@pytest.fixture
def torch_streams(monkeypatch):
    """A torch stand-in whose current stream is 0x70 on cuda:0 and 0x71 on cuda:1 (set `.streams` to change them)."""
    raw = RawStream()
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(_C=SimpleNamespace(_cuda_getCurrentRawStream=raw)))
    return raw


def _streams(device) -> list:
    return [stream for *_, stream in device.launched]


def test_launches_of_torch_tensors_go_on_the_current_torch_stream_of_their_device(device, vector_add, torch_streams):
    launch = cuda_launcher.launcher_for(vector_add)
    launch((1, 1, 1), [_on(0), _on(0), _on(0), 4])
    launch((1, 1, 1), [_on(1), _on(1), _on(1), 4])
    torch_streams.streams[0] = 0x80                       # a `with torch.cuda.stream(s):` of the caller
    launch((1, 1, 1), [_on(0), _on(0), _on(0), 4])
    assert _streams(device) == [0x70, 0x71, 0x80]
    assert "synchronize" not in device.calls


def test_a_stream_given_at_launch_overrides_the_current_one(device, vector_add, torch_streams):
    launch = cuda_launcher.launcher_for(vector_add)
    args = [_on(0), _on(0), _on(0), 4]
    for given in (0x90, SimpleNamespace(cuda_stream=0x91), SimpleNamespace(handle=0x92), 0):
        launch((1, 1, 1), args, given)
    assert _streams(device) == [0x90, 0x91, 0x92, 0]
    with pytest.raises(TypeError) as info:
        launch((1, 1, 1), args, "s1")
    assert str(info.value) == ("stream= must be a CUDA stream handle (an int) or a stream object with .cuda_stream or "
                               ".handle (torch.cuda.Stream, pycuda's Stream), got str")


def test_arrays_that_are_not_torch_tensors_launch_on_the_default_stream_without_torch(device, vector_add):
    launch = cuda_launcher.launcher_for(vector_add)
    launch((1, 1, 1), [InterfaceOnlyArray(), InterfaceOnlyArray(), InterfaceOnlyArray(), 4])
    assert _streams(device) == [0] and "torch" not in sys.modules


def test_numpy_arrays_are_refused_while_the_stream_captures_a_graph(device, vector_add, torch_streams):
    launch = cuda_launcher.launcher_for(vector_add)
    device.capturing.add(0x70)
    with pytest.raises(RuntimeError) as info:
        launch((1, 1, 1), _arrays())
    assert str(info.value) == ("kernel vector_add was launched with numpy arrays while its stream is capturing a CUDA "
                               "graph (torch.cuda.graph): their copies to the GPU and back cannot be recorded in a "
                               "graph; pass arrays that live on the GPU (torch tensors) instead")
    assert device.calls == ["load"]                     # nothing allocated, copied or synchronised
    launch((1, 1, 1), [_on(0), _on(0), _on(0), 4])      # device arrays are recorded as any launch
    launch((1, 1, 1), _arrays(), 0x71)                  # another stream, not capturing: staged
    assert _streams(device) == [0x70, 0x71]


def test_an_error_found_before_the_launch_is_blamed_on_the_kernel_launched_before(monkeypatch):
    monkeypatch.setattr(context, "_state", {})
    assert context.culprit("first", launched=False) == "first"
    context.launched("poke")
    assert context.culprit("add", launched=True) == "add"
    assert context.culprit("add", launched=False) == "poke (launched before add, whose launch found the error)"


@pantile.jit
def copy_block(x_ptr, y_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(y_ptr + offs, tl.load(x_ptr + offs))


class AddressCounted(StandInTensor):
    """A CUDA tensor of device 0 at `address` that counts the reads of its address."""

    reads = 0

    def __init__(self, address: int) -> None:
        super().__init__(2)
        self.address = address

    def data_ptr(self) -> int:
        AddressCounted.reads += 1
        return self.address


def test_a_jit_launch_reads_each_tensors_address_once(device):
    device.devices = 1
    x, y = AddressCounted(4096), AddressCounted(8192)
    copy_block[(1,)](x, y, BLOCK=64)            # compiled (ptxas), loaded and launched on the stand-in driver
    before = AddressCounted.reads
    copy_block[(1,)](x, y, BLOCK=64)
    assert AddressCounted.reads - before == 2
    assert device.launched[-1][3] == struct.pack("<QQ", 4096, 8192)


def test_a_host_tensor_beside_a_gpu_tensor_is_read_by_the_launcher_which_refuses_it(device):
    host = StandInTensor(1)
    host.device = SimpleNamespace(type="cpu", index=None)
    with pytest.raises(ValueError, match="^argument 'y_ptr' of copy_block: the tensor is on cpu, not on a CUDA"):
        copy_block[(1,)](StandInTensor(2), host, BLOCK=64)
