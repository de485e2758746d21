"""The ctypes driver calls of the CUDA runtime (targets/cuda/libcuda.py) against a stand-in libcuda whose functions
are C callbacks with libcuda's signatures, so every argument crosses ctypes as it would to the driver (no GPU)."""
import ctypes

import pytest

from pantile.targets.cuda import context
from pantile.targets.cuda.libcuda import DriverCallError, LibCuda

ILLEGAL_ADDRESS = 700   # CUDA_ERROR_ILLEGAL_ADDRESS
LAUNCH = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, *[ctypes.c_uint] * 7, *[ctypes.c_void_p] * 3)


class StandInLibrary:
    """libcuda's calls: device d's primary context is 0x1000 + d, functions are 0x2000 + their count; each call is
    recorded, and `result` is what cuLaunchKernel returns."""

    def __init__(self) -> None:
        self.calls, self.current, self.result, self.capturing = [], 0x1000, 0, set()
        self.cuLaunchKernel = LAUNCH(self._launch)

    def _launch(self, function, gx, gy, gz, bx, by, bz, shared, stream, params, extra):
        words = (ctypes.c_void_p * 5).from_address(extra)
        size = ctypes.c_size_t.from_address(words[3]).value
        self.calls.append(("launch", function, (gx, gy, gz), (bx, by, bz), shared, stream, params,
                           (words[0], words[2], words[4]), ctypes.string_at(words[1], size)))
        return self.result

    def cuDeviceGet(self, handle, ordinal):
        handle._obj.value = ordinal
        return 0

    def cuDeviceGetCount(self, count):
        count._obj.value = 2
        return 0

    def cuDevicePrimaryCtxRetain(self, ctx, device):
        ctx._obj.value = 0x1000 + device.value
        self.calls.append(("retain", device.value))
        return 0

    def cuCtxGetCurrent(self, ctx):
        ctx._obj.value = self.current
        return 0

    def cuCtxSetCurrent(self, ctx):
        self.current = ctx.value
        self.calls.append(("set current", ctx.value))
        return 0

    def cuModuleLoadData(self, module, image):
        module._obj.value = 0x3000
        self.calls.append(("load", image.value))
        return 0

    def cuModuleGetFunction(self, function, module, name):
        function._obj.value = 0x2000 + len(self.calls)
        self.calls.append(("function", module.value, name))
        return 0

    def cuFuncSetAttribute(self, function, attribute, value):
        self.calls.append(("attribute", attribute, value))
        return 0

    def cuStreamIsCapturing(self, stream, status):
        status._obj.value = 1 if stream.value in self.capturing else 0
        return 0

    def cuGetErrorString(self, result, words):
        words._obj.value = b"an illegal memory access was encountered" if result == ILLEGAL_ADDRESS else None
        return 0


@pytest.fixture
def lib():
    return LibCuda(StandInLibrary())


def test_a_device_context_is_retained_once_and_made_current_only_where_another_is(lib):
    lib.use(0)
    lib.use(1)
    lib.use(1)
    lib.lib.current = 0x1000          # torch switched back to device 0
    lib.use(1)
    assert lib.lib.calls == [("retain", 0), ("retain", 1), ("set current", 0x1001), ("set current", 0x1001)]


def test_the_gpus_are_counted_by_the_driver(lib):
    assert lib.device_count() == 2


def test_a_module_is_loaded_and_its_function_opts_into_dynamic_shared_memory(lib):
    function = lib.load(b"cubin", "k", 100_000)
    assert lib.lib.calls == [("load", b"cubin"), ("function", 0x3000, b"k"), ("attribute", 8, 100_000)]
    assert function.value == 0x2001
    lib.load(b"ptx", "k", 0)
    assert [c[0] for c in lib.lib.calls[3:]] == ["load", "function"]


def test_a_launch_passes_the_packed_buffer_through_extra_on_the_stream_given(lib):
    buffer = ctypes.create_string_buffer(b"\x01\x02\x03\x04\x05\x06\x07\x08\x09", 12)
    function = ctypes.c_void_p(0x2001)
    for stream in (0x70, 0):
        lib.launch(function, (3, 2, 1), 128, 4096, stream, ctypes.addressof(buffer), 12)
    first, second = lib.lib.calls
    assert first == ("launch", 0x2001, (3, 2, 1), (128, 1, 1), 4096, 0x70, None, (1, 2, None), buffer.raw)   # the list ends in NULL
    assert second[5] is None and second[-1] == buffer.raw   # stream 0: the default stream (NULL)


def test_a_failed_launch_raises_the_drivers_words_which_tell_a_fault(lib):
    buffer = ctypes.create_string_buffer(8)
    lib.lib.result = ILLEGAL_ADDRESS
    with pytest.raises(DriverCallError) as info:
        lib.launch(ctypes.c_void_p(1), (1, 1, 1), 32, 0, 0, ctypes.addressof(buffer), 8)
    assert str(info.value) == "cuLaunchKernel failed: an illegal memory access was encountered"
    assert context.is_sticky(info.value)


def test_capture_is_asked_of_the_stream(lib):
    lib.lib.capturing.add(0x70)
    assert lib.is_capturing(0x70) and not lib.is_capturing(0x71)
