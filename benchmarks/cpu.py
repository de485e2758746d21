"""CPU target beside numpy, in one process: vector add, softmax, matmul, cold compile, launch overhead.

    python benchmarks/cpu.py            # writes benchmarks/results/cpu-<date>.json
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import pantile
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
add(x, x)
print(t1 - t0, time.perf_counter() - t1)
"""


def bench(fn) -> float:
    """Mean milliseconds of fn."""
    return pantile.testing.do_bench(fn, warmup=50, rep=300)


def cold_compile_seconds() -> tuple[float, float]:
    """(import, compile and first launch) of vector add in a new process with an empty cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PANTILE_CACHE_DIR": cache}
        out = subprocess.run([sys.executable, "-c", _COLD], env=env, capture_output=True, text=True, check=True)
        imported, compiled = out.stdout.strip().splitlines()[-1].split()
        return float(imported), float(compiled)


def warm_launch_overhead_us() -> float:
    """Host time of one launch of a one-program kernel whose work is negligible."""
    x = np.ones(16, dtype=np.float32)
    out = np.empty_like(x)
    launch = add_kernel[(1,)]
    launch(x, x, out, 16, BLOCK_SIZE=16)
    n = 20000
    t0 = time.perf_counter()
    for _ in range(n):
        launch(x, x, out, 16, BLOCK_SIZE=16)
    return (time.perf_counter() - t0) / n * 1e6


def main() -> None:
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

    imported, compiled = cold_compile_seconds()
    results["cold_compile_vector_add_s"] = {"compile_and_first_launch": compiled, "import": imported,
                                            "target": 0.5}
    results["warm_launch_overhead_us"] = {"value": warm_launch_overhead_us(), "target": 30.0}

    record = {"device": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
              "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "command": "python benchmarks/cpu.py", "threads": os.environ.get("PANTILE_CPU_THREADS", "default"),
              "results": results}
    for name, r in results.items():
        print(f"{name}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()))
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"cpu-{datetime.date.today().isoformat()}.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
