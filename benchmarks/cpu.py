"""CPU target beside numpy, in one process: vector add, softmax, matmul, cold compile, launch overhead (two pointers
and a tuple of them).

    python benchmarks/cpu.py            # writes benchmarks/results/cpu-<date>.json
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import pantile
import pantile.language as tl
from pantile.examples.matmul import matmul
from pantile.examples.softmax import reference as softmax_numpy
from pantile.examples.softmax import softmax
from pantile.examples.vector_add import add, add_kernel

RESULTS = Path(__file__).resolve().parent / "results"

_COLD = """
import time
t0 = time.perf_counter()
import numpy as np
from pantile.examples.vector_add import add
t1 = time.perf_counter()
x = np.ones(4096, dtype=np.float32)
assert (add(x, x) == 2).all()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, time.time(), flush=True)
"""
COLD_RUNS = 5
WARM_REPEATS, WARM_LAUNCHES = 9, 20000


def bench(fn) -> float:
    """Mean milliseconds of fn."""
    return pantile.testing.do_bench(fn, warmup=50, rep=300)


def _cold_run(env: dict) -> dict:
    """One new process with an empty kernel cache: seconds from its start to the verified result, to its
    exit, and the split inside it (imports; compile and first launch)."""
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryFile("w+") as out:
        started = time.time()
        proc = subprocess.Popen([sys.executable, "-c", _COLD], env={**env, "PANTILE_CACHE_DIR": cache}, stdout=out)
        # Wait for the process, not for its stdout to close: the compile server it forked holds it a moment longer.
        if proc.wait() != 0:
            raise RuntimeError("the cold-compile process failed")
        exited = time.time()
        out.seek(0)
        imported, compiled, done = (float(v) for v in out.read().split())
    return {"to_result": done - started, "to_exit": exited - started, "import": imported,
            "compile_and_first_launch": compiled}


def cold_compile_seconds() -> dict:
    """Vector add compiled in new processes with an empty cache (median of COLD_RUNS): with Python's
    bytecode of pantile cached, as after any first import, and without it (PYTHONDONTWRITEBYTECODE)."""
    result = {}
    with tempfile.TemporaryDirectory() as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached = {**env, "PYTHONPYCACHEPREFIX": pycache}
        _cold_run(cached)  # writes the bytecode
        for name, run_env in (("bytecode_cached", cached), ("no_bytecode", {**env, "PYTHONDONTWRITEBYTECODE": "1"})):
            runs = [_cold_run(run_env) for _ in range(COLD_RUNS)]
            result[name] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            result[name]["to_result_range"] = [min(r["to_result"] for r in runs), max(r["to_result"] for r in runs)]
    return result


@pantile.jit
def add_pair_kernel(xy, out_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    """Vector add of a tuple (x, y) of pointers: the launch of a tuple argument beside add_kernel's two pointers."""
    offs = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n_elements
    x_ptr, y_ptr = xy
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask) + tl.load(y_ptr + offs, mask=mask), mask=mask)


def warm_launch_overhead_us() -> dict:
    """Microseconds of one whole `kernel[grid](...)` call of vector add on 16 elements (negligible work), with x
    and y as two pointers and as one tuple, interleaved: the median, lowest and highest of WARM_REPEATS means over
    WARM_LAUNCHES launches of each."""
    x = np.ones(16, dtype=np.float32)
    out = np.empty_like(x)
    launches = {"pointers": lambda: add_kernel[(1,)](x, x, out, 16, BLOCK_SIZE=16),
                "tuple": lambda: add_pair_kernel[(1,)]((x, x), out, 16, BLOCK_SIZE=16)}
    means: dict = {name: [] for name in launches}
    for launch in launches.values():
        launch()
    for _ in range(WARM_REPEATS):
        for name, launch in launches.items():
            t0 = time.perf_counter()
            for _ in range(WARM_LAUNCHES):
                launch()
            means[name].append((time.perf_counter() - t0) / WARM_LAUNCHES * 1e6)
    np.testing.assert_array_equal(out, x + x)
    return {name: {"median": statistics.median(m), "min": min(m), "max": max(m)} for name, m in means.items()}


def main() -> None:
    load_before = os.getloadavg()   # other work on the machine slows every figure below: it is recorded with them
    rng = np.random.default_rng(0)
    results = {}

    x = rng.standard_normal(2**24, dtype=np.float32)
    y = rng.standard_normal(2**24, dtype=np.float32)
    out = np.empty_like(x)
    np.testing.assert_array_equal(add(x, y), x + y)
    # Both write into a preallocated output: allocating 64 MB per call would time the page faults.
    grid = (pantile.cdiv(x.size, 1024),)
    t_pt = bench(lambda: add_kernel[grid](x, y, out, x.size, BLOCK_SIZE=1024))
    t_np = bench(lambda: np.add(x, y, out=out))
    gb = 3 * x.nbytes / 1e9
    results["vector_add_2^24_f32"] = {"pantile_GBps": gb / t_pt * 1e3, "numpy_GBps": gb / t_np * 1e3,
                                      "ratio": t_np / t_pt, "target_ratio": 0.8}

    s = rng.standard_normal((4096, 4096), dtype=np.float32)
    np.testing.assert_allclose(softmax(s), softmax_numpy(s), rtol=1e-5, atol=1e-7)
    t_pt = bench(lambda: softmax(s))
    t_np = bench(lambda: softmax_numpy(s))
    gb = 2 * s.nbytes / 1e9
    results["softmax_4096x4096_f32"] = {"pantile_GBps": gb / t_pt * 1e3, "numpy_GBps": gb / t_np * 1e3,
                                        "ratio": t_np / t_pt, "target_ratio": 1.5}

    a = rng.standard_normal((1024, 1024), dtype=np.float32)
    b = rng.standard_normal((1024, 1024), dtype=np.float32)
    np.testing.assert_allclose(matmul(a, b), a @ b, rtol=1e-3, atol=1e-3)
    t_pt = bench(lambda: matmul(a, b))
    t_np = bench(lambda: a @ b)
    gf = 2 * 1024**3 / 1e9
    results["matmul_1024^3_f32"] = {"pantile_GFLOPs": gf / t_pt * 1e3, "numpy_blas_GFLOPs": gf / t_np * 1e3,
                                    "ratio": t_np / t_pt}

    cold = cold_compile_seconds()
    results["cold_compile_vector_add_s"] = {"total": cold["bytecode_cached"]["to_result"], "target": 0.5, **cold}
    warm = warm_launch_overhead_us()
    results["warm_launch_overhead_us"] = {"value": warm["pointers"]["median"], "target": 30.0, **warm["pointers"]}
    tuple_ratio = warm["tuple"]["median"] / warm["pointers"]["median"]
    results["warm_launch_tuple_argument_us"] = {"value": warm["tuple"]["median"], "ratio_to_pointers": tuple_ratio,
                                                **warm["tuple"]}

    record = {"device": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "command": "python benchmarks/cpu.py", "threads": os.environ.get("PANTILE_CPU_THREADS", "default"),
              "load_average_1_5_15min": {"before": load_before, "after": os.getloadavg()}, "results": results}
    for name, r in results.items():
        print(f"{name}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()))
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"cpu-{datetime.date.today().isoformat()}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
