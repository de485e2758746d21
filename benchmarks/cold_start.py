"""Where a cold first call's time goes: vector add called once from a new process with an empty kernel cache,
pantile's beside Triton's.

    python benchmarks/cold_start.py [--targets cpu,cuda:sm_90a] [--runs 5] [--out FILE.json]

Each run is a new Python process (its bytecode cached, as after any first import) with a new kernel cache. It
times the imports (numpy, pantile, the example; torch too where the call runs on a GPU), then the first call,
split by timers around the target's import (get_target, and the driver's start where the target runs here), the
compiler's stages: the frontend (build_ir), the pass pipelines (neutral and the target's), emission (LLVM's code
generation in its worker, and for CUDA ptxas, also shown on its own), and the rest of the call (binding, target
choice, cache, module load, the launch, synchronised). On a GPU the arrays are torch tensors made before the
call. Where the target cannot execute here (cuda without a GPU) the call is pantile.compile, which stops after
emission. Where a CUDA target runs and Triton and torch are installed, Triton's vector add is measured the same
way (imports of torch and triton; first call with its tensors made before it) in processes of its own, each
with an empty Triton cache, run by run after pantile's. Medians of RUNS; the spread beside them. Writes
benchmarks/results/cold-start-<date>.json unless --out says where.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from records import host_fields, write_record

STAGES = ("import", "first_call", "target_import", "frontend", "passes", "emit", "ptxas", "rest_of_call")

_CHILD = """
import json, sys, time
arch = sys.argv[1]
start = time.perf_counter()
import numpy as np
import pantile
from pantile.examples.vector_add import add_kernel
try:
    import torch
except ImportError:
    torch = None
imported = time.perf_counter()
from pantile.passes.manager import PassManager
from pantile.runtime import compiler
from pantile.targets.registry import get_target

spent = dict.fromkeys(("frontend", "passes", "emit", "ptxas"), 0.0)


def timed(stage, fn):
    def run(*args, **kwargs):
        began = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - began
    return run


compiler.build_ir = timed("frontend", compiler.build_ir)
PassManager.run = timed("passes", PassManager.run)
began = time.perf_counter()
target = get_target(arch)
runs_here = target.unavailable() is None
target_import = time.perf_counter() - began
target.emit = timed("emit", target.emit)
if arch.startswith("cuda"):
    from pantile.targets.cuda import target as cuda_target
    cuda_target.assemble = timed("ptxas", cuda_target.assemble)
n = 1 << 20
on_gpu = runs_here and arch.startswith("cuda") and torch is not None
if on_gpu:
    x = torch.ones(n, device="cuda")
    out = torch.empty_like(x)
    torch.cuda.synchronize()
else:
    x = np.ones(n, np.float32)
    out = np.empty_like(x)
called = time.perf_counter()
if runs_here:
    with pantile.target(arch):
        add_kernel[(n // 1024,)](x, x, out, n, BLOCK_SIZE=1024)
    if on_gpu:
        torch.cuda.synchronize()
else:
    pantile.compile(add_kernel, ["*fp32:16", "*fp32:16", "*fp32:16", "i32"], {"BLOCK_SIZE": 1024}, target=arch,
                    validate=False)
done = time.perf_counter()
if runs_here:
    assert bool((out == 2).all())
first = target_import + done - called
print(json.dumps({"import": imported - start, "first_call": first, "target_import": target_import, **spent,
                  "rest_of_call": first - target_import - spent["frontend"] - spent["passes"] - spent["emit"],
                  "launched": runs_here}))
"""

_TRITON_CHILD = """
import json, time
start = time.perf_counter()
import torch
import triton
import triton.language as tl
imported = time.perf_counter()


@triton.jit
def add_kernel(x_ptr, y_ptr, out_ptr, n, BLOCK_SIZE: tl.constexpr):
    offs = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask) + tl.load(y_ptr + offs, mask=mask), mask=mask)


n = 1 << 20
x = torch.ones(n, device="cuda")
out = torch.empty_like(x)
torch.cuda.synchronize()
called = time.perf_counter()
add_kernel[(n // 1024,)](x, x, out, n, BLOCK_SIZE=1024)
torch.cuda.synchronize()
done = time.perf_counter()
assert bool((out == 2).all())
print(json.dumps({"import": imported - start, "first_call": done - called}))
"""


def one_run(arch: str, env: dict) -> dict:
    """The stage seconds of one new process with an empty kernel cache."""
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run([sys.executable, "-c", _CHILD, arch], env={**env, "PANTILE_CACHE_DIR": cache},
                              capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the cold run for {arch} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def triton_run(env: dict) -> dict:
    """Triton's import and first-call seconds in one new process with an empty Triton cache (Triton reads its
    kernel's source, so the child is a file)."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "triton_vector_add.py"
        script.write_text(_TRITON_CHILD)
        done = subprocess.run([sys.executable, str(script)], env={**env, "TRITON_CACHE_DIR": str(Path(folder) / "c")},
                              capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the cold run of Triton failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def medians(runs: list[dict], stages: tuple) -> dict:
    """Each stage's median and range over the runs."""
    return {stage: {"median_s": statistics.median(r[stage] for r in runs),
                    "range_s": [min(r[stage] for r in runs), max(r[stage] for r in runs)]} for stage in stages}


def main() -> None:
    """Measure each target, print and record the stage medians."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default="cpu,cuda:sm_90a", help="archs to measure (default cpu,cuda:sm_90a)")
    parser.add_argument("--runs", type=int, default=5, help="new processes per target (default 5)")
    parser.add_argument("--out", help="JSON file to write (default: benchmarks/results/cold-start-<date>.json)")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as bytecode:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PANTILE_TARGET")}
        env["PYTHONPYCACHEPREFIX"] = bytecode
        for arch in args.targets.split(","):
            one_run(arch, env)      # writes the bytecode
            first = one_run(arch, env)
            with_triton = first["launched"] and arch.startswith("cuda") and \
                all(importlib.util.find_spec(m) is not None for m in ("torch", "triton"))
            if with_triton:
                triton_run(env)      # writes its bytecode
            runs, triton_runs = [first], []
            for i in range(args.runs):
                if i:
                    runs.append(one_run(arch, env))
                if with_triton:
                    triton_runs.append(triton_run(env))
            results[arch] = {"launched": first["launched"], **medians(runs, STAGES)}
            print(f"{arch:12s} " + "  ".join(f"{stage} {results[arch][stage]['median_s']:.3f}" for stage in STAGES) +
                  ("" if first["launched"] else "  (compiled only: no device here)"), flush=True)
            if with_triton:
                results[arch]["triton"] = medians(triton_runs, ("import", "first_call"))
                print(f"{'':12s} triton import {results[arch]['triton']['import']['median_s']:.3f}  first_call "
                      f"{results[arch]['triton']['first_call']['median_s']:.3f}", flush=True)
    write_record({**host_fields(), "runs": args.runs, "seconds": results}, args.out, "cold-start")


if __name__ == "__main__":
    main()
