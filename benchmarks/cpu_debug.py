"""What a debug build (every access bounds-checked) costs on the CPU: each kernel launched plain and debug,
interleaved so that both meet the same load on the machine; the minimum over the rounds, in milliseconds.

    python benchmarks/cpu_debug.py            # writes benchmarks/results/cpu-debug-<date>.json
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import time
from pathlib import Path
from typing import Callable

import numpy as np

import pantile
import pantile.language as tl

RESULTS = Path(__file__).resolve().parent / "results"
ROUNDS = 15


@pantile.jit
def add(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=m) + tl.load(y_ptr + offs, mask=m), mask=m)


@pantile.jit
def softmax(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    row = tl.program_id(0) * n
    x = tl.load(x_ptr + row + offs, mask=offs < n, other=-float("inf"))
    e = tl.exp(x - tl.max(x, 0))
    tl.store(out_ptr + row + offs, e / tl.sum(e, 0), mask=offs < n)


def cases() -> dict[str, Callable[[bool], None]]:
    """Each case launches its kernel with debug off or on."""
    big, small = 1 << 22, 1 << 16
    x, out = np.random.rand(big).astype(np.float32), np.empty(big, np.float32)
    s, so = np.random.rand(1024, 1000).astype(np.float32), np.empty((1024, 1000), np.float32)
    return {"vector add 2^22 f32": lambda d: add[(big // 1024,)](x, x, out, big, BLOCK=1024, debug=d),
            "vector add 2^16 f32": lambda d: add[(small // 1024,)](x, x, out, small, BLOCK=1024, debug=d),
            "softmax 1024x1000 f32": lambda d: softmax[(1024,)](s, so, 1000, BLOCK=1024, debug=d)}


def main() -> None:
    """Time every case and write the results."""
    results = []
    for name, run in cases().items():
        run(False)
        run(True)
        best = {False: float("inf"), True: float("inf")}
        for _ in range(ROUNDS):
            for debug in (False, True):
                start = time.perf_counter()
                run(debug)
                best[debug] = min(best[debug], time.perf_counter() - start)
        row = {"case": name, "plain_ms": best[False] * 1e3, "debug_ms": best[True] * 1e3,
               "ratio": best[True] / best[False]}
        results.append(row)
        print(f"{name}: plain {row['plain_ms']:.3f} ms, debug {row['debug_ms']:.3f} ms, {row['ratio']:.2f}x")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"cpu-debug-{datetime.date.today()}.json"
    path.write_text(json.dumps({"machine": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                                "load_average": os.getloadavg(), "results": results}, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
