"""The shared launcher over a recording stand-in device runtime: what a launch asks of the driver, how scalars
are packed, which arrays are staged and copied back, and the errors a bad argument gets (no device needed)."""
import struct

import numpy as np
import pytest

from pantile.ir import PointerType, ScalarType, f32, i32
from pantile.targets.base import ArgSpec, Artifact, DeviceFaultError
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.launch.runtime import DeviceRuntime

SPECS = (ArgSpec("x", PointerType(f32)), ArgSpec("out", PointerType(f32), writes=True), ArgSpec("n", i32),
         ArgSpec("scale", ScalarType("bf16")), ArgSpec("mask", ScalarType("u8")))
ARTIFACT = Artifact("standin:1", "k", "none", b"", SPECS)


class Recording(DeviceRuntime):
    """Device memory as bytearrays at made-up addresses; the 'kernel' writes 1.0 through `out` and records
    the packed parameters."""

    arrays = "a numpy array"

    def __init__(self, fail: Exception = None) -> None:
        self.calls, self.asked, self.memory, self.fail = [], [], {}, fail

    def load(self, artifact):
        self.calls.append("load")
        return "kernel"

    def reader(self, array):
        self.asked.append(type(array))
        return super().reader(array) if isinstance(array, np.ndarray) else None

    def alloc(self, nbytes):
        address = 0x10000 * (len(self.memory) + 1)
        self.memory[address] = bytearray(nbytes)
        self.calls.append("alloc")
        return address

    def copy_in(self, allocation, host):
        self.memory[allocation][:host.nbytes] = host.tobytes()
        self.calls.append("in")

    def copy_out(self, host, allocation):
        host[:] = np.frombuffer(bytes(self.memory[allocation]), np.uint8)[:host.nbytes]
        self.calls.append("out")

    def free(self, allocation):
        del self.memory[allocation]
        self.calls.append("free")

    def launch(self, kernel, grid, params, stream):
        self.calls.append(("launch", grid, bytes(params.buffer)))
        if self.fail is not None:
            raise self.fail
        out = params.values[1]
        self.memory[out & ~0xFFFF][out & 0xFFFF:] = np.ones(4, np.float32).tobytes()

    def fault(self, error, kernel, launched):
        return DeviceFaultError(f"{kernel} faulted: {error}") if "illegal" in str(error) else None


def test_a_launch_stages_arrays_packs_scalars_and_copies_written_spans_back():
    runtime = Recording()
    launch = SharedLauncher(runtime, ARTIFACT)
    x, out = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    launch((2, 1, 1), [x, out, 7, 1 + 3 * 2**-8, -1])
    (_, grid, packed), = [c for c in runtime.calls if isinstance(c, tuple)]
    # x and out in their own copies (staged in address order); n; bf16 rounded to nearest even (0x3F82, where truncating gives 0x3F81); -1
    # wrapped to u8; each field at its natural alignment (a C struct)
    x_at, out_at = (0x10000, 0x20000) if x.ctypes.data < out.ctypes.data else (0x20000, 0x10000)  # by address
    assert grid == (2, 1, 1) and packed == struct.pack("<QQiHB", x_at, out_at, 7, 0x3F82, 255)
    assert runtime.calls[:5] == ["load", "alloc", "in", "alloc", "in"]
    assert runtime.calls[6:] == ["out", "free", "free"]     # only the written span comes back; both freed
    assert (out == 1).all() and (x == np.arange(4)).all() and runtime.memory == {}


def test_views_of_one_array_share_one_copy_at_their_offsets():
    runtime = Recording()
    base = np.zeros(8, np.float32)
    SharedLauncher(runtime, ARTIFACT)((1, 1, 1), [base[2:], base[4:], 1, 1.0, 0])
    (_, _, packed), = [c for c in runtime.calls if isinstance(c, tuple)]
    assert struct.unpack_from("<QQ", packed) == (0x10000, 0x10000 + 8)   # one span, from base[2] to the end
    assert runtime.calls.count("alloc") == 1 and (base == [0, 0, 0, 0, 1, 1, 1, 1]).all()


def test_each_array_type_is_asked_of_the_runtime_once():
    runtime = Recording()
    launch = SharedLauncher(runtime, ARTIFACT)
    for _ in range(3):
        launch((1, 1, 1), [np.zeros(4, np.float32), np.zeros(4, np.float32), 4, 1.0, 0])
    assert runtime.asked == [np.ndarray]


def test_bad_arguments_are_refused_by_name_before_anything_moves():
    runtime = Recording()
    launch = SharedLauncher(runtime, ARTIFACT)
    x = np.zeros(4, np.float32)
    with pytest.raises(TypeError, match=r"^k takes 5 runtime arguments \(x, out, n, scale, mask\), got 2$"):
        launch((1, 1, 1), [x, x])
    with pytest.raises(TypeError, match="^argument 'out' of k must be a numpy array on standin:1, got list$"):
        launch((1, 1, 1), [x, [0.0], 4, 1.0, 0])
    with pytest.raises(TypeError, match=r"^argument 'n' of k is 1099511627776, which a parameter of type i32 "
                                        r"cannot take \("):
        launch((1, 1, 1), [x, x, 2**40, 1.0, 0])
    launch((0, 1, 1), [x, x, 4, 1.0, 0])                       # an empty grid launches nothing
    assert runtime.calls == ["load", "alloc", "in", "free"]    # the copy made before the bad scalar is freed


def test_a_driver_fault_is_raised_as_the_runtime_reports_it_and_the_copies_are_freed():
    runtime = Recording(fail=RuntimeError("an illegal memory access was encountered"))
    x = np.zeros(4, np.float32)
    with pytest.raises(DeviceFaultError, match="^kernel faulted: an illegal memory access was encountered$"):
        SharedLauncher(runtime, ARTIFACT)((1, 1, 1), [x, x.copy(), 4, 1.0, 0])
    assert runtime.calls[-2:] == ["free", "free"] and runtime.memory == {}
    other = Recording(fail=RuntimeError("out of memory"))
    with pytest.raises(RuntimeError, match="^out of memory$"):
        SharedLauncher(other, ARTIFACT)((1, 1, 1), [x, x.copy(), 4, 1.0, 0])
