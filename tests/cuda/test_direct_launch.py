"""The warm CUDA launch of a @jit kernel (targets/cuda/direct.py): from the second launch of a key on, one
cuLaunchKernel through libcuda's ctypes calls, checked against a stand-in libcuda whose functions are C callbacks
with libcuda's signatures (no GPU): the packed parameters, the stream, the context, faults."""
import struct
import sys
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile import DeviceFaultError
from pantile.targets.cuda import context
from pantile.targets.cuda.libcuda import LibCuda
from pantile.targets.launch.launcher import SharedLauncher

from array_standins import StandInTensor
from test_libcuda import ILLEGAL_ADDRESS, StandInLibrary

H100 = {"name": "stand-in", "capability": (9, 0), "max_threads": 1024, "max_grid": (2**31 - 1, 65535, 65535),
        "max_shared_optin": 232448, "registers_per_block": 65536, "sm_count": 132}


@pantile.jit
def scale(x_ptr, out_ptr, n, factor, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * factor, mask=offs < n)


class Device(NamedTuple):
    """torch.device's stand-in (hashable, as torch's is)."""

    type: str
    index: int


class Tensor(StandInTensor):
    """A float32 CUDA tensor of device 0 at `address`."""

    def __init__(self, address: int) -> None:
        super().__init__(2)
        self.address, self.device = address, Device("cuda", 0)

    def data_ptr(self) -> int:
        return self.address


@pytest.fixture
def lib(monkeypatch):
    """The stand-in libcuda as pantile's driver, a torch whose current stream is 0x70, and no compiled entries."""
    library = LibCuda(StandInLibrary())
    monkeypatch.setattr(context, "_state", {"cuda": SimpleNamespace(), "limits": H100, "lib": library})
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(_C=SimpleNamespace(_cuda_getCurrentRawStream=lambda
                                                                                 device: 0x70)))
    scale._variants.clear()
    scale._entries.clear()
    return library


def _launches(lib: LibCuda) -> list:
    return [call for call in lib.lib.calls if call[0] == "launch"]


def test_warm_launches_pack_each_launchs_values_without_the_shared_launcher(lib, monkeypatch):
    x, out = Tensor(0x10000), Tensor(0x20000)
    scale[(3,)](x, out, 1000, 2.0, BLOCK=128)
    scale[(3,)](x, out, 1000, 2.0, BLOCK=128)       # the general path, twice: the second registers the entry
    monkeypatch.setattr(SharedLauncher, "launch", None)   # from here on, the shared launcher is never called
    scale[(3,)](Tensor(0x30000), out, 999, 0.5, BLOCK=128)
    scale[(2, 3)](x, out, 1003, 1.5, BLOCK=128)
    scale[lambda meta: (meta["n"] // meta["BLOCK"],)](x, out, 1288, 1.0, BLOCK=128)
    calls = _launches(lib)
    assert [(c[2], c[3], c[5]) for c in calls] == [((3, 1, 1), (128, 1, 1), 0x70)] * 3 + \
        [((2, 3, 1), (128, 1, 1), 0x70), ((10, 1, 1), (128, 1, 1), 0x70)]
    assert [c[-1] for c in calls] == [struct.pack("<QQif", *v) for v in [
        (0x10000, 0x20000, 1000, 2.0), (0x10000, 0x20000, 1000, 2.0), (0x30000, 0x20000, 999, 0.5),
        (0x10000, 0x20000, 1003, 1.5), (0x10000, 0x20000, 1288, 1.0)]]
    assert len(scale._entries) == 1


@pantile.jit
def scale_pair(pair, n, factor, BLOCK: tl.constexpr):
    x_ptr, out_ptr = pair
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * factor, mask=offs < n)


def test_a_tuple_of_tensors_launches_warm_too(lib, monkeypatch):
    scale_pair._entries.clear()
    x, out = Tensor(0x10000), Tensor(0x20000)
    scale_pair[(3,)]((x, out), 1000, 2.0, BLOCK=128)
    monkeypatch.setattr(SharedLauncher, "launch", None)   # from here on, the shared launcher is never called
    scale_pair[(3,)]((Tensor(0x30000), out), 999, 0.5, BLOCK=128)
    scale_pair[(2,)]((x, Tensor(0x40000)), 1003, 1.5, BLOCK=128)
    assert [c[-1] for c in _launches(lib)] == [struct.pack("<QQif", *v) for v in [
        (0x10000, 0x20000, 1000, 2.0), (0x30000, 0x20000, 999, 0.5), (0x10000, 0x40000, 1003, 1.5)]]
    assert len(scale_pair._entries) == 1


def test_a_stream_given_is_launched_on(lib):
    x, out = Tensor(0x10000), Tensor(0x20000)
    for stream in (None, None, 0x91, SimpleNamespace(cuda_stream=0x92), 0):
        scale[(1,)](x, out, 100, 2.0, BLOCK=128, stream=stream)
    assert [c[5] for c in _launches(lib)] == [0x70, 0x70, 0x91, 0x92, None]


def test_the_devices_context_is_made_current_where_another_is(lib):
    x, out = Tensor(0x10000), Tensor(0x20000)
    for _ in range(2):
        scale[(1,)](x, out, 100, 2.0, BLOCK=128)
    lib.lib.current = 0x1001                      # torch switched to device 1
    scale[(1,)](x, out, 100, 2.0, BLOCK=128)
    assert [c for c in lib.lib.calls if c[0] == "set current"] == [("set current", 0x1000)]
    assert lib.lib.current == 0x1000 and len(_launches(lib)) == 3


def test_a_fault_is_reported_and_every_later_launch_refused(lib):
    x, out = Tensor(0x10000), Tensor(0x20000)
    for _ in range(2):
        scale[(1,)](x, out, 100, 2.0, BLOCK=128)
    lib.lib.result = ILLEGAL_ADDRESS
    with pytest.raises(DeviceFaultError, match="faulted on the device: cuLaunchKernel failed: an illegal memory "
                                               "access was encountered"):
        scale[(1,)](x, out, 100, 2.0, BLOCK=128)
    lib.lib.result = 0
    with pytest.raises(DeviceFaultError, match="^CUDA kernel scale cannot run: the GPU is unusable"):
        scale[(1,)](x, out, 100, 2.0, BLOCK=128)
    assert len(_launches(lib)) == 3


def test_numpy_arrays_beside_tensors_are_still_staged(lib, monkeypatch):
    monkeypatch.setitem(context._state, "cuda", SimpleNamespace(
        mem_alloc=lambda n: Allocation(), memcpy_htod=lambda dev, host: None, memcpy_dtoh=lambda host, dev: None,
        Context=SimpleNamespace(synchronize=lambda: None)))
    out = Tensor(0x20000)
    for _ in range(3):
        scale[(1,)](np.ones(100, np.float32), out, 100, 2.0, BLOCK=128)
    assert [c[-1][:16] for c in _launches(lib)] == [struct.pack("<QQ", 0x50000, 0x20000)] * 3


class Allocation:
    """A device allocation's stand-in at 0x50000."""

    def __int__(self) -> int:
        return 0x50000

    def free(self) -> None:
        pass


class CupyDevice(NamedTuple):
    """cupy.cuda.Device's stand-in: `.id`, hashable."""

    id: int


class InterfaceArray:
    """A float32 array of device 0 that gives its address only by `__cuda_array_interface__` (as cupy's do)."""

    dtype = np.dtype(np.float32)
    device = CupyDevice(0)

    def __init__(self, address: int) -> None:
        self.address = address

    @property
    def __cuda_array_interface__(self) -> dict:
        return {"data": (self.address, False), "shape": (4096,), "typestr": "<f4", "version": 3}

    def __dlpack_device__(self) -> tuple[int, int]:
        return (2, 0)


def test_arrays_read_by_their_cuda_array_interface_launch_warm_too(lib, monkeypatch):
    out = InterfaceArray(0x20000)
    scale[(1,)](InterfaceArray(0x10000), out, 100, 2.0, BLOCK=128)
    scale[(1,)](InterfaceArray(0x10000), out, 100, 2.0, BLOCK=128)
    monkeypatch.setattr(SharedLauncher, "launch", None)
    scale[(1,)](InterfaceArray(0x30000), out, 100, 2.0, BLOCK=128)
    assert [(c[5], c[-1][:16]) for c in _launches(lib)] == [(None, struct.pack("<QQ", a, 0x20000))
                                                            for a in (0x10000, 0x10000, 0x30000)]
