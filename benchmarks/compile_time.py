"""Compile time against kernel size: a chain of N elementwise ops, and vector add and sum of a huge BLOCK.

    python benchmarks/compile_time.py          # writes benchmarks/results/compile-time-<date>.json
    python benchmarks/compile_time.py --chains 1000,3000,6000 --blocks 65536,1048576 --targets cpu,intel:spirv

Each compile runs in a new process with an empty kernel cache, after a one-op kernel compiled for the same
target has paid for the imports and the compile worker's start, and is timed around the first launch of one
program (compile, the runtime's own build of the binary, such as Intel's clBuildProgram, and the run):
seconds of wall clock, and of CPU in that process (the LLVM worker it forks is not counted there; on a
loaded machine the wall clock counts the other users too).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
_STEPS = ("x = x + 1.0", "x = x * 0.5", "x = x - 0.25")


def chain_source(n: int) -> str:
    """A kernel module whose kernel `chain` loads a block, applies `n` elementwise ops to it and stores it."""
    body = "\n".join(f"    {_STEPS[i % len(_STEPS)]}" for i in range(n))
    return ("import pantile\nimport pantile.language as pl\n\n\n@pantile.jit\n"
            "def chain(x_ptr, out_ptr, BLOCK: pl.constexpr):\n"
            "    offs = pl.arange(0, BLOCK)\n    x = pl.load(x_ptr + offs)\n"
            f"{body}\n    pl.store(out_ptr + offs, x)\n")


def load_chain(n: int, folder: str):
    """The `chain` kernel of `chain_source(n)`, imported from a file in `folder` (jit reads its source)."""
    import importlib.util
    path = Path(folder) / f"chain_{n}.py"
    path.write_text(chain_source(n))
    spec = importlib.util.spec_from_file_location(f"chain_{n}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.chain


def _block_sum():
    """A kernel that sums a masked block of `BLOCK` elements into out[0] (defined when first asked for)."""
    import pantile
    import pantile.language as pl

    @pantile.jit
    def block_sum(x_ptr, out_ptr, n, BLOCK: pl.constexpr):
        offs = pl.arange(0, BLOCK)
        pl.store(out_ptr, pl.sum(pl.load(x_ptr + offs, mask=offs < n, other=0.0), axis=0))
    return block_sum


def _child(case: str, size: int, target: str) -> None:
    """Compile one case in this (new) process and print its seconds as JSON."""
    import time
    import numpy as np
    import pantile
    from pantile.examples.vector_add import add_kernel
    with tempfile.TemporaryDirectory() as folder:
        with pantile.target(target):
            load_chain(1, folder)[(1,)](np.ones(16, np.float32), np.empty(16, np.float32), BLOCK=16)
        if case == "chain":
            kernel, block = load_chain(size, folder), 128
            args = (np.ones(block, np.float32), np.empty(block, np.float32))
            kwargs = {"BLOCK": block}
        elif case == "sum":
            kernel = _block_sum()
            args, kwargs = (np.ones(size, np.float32), np.empty(1, np.float32), size), {"BLOCK": size}
        else:
            kernel, block = add_kernel, size
            x = np.ones(block, np.float32)
            args, kwargs = (x, x, np.empty_like(x), block), {"BLOCK_SIZE": block}
        wall, cpu = time.perf_counter(), time.process_time()
        with pantile.target(target):
            kernel[(1,)](*args, **kwargs)
        print(json.dumps({"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}))


def measure(case: str, size: int, target: str, timeout: float) -> dict:
    """Seconds to compile one case, in a new process with an empty cache (or why it did not finish)."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PANTILE_CACHE_DIR": cache}
        try:
            done = subprocess.run([sys.executable, __file__, "--child", case, str(size), target], env=env,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"did not finish in {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": f"exit status {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"}
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    """Run the cases named on the command line and write the JSON record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", default="1000,3000,6000", help="chain lengths, compiled for cpu")
    parser.add_argument("--blocks", default="4096,16384,65536,1048576", help="BLOCKs of vector add and sum")
    parser.add_argument("--targets", default="cpu,intel:spirv", help="targets of the vector add and sum cases")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds one compile may take")
    parser.add_argument("--child", nargs=3, metavar=("CASE", "SIZE", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]), args.child[2])
        return
    cases = [("chain", int(n), "cpu") for n in args.chains.split(",") if n]
    cases += [(kind, int(b), t) for kind in ("vector_add", "sum") for t in args.targets.split(",")
              for b in args.blocks.split(",") if b]
    load_before = os.getloadavg()
    results = {}
    for case, size, target in cases:
        name = f"{case}_{size}_{target}"
        results[name] = measure(case, size, target, args.timeout)
        print(f"{name:32s} {json.dumps(results[name])}", flush=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    record = {"device": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
              "date": now.isoformat(timespec="seconds"),
              "command": "python benchmarks/compile_time.py " + " ".join(sys.argv[1:]),
              "load_average_1_5_15min": {"before": load_before, "after": os.getloadavg()},
              "results": results}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"compile-time-{now.date()}.json"
    out.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
