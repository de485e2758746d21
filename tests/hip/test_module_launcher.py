"""The HIP module-API launcher through a stand-in for libamdhip64.so that records what it is given and runs the
vector add on its own 'device' buffers; where no HIP runtime exists, a launch says so."""
import ctypes
import struct

import numpy as np
import pytest

from amd_kernels import compile_for, vector_add
from pantile.targets.hip import runtime
from pantile.targets.launch.launcher import SharedLauncher
from pantile.targets.registry import get_target


class StandInHip:
    """The HIP calls the launcher makes, on host buffers standing in for device memory."""

    def __init__(self) -> None:
        self.buffers: dict[int, ctypes.Array] = {}
        self.loaded: list[int] = []
        self.launches: list[dict] = []
        self.freed: list[int] = []

    def hipInit(self, flags):
        return 0

    def hipGetDeviceCount(self, count):
        count._obj.value = 1
        return 0

    def hipGetErrorString(self, status):
        return None

    def hipModuleLoadData(self, module, image):
        self.loaded.append(ctypes.cast(image, ctypes.c_void_p).value)
        module._obj.value = 0x1000
        return 0

    def hipModuleGetFunction(self, fn, module, name):
        self.function = name
        fn._obj.value = 0x2000
        return 0

    def hipMalloc(self, ptr, nbytes):
        buf = ctypes.create_string_buffer(nbytes.value)
        self.buffers[ctypes.addressof(buf)] = buf
        ptr._obj.value = ctypes.addressof(buf)
        return 0

    def hipMemcpy(self, dst, src, nbytes, kind):
        ctypes.memmove(dst.value, src.value, nbytes.value)
        return 0

    def hipFree(self, ptr):
        del self.buffers[ptr.value]
        self.freed.append(ptr.value)
        return 0

    def hipDeviceSynchronize(self):
        return 0

    def hipModuleLaunchKernel(self, fn, gx, gy, gz, bx, by, bz, shared, stream, params, extra):
        assert extra[0] == runtime.HIP_LAUNCH_PARAM_BUFFER_POINTER and extra[2] == runtime.HIP_LAUNCH_PARAM_BUFFER_SIZE
        assert extra[4] == runtime.HIP_LAUNCH_PARAM_END and params is None
        size = ctypes.c_size_t.from_address(extra[3]).value
        kernargs = ctypes.string_at(extra[1], size)
        self.launches.append({"grid": (gx.value, gy.value, gz.value), "block": (bx.value, by.value, bz.value),
                              "kernargs": kernargs})
        x, y, out, n = struct.unpack_from("<QQQi", kernargs)     # run the vector add on the stand-in memory
        view = lambda addr: np.ctypeslib.as_array((ctypes.c_float * n).from_address(addr))  # noqa: E731
        view(out)[:] = view(x) + view(y)
        return 0


@pytest.fixture(scope="module")
def artifact():
    return compile_for("hip:gfx942", vector_add, ["*fp32", "*fp32", "*fp32", "i32"], {"BLOCK": 256})


def test_a_launch_passes_the_packed_kernargs_and_copies_results_back(artifact):
    lib = StandInHip()
    launch = SharedLauncher(runtime.HipRuntime(lib), artifact)
    assert ctypes.string_at(lib.loaded[0], len(artifact.binary)) == artifact.binary
    assert lib.function == b"vector_add"
    x, y = np.arange(1000, dtype=np.float32), np.full(1000, 0.5, dtype=np.float32)
    out = np.zeros(1000, dtype=np.float32)
    launch((4, 1, 1), [x, y, out, 1000])
    np.testing.assert_array_equal(out, x + 0.5)
    (call,) = lib.launches
    assert call["grid"] == (4, 1, 1) and call["block"] == (256, 1, 1)      # 4 waves of 64 lanes
    pointers = struct.unpack_from("<QQQ", call["kernargs"])
    assert call["kernargs"] == struct.pack("<QQQi", *pointers, 1000)                  # the explicit arguments
    assert len({*pointers}) == 3 and all(p in lib.freed for p in pointers)           # one staged buffer each
    assert lib.buffers == {}                                              # every staging buffer freed


def test_without_a_hip_runtime_a_launch_says_so(artifact, monkeypatch):
    def no_library(path):
        raise OSError(f"{path}: cannot open shared object file")
    monkeypatch.setattr(runtime.ctypes, "CDLL", no_library)
    runtime.hip_runtime.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"cannot run vector_add on hip:gfx942: no HIP runtime was found "
                                               r"\(libamdhip64.so could not be loaded"):
            get_target("hip:gfx942").launcher(artifact)
    finally:
        runtime.hip_runtime.cache_clear()


class HipWithoutAGpu(StandInHip):
    """A HIP library on a machine with no AMD GPU (the H100 machine has one): hipInit fails."""

    def hipInit(self, flags):
        return 100

    def hipGetErrorString(self, status):
        return b"no ROCm-capable device is detected"


def test_a_hip_library_without_an_amd_gpu_makes_the_target_unavailable_not_a_crash():
    with pytest.raises(runtime.HipUnavailable, match=r"^the HIP runtime \(libamdhip64.so\) found no AMD GPU: "
                                                     r"hipInit failed with HIP error 100: no ROCm-capable device"):
        runtime.HipRuntime(HipWithoutAGpu())


def test_a_hip_error_names_the_call_status_and_the_runtimes_words():
    rt = runtime.HipRuntime(StandInHip())
    rt.lib.hipMalloc = lambda ptr, nbytes: 2
    rt.lib.hipGetErrorString = lambda status: b"out of memory"
    with pytest.raises(runtime.HipError, match=r"^hipMalloc failed with HIP error 2: out of memory$"):
        rt.alloc(16)
