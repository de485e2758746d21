"""The first launch in a new process: softmax from an ahead-of-time bundle beside a first @jit launch with an empty
kernel cache, on one target.

    python benchmarks/bundle_first_launch.py --target cuda [--out FILE.json] [--repeats 3]

The bundle is built once (cpu, intel:spirv, cuda:sm_80, cuda:sm_90a). Each measurement runs in a fresh process
and times, from the start of the script: importing pantile, loading the bundle (or nothing, for @jit), and the
first launch until its result is back in host memory. A bundle launch that compiles nothing costs the import,
the driver's load of the module and the launch; the @jit launch adds the whole compile. Medians of --repeats.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pantile
from pantile.aot import KernelSpec
from pantile.examples.softmax import softmax_kernel

SIGNATURE = "*fp32,*fp32,i32,i32,i32,i32"
ARCHS = ["cpu", "intel:spirv", "cuda:sm_80", "cuda:sm_90a"]

# Run in a new process; prints the seconds of each phase as JSON. argv: mode (bundle|jit), bundle path.
PROBE = """
import time
start = time.perf_counter()
import json, sys
import numpy as np
import pantile
imported = time.perf_counter()
rows = np.random.default_rng(0).standard_normal((1823, 781)).astype(np.float32)
out = np.zeros_like(rows)
if sys.argv[1] == "bundle":
    kernel = pantile.load_bundle(sys.argv[2]).softmax_kernel
else:
    from pantile.examples.softmax import softmax_kernel as kernel
loaded = time.perf_counter()
kernel[(64,)](out, rows, 781, 781, 1823, 781, BLOCK_SIZE=1024)
done = time.perf_counter()
e = np.exp(rows - rows.max(axis=1, keepdims=True))
np.testing.assert_allclose(out, e / e.sum(axis=1, keepdims=True), rtol=1e-5, atol=1e-7)
compiler = any(m.startswith(("pantile.frontend", "pantile.passes")) for m in sys.modules)
print(json.dumps({"import_s": imported - start, "load_s": loaded - imported, "first_launch_s": done - loaded,
                  "total_s": done - start, "compiler_imported": compiler}))
"""


def probe(mode: str, bundle: Path, target: str) -> dict:
    """One fresh process's phases, with an empty kernel cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PANTILE_CACHE_DIR": cache, "PANTILE_TARGET": target}
        done = subprocess.run([sys.executable, "-c", PROBE, mode, str(bundle)], env=env, capture_output=True,
                              text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{mode} on {target} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="cpu", help="the target of the launches (PANTILE_TARGET)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bundle = pantile.aot.compile([KernelSpec(softmax_kernel, [SIGNATURE], [{"BLOCK_SIZE": 1024}])],
                                     targets=ARCHS, output=Path(folder) / "softmax.ptb")
        runs = {mode: [probe(mode, bundle, args.target) for _ in range(args.repeats)] for mode in ("bundle", "jit")}
    result = {"date": datetime.date.today().isoformat(), "target": args.target, "kernel": "softmax 1823x781 f32",
              "repeats": args.repeats,
              **{mode: {key: statistics.median(r[key] for r in rs) for key in rs[0] if key != "compiler_imported"}
                 | {"compiler_imported": any(r["compiler_imported"] for r in rs)} for mode, rs in runs.items()}}
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
