"""Host time of pantile's warm CUDA launch without a GPU: everything pantile does in Python per launch, from
`kernel[grid](...)` to the cuLaunchKernel call, against a stand-in driver.

    python benchmarks/cuda_launch_host.py [--out FILE.json] [--label NAME] [--launches N] [--repeats R] [--profile]

The stand-in driver is a libcuda compiled here with cc whose calls succeed and do nothing else (cuLaunchKernel
counts the launches and keeps the first word of the parameter buffer); pycuda and torch are stand-ins too: device 0
with an H100's limits, and tensors whose `data_ptr()` and whose torch's current-stream getter are C functions (a
real torch tensor's reads cost more: they are outside what this measures). The kernels are cuda_launch.py's
(one tensor; six tensors and three scalars), and the tensor-descriptor matmul of pantile.examples.matmul on
three TensorDescriptors of 4096x4096 f16 tensors (`descriptors`: its A and B tiles loaded and its C tiles stored
by TMA, so each launch passes three CUtensorMaps), compiled for sm_90a by ptxas. Beside them, `floor`: the one
cuLaunchKernel call by ctypes as pantile makes it, the least a Python launch can cost. Each figure is the lowest
and the median of REPEATS runs of LAUNCHES launches, the entries interleaved, in the thread's CPU time (steadier
on a shared machine) and in wall time. Each run is checked to reach the driver once per launch with the tensor's
address; the record also says how many tensor maps each entry encodes per warm launch. --profile prints
cProfile's table of the one-tensor launch instead.

Writes benchmarks/results/cuda-launch-host-<date>.json unless --out says where.
"""
from __future__ import annotations

import cProfile
import ctypes
import itertools
import operator
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any, Callable, NamedTuple

import numpy as np

from launch_kernels import launch_arguments, pantile_one, pantile_six
from records import host_fields, write_record

from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.tools.tensor_descriptor import TensorDescriptor

STAND_IN_DRIVER = r"""
#include <stddef.h>
#include <string.h>
long launches = 0, encodes = 0;
unsigned long long first_word = 0;
int cuDeviceGet(int *device, int ordinal) { *device = ordinal; return 0; }
int cuDeviceGetCount(int *count) { *count = 1; return 0; }
int cuDevicePrimaryCtxRetain(void **context, int device) { *context = (void *)0x1000; return 0; }
int cuCtxGetCurrent(void **context) { *context = (void *)0x1000; return 0; }
int cuCtxSetCurrent(void *context) { return 0; }
int cuModuleLoadData(void **module, const void *image) { *module = (void *)0x3000; return 0; }
int cuModuleGetFunction(void **function, void *module, const char *name) { *function = (void *)0x2000; return 0; }
int cuFuncSetAttribute(void *function, int attribute, int value) { return 0; }
int cuStreamIsCapturing(void *stream, int *status) { *status = 0; return 0; }
int cuGetErrorString(int result, const char **words) { *words = "stand-in error"; return 0; }
int cuTensorMapEncodeTiled(void *map, int type, unsigned rank, void *address, const void *dims, const void *strides,
                           const void *box, const void *element_strides, int interleave, int swizzle, int l2,
                           int fill) {
    encodes++;
    memset(map, 0, 128);
    memcpy(map, &address, 8);
    return 0;
}
int cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void *stream, void **params, void **extra) {
    launches++;
    if (extra != NULL) memcpy(&first_word, extra[1], 8);
    else if (params != NULL) memcpy(&first_word, params[0], 8);
    return 0;
}
"""
H100 = {"name": "stand-in H100", "capability": (9, 0), "max_threads": 1024, "max_grid": (2**31 - 1, 65535, 65535),
        "max_shared_optin": 232448, "registers_per_block": 65536, "sm_count": 132}


class Device(NamedTuple):
    """torch.device's stand-in (hashable, as torch's is)."""

    type: str
    index: int


class StandInTensor:
    """A float32 CUDA tensor of device 0 at `address`: its `data_ptr()` and its class's `data_ptr(tensor)` are C
    functions, as torch's are."""

    dtype = np.dtype(np.float32)
    device = Device("cuda", 0)
    data_ptr = operator.attrgetter("address")     # StandInTensor.data_ptr(tensor)

    def __init__(self, address: int) -> None:
        self.address = address
        self.data_ptr = itertools.repeat(address).__next__     # tensor.data_ptr()

    def __dlpack_device__(self) -> tuple[int, int]:
        return (2, 0)     # kDLCUDA, device 0


class StandInHalfTensor(StandInTensor):
    """A float16 CUDA tensor of device 0 at `address`."""

    dtype = np.dtype(np.float16)


def descriptor_entry(address: int, size: int = 4096) -> Callable[[], Any]:
    """A launch of the descriptor matmul on descriptors of size x size f16 tensors at `address` and after (A and
    B tiles of [128, 64] and [64, 128], C's of [128, 128]), made once, as the tutorial's host does."""
    a, b, c = (StandInHalfTensor(address + i * 2 * size * size) for i in range(3))
    descs = [TensorDescriptor(t, (size, size), (size, 1), block) for t, block in
             ((a, (128, 64)), (b, (64, 128)), (c, (128, 128)))]
    return lambda: descriptor_matmul_kernel[(1,)](*descs, size, size, size, BLOCK_M=128, BLOCK_N=128, BLOCK_K=64,
                                                  GROUP_M=8)


def encodes_per_launch(launch: Callable[[], Any], lib: ctypes.CDLL, count: int) -> float:
    """cuTensorMapEncodeTiled calls per launch over `count` launches."""
    encodes = ctypes.c_long.in_dll(lib, "encodes")
    before = encodes.value
    for _ in range(count):
        launch()
    return (encodes.value - before) / count


def stand_in_driver(folder: Path) -> ctypes.CDLL:
    """The stand-in libcuda, compiled into `folder`, made the driver pantile's CUDA target uses (with stand-ins for
    pycuda's device 0 and for torch's current-stream getter)."""
    source, library = folder / "libcuda.c", folder / "libcuda.so.1"
    source.write_text(STAND_IN_DRIVER)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    lib = ctypes.CDLL(str(library))
    from pantile.targets.cuda import context
    from pantile.targets.cuda.libcuda import LibCuda
    context._state.update(cuda=types.SimpleNamespace(), limits=H100, lib=LibCuda(lib))
    sys.modules["torch"] = types.SimpleNamespace(_C=types.SimpleNamespace(_cuda_getCurrentRawStream=abs))
    return lib


def floor_entry(lib: ctypes.CDLL) -> Callable[[], Any]:
    """One cuLaunchKernel by ctypes with the arguments pantile passes (no argtypes, a packed buffer)."""
    buffer = (ctypes.c_char * 8)()
    size = ctypes.c_size_t(8)
    extra = (ctypes.c_void_p * 5)(1, ctypes.addressof(buffer), 2, ctypes.addressof(size), 0)
    function, call = ctypes.c_void_p(0x2000), lib.cuLaunchKernel
    return lambda: call(function, 1, 1, 1, 128, 1, 1, 0, None, None, extra)


def timed(launch: Callable[[], Any], count: int, clock: Callable[[], int]) -> float:
    """Microseconds of `clock` (nanoseconds) per launch over `count` launches."""
    start = clock()
    for _ in range(count):
        launch()
    return (clock() - start) / count / 1e3


def checked(name: str, launch: Callable[[], Any], lib: ctypes.CDLL, address: int, count: int) -> None:
    """Launch `count` times; RuntimeError unless each reached the driver once with `address` first."""
    launches = ctypes.c_long.in_dll(lib, "launches")
    before = launches.value
    for _ in range(count):
        launch()
    first = ctypes.c_ulonglong.in_dll(lib, "first_word").value
    if launches.value - before != count or (address and first != address):
        raise RuntimeError(f"{name}: {count} launches made {launches.value - before} driver calls, the last with "
                           f"{first:#x} first, not {address:#x}")


def main() -> None:
    """Measure, print and record (or profile)."""
    args = launch_arguments(__doc__, "cuda-launch-host", launches=100_000, repeats=9,
                            flags=(("--profile", "print cProfile's table of the one-tensor launch instead"),))
    with tempfile.TemporaryDirectory() as folder:
        lib = stand_in_driver(Path(folder))
        x = StandInTensor(0x7000_0000)
        ys = [StandInTensor(0x7000_0000 + 0x1000 * i) for i in range(6)]
        entries = {"one_tensor": lambda: pantile_one[(1,)](x, 1, BLOCK=128),
                   "six_tensors": lambda: pantile_six[(1,)](*ys, 1024, 1, 1e-5, BLOCK=128),
                   "descriptors": descriptor_entry(0x7000_0000), "floor": floor_entry(lib)}
        for name, launch in entries.items():
            launch()         # compiled (ptxas) and loaded before timing
            checked(name, launch, lib, 0 if name == "floor" else 0x7000_0000, 1000)
        encodes = {name: encodes_per_launch(launch, lib, 100) for name, launch in entries.items()}
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(timed, entries["one_tensor"], args.launches, time.perf_counter_ns)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
            return
        clocks = {"thread_cpu": time.thread_time_ns, "wall": time.perf_counter_ns}
        runs: dict = {(name, clock): [] for name in entries for clock in clocks}
        for _ in range(args.repeats):
            for name, launch in entries.items():
                for clock, read in clocks.items():
                    runs[name, clock].append(timed(launch, args.launches, read))
    results = {name: {**{clock: {"min_us": min(runs[name, clock]), "median_us": statistics.median(runs[name, clock])}
                         for clock in clocks}, "tensor_map_encodes_per_launch": encodes[name]} for name in entries}
    for name, figures in results.items():
        print(f"{args.label:4s} {name:12s} " + "  ".join(f"{clock} min {figures[clock]['min_us']:6.2f} us median "
                                                         f"{figures[clock]['median_us']:6.2f} us" for clock in clocks)
              + f"  encodes/launch {figures['tensor_map_encodes_per_launch']:.2f}")
    write_record({**host_fields(), "driver": "stand-in libcuda compiled here (calls succeed and do nothing), "
                  "stand-in torch tensors and pycuda: no GPU", "label": args.label, "launches": args.launches,
                  "repeats": args.repeats, "results": results}, args.out, "cuda-launch-host")


if __name__ == "__main__":
    main()
