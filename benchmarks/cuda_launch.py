"""Host time of one warm launch on a CUDA GPU: pantile beside Triton and torch.add in one process, and what each
Python entry point to cuLaunchKernel costs.

    python benchmarks/cuda_launch.py [--out FILE.json] [--label NAME] [--launches N] [--repeats R]

Needs torch, triton and pycuda (cupy and cuda-bindings are measured where installed, and said to be missing
otherwise). Two parts, every figure the median of REPEATS runs, the runs of all entries interleaved:

1. Whole launches (issue #15's acceptance): a kernel that does almost nothing, launched LAUNCHES times back to
   back on one program, the wall time to the end of the last (synchronised) divided by the count: the GPU
   finishes each launch long before the host issues the next, so the figure is the host's cost of a launch.
   One tensor, and six tensors with three scalars (layer norm's signature); pantile and Triton on torch tensors,
   pantile on cupy arrays, torch.add on the same tensors. Each one-tensor entry is first checked to run every
   launch (N launches add N to x[0]).
2. Driver entry points: pantile's compiled one-tensor kernel launched with its packed parameter buffer through
   pantile's shared launcher, through libcuda by ctypes as pantile calls it (no argtypes) and with declared
   argtypes, through pycuda's Function._launch_kernel and through cuda-bindings' cuLaunchKernel.

Writes benchmarks/results/cuda-launch-<date>.json unless --out says where.
"""
from __future__ import annotations

import ctypes
import statistics
import struct
import sys
from pathlib import Path
from typing import Any, Callable, Optional

from launch_kernels import launch_arguments, pantile_one, pantile_six, per_launch_us
from records import host_fields, write_record

HERE = Path(__file__).resolve().parent


def check_counts(launch: Callable[[], Any], counter: Any, count: int) -> None:
    """Launch `count` times; RuntimeError unless each launch added one to counter[0]."""
    import torch
    torch.cuda.synchronize()
    before = float(counter[0])
    for _ in range(count):
        launch()
    torch.cuda.synchronize()
    if float(counter[0]) != before + count:
        raise RuntimeError(f"{count} launches added {float(counter[0]) - before} to x[0], not {count}")


def whole_launches(launches: int) -> dict[str, dict[str, Callable[[], Any]]]:
    """Part 1's entries: case -> implementation -> one launch (each one-tensor entry checked to run every launch)."""
    import torch
    from launch_kernels_triton import triton_one, triton_six
    x = torch.zeros(1024, device="cuda")
    ys = [torch.zeros(1024, device="cuda") for _ in range(6)]
    cases: dict[str, dict[str, Callable[[], Any]]] = {
        "one_tensor": {"pantile": lambda: pantile_one[(1,)](x, 1, BLOCK=128),
                       "triton": lambda: triton_one[(1,)](x, 1, BLOCK=128),
                       "torch.add": lambda: torch.add(x, 1.0, out=x)},
        "six_tensors": {"pantile": lambda: pantile_six[(1,)](*ys, 1024, 1, 1e-5, BLOCK=128),
                        "triton": lambda: triton_six[(1,)](*ys, 1024, 1, 1e-5, BLOCK=128),
                        "torch.add": lambda: torch.add(ys[1], ys[2], out=ys[0])}}
    for launch in cases["one_tensor"].values():   # each adds one to x[0] per launch
        check_counts(launch, x, launches)
    try:
        import cupy
    except ImportError:
        print("cupy is not installed: no cupy figures", flush=True)
        return cases
    cx = cupy.zeros(1024, dtype=cupy.float32)
    cys = [cupy.zeros(1024, dtype=cupy.float32) for _ in range(6)]
    cases["one_tensor"]["pantile_cupy"] = lambda: pantile_one[(1,)](cx, 1, BLOCK=128)
    cases["six_tensors"]["pantile_cupy"] = lambda: pantile_six[(1,)](*cys, 1024, 1, 1e-5, BLOCK=128)
    check_counts(cases["one_tensor"]["pantile_cupy"], cx, launches)
    return cases


def driver_entries() -> dict[str, Callable[[], Any]]:
    """Part 2's entries: the compiled one-tensor kernel launched on the default stream by each entry point (each
    checked to run every launch; one that cannot launch here is reported and left out)."""
    import torch
    x = torch.zeros(1024, device="cuda")
    compiled = pantile_one[(1,)](x, 1, BLOCK=128)
    torch.cuda.synchronize()
    launcher = compiled._variant.launcher            # the shared launcher of the variant just compiled
    kernel = launcher.kernel                         # its CudaKernel: image, name, threads, function per device
    function = kernel.functions[0]
    size = kernel.param_bytes
    buffer = (ctypes.c_char * size)()
    struct.pack_into("<Q", buffer, 0, x.data_ptr())
    length = ctypes.c_size_t(size)
    extra = (ctypes.c_void_p * 5)(1, ctypes.addressof(buffer), 2, ctypes.addressof(length), 0)
    lib = ctypes.CDLL("libcuda.so.1")
    plain = lib.cuLaunchKernel
    typed = ctypes.CDLL("libcuda.so.1").cuLaunchKernel   # another handle: argtypes are per function object
    typed.argtypes = [ctypes.c_void_p] + [ctypes.c_uint] * 7 + [ctypes.c_void_p] * 3
    threads, shared = kernel.threads, kernel.shared
    entries: dict[str, Callable[[], Any]] = {
        "pantile_shared_launcher": lambda: launcher.launch((1, 1, 1), [x], [x.data_ptr()], 0),
        "ctypes_no_argtypes": lambda: plain(function, 1, 1, 1, threads, 1, 1, shared, None, None, extra),
        "ctypes_argtypes": lambda: typed(function, 1, 1, 1, threads, 1, 1, shared, None, None, extra),
    }
    from pantile.targets.cuda.context import driver
    cuda = driver()          # pycuda, in the primary context pantile loads its modules into
    pycuda_function = cuda.module_from_buffer(kernel.image).get_function(kernel.name)
    params = bytes(buffer)
    entries["pycuda_launch_kernel"] = lambda: pycuda_function._launch_kernel((1, 1, 1), (threads, 1, 1), params,
                                                                             shared, None)
    bindings = _cuda_bindings()
    if bindings is None:
        print("cuda-bindings is not installed: no cuda-bindings figure", flush=True)
    else:
        cu_function, cu_stream, address = bindings.CUfunction(function.value), bindings.CUstream(0), \
            ctypes.addressof(extra)
        entries["cuda_bindings"] = lambda: bindings.cuLaunchKernel(cu_function, 1, 1, 1, threads, 1, 1, shared,
                                                                   cu_stream, 0, address)
    checked = {}
    for name, launch in entries.items():
        try:
            check_counts(launch, x, 10)
            checked[name] = launch
        except Exception as err:     # an entry point that cannot launch here is reported, not timed
            print(f"{name}: not measured: {type(err).__name__}: {err}", flush=True)
    return checked


def _cuda_bindings() -> Optional[Any]:
    """cuda-bindings' driver module (cuda.bindings.driver; cuda.cuda in releases before 12.6), or None. Imported
    with this folder off sys.path: its cuda.py would be found as the package `cuda`."""
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    try:
        from cuda.bindings import driver as bindings
    except ImportError:
        try:
            from cuda import cuda as bindings
        except ImportError:
            return None
    finally:
        sys.path[:] = saved
    return bindings


def interleaved(entries: dict[str, Callable[[], Any]], launches: int, repeats: int) -> dict[str, float]:
    """Median microseconds per launch of each entry, one run of each entry per round."""
    import torch
    runs: dict[str, list[float]] = {name: [] for name in entries}
    for launch in entries.values():
        launch()
    torch.cuda.synchronize()
    for _ in range(repeats):
        for name, launch in entries.items():
            runs[name].append(per_launch_us(launch, launches, finish=torch.cuda.synchronize))
    return {name: statistics.median(times) for name, times in runs.items()}


def main() -> None:
    """Measure both parts, print and record them."""
    args = launch_arguments(__doc__, "cuda-launch", launches=5000, repeats=9)
    import torch
    import triton
    flat = {f"{case}/{name}": launch for case, runs in whole_launches(args.launches).items()
            for name, launch in runs.items()}
    times = interleaved(flat, args.launches, args.repeats)
    results: dict[str, Any] = {}
    for key, us in times.items():
        case, name = key.split("/")
        results.setdefault(case, {"us_per_launch": {}})["us_per_launch"][name] = us
    for case, figures in results.items():
        us = figures["us_per_launch"]
        figures["pantile/triton"] = us["pantile"] / us["triton"]
        if "pantile_cupy" in us:
            figures["pantile_cupy/triton"] = us["pantile_cupy"] / us["triton"]
        print(f"{args.label:4s} {case:12s} " + "  ".join(f"{name} {v:6.2f} us" for name, v in us.items()) +
              f"  pantile/triton {figures['pantile/triton']:.2f}", flush=True)
    entries = interleaved(driver_entries(), args.launches, args.repeats)
    print(f"{args.label:4s} driver entry points, us per launch: " +
          "  ".join(f"{name} {us:.2f}" for name, us in entries.items()), flush=True)
    write_record({**host_fields(), "gpu": torch.cuda.get_device_name(), "label": args.label,
                  "versions": {"torch": torch.__version__, "triton": triton.__version__},
                  "launches": args.launches, "repeats": args.repeats, "results": results,
                  "driver_entry_us_per_launch": entries}, args.out, "cuda-launch")


if __name__ == "__main__":
    main()
