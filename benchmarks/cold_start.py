"""Where a cold first call's time goes: vector add called once from a new process with an empty kernel cache.

    python benchmarks/cold_start.py [--targets cpu,cuda:sm_90a] [--runs 5] [--out FILE.json]

Each run is a new Python process (its bytecode cached, as after any first import) with a new kernel cache. It
times the imports (numpy, pantile, the example), then the first call, split by timers around the target's import
(get_target), the compiler's stages: the frontend (build_ir), the pass pipelines (neutral and the target's),
emission (LLVM's code generation in its worker, and for CUDA ptxas, also shown on its own), and the rest of the
call (binding, target choice, cache, module load, the launch). Where the target cannot execute here (cuda without a GPU) the call is
pantile.compile, which stops after emission. Medians of RUNS; the spread beside them. Writes
benchmarks/results/cold-start-<date>.json unless --out says where.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from records import host_fields, write_record

STAGES = ("import", "first_call", "target_import", "frontend", "passes", "emit", "ptxas", "rest_of_call")

_CHILD = """
import json, sys, time
start = time.perf_counter()
import numpy as np
import pantile
from pantile.examples.vector_add import add_kernel
imported = time.perf_counter()
from pantile.passes.manager import PassManager
from pantile.runtime import compiler
from pantile.targets.registry import get_target

arch = sys.argv[1]
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
called = time.perf_counter()
target = get_target(arch)
target_import = time.perf_counter() - called
target.emit = timed("emit", target.emit)
if arch.startswith("cuda"):
    from pantile.targets.cuda import target as cuda_target
    cuda_target.assemble = timed("ptxas", cuda_target.assemble)
n = 1 << 20
if target.unavailable() is None:
    x = np.ones(n, np.float32)
    out = np.empty_like(x)
    with pantile.target(arch):
        add_kernel[(n // 1024,)](x, x, out, n, BLOCK_SIZE=1024)
    assert (out == 2).all()
    launched = True
else:
    pantile.compile(add_kernel, ["*fp32:16", "*fp32:16", "*fp32:16", "i32"], {"BLOCK_SIZE": 1024}, target=arch,
                    validate=False)
    launched = False
done = time.perf_counter()
first = done - called
print(json.dumps({"import": imported - start, "first_call": first, "target_import": target_import, **spent,
                  "rest_of_call": first - target_import - spent["frontend"] - spent["passes"] - spent["emit"],
                  "launched": launched}))
"""


def one_run(arch: str, env: dict) -> dict:
    """The stage seconds of one new process with an empty kernel cache."""
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run([sys.executable, "-c", _CHILD, arch], env={**env, "PANTILE_CACHE_DIR": cache},
                              capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the cold run for {arch} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


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
            runs = [one_run(arch, env) for _ in range(args.runs)]
            results[arch] = {"launched": runs[0]["launched"],
                             **{stage: {"median_s": statistics.median(r[stage] for r in runs),
                                        "range_s": [min(r[stage] for r in runs), max(r[stage] for r in runs)]}
                                for stage in STAGES}}
            print(f"{arch:12s} " + "  ".join(f"{stage} {results[arch][stage]['median_s']:.3f}" for stage in STAGES) +
                  ("" if runs[0]["launched"] else "  (compiled only: no device here)"), flush=True)
    write_record({**host_fields(), "runs": args.runs, "seconds": results}, args.out, "cold-start")


if __name__ == "__main__":
    main()
