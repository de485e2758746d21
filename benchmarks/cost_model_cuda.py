"""How well the cuda cost model ranks matmul configs: Spearman of predicted against measured time on one GPU.

    python benchmarks/cost_model_cuda.py [--size 4096] [--arch cuda:sm_90a] [--out benchmarks/results]

Runs pantile.examples.matmul (Triton tutorial 03's kernel) at size^3 in f16 over the tutorial's autotune list
and the grid around it (BLOCK_M x BLOCK_N x BLOCK_K x num_warps x num_stages, GROUP_M = 8; 20 or more configs
that fit), each checked against torch, then predicted with pantile.runtime.explain.estimate_launch twice: from
the target's preview (lowered, no LLVM back end or ptxas: what the autotuner ranks by), then from the compiled
kernel (ptxas's registers and spills), each timed; and timed with triton.testing.do_bench (median of CUDA-event
timings). Prints one line per config and Spearman's rank correlation of each prediction against measured (issue
20 asks at least 0.8), and how close the best of the model's top quarter comes to the fastest config. Writes
<out>/cost-model-cuda-<date>.json with the device, the date and the command.
"""
from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import torch
import triton

import pantile
from pantile.examples.matmul import TUTORIAL_CONFIGS, matmul_kernel
from pantile.runtime.explain import estimate_launch, spearman

# The space around Triton tutorial 03's list: every tile of these sizes with 4 and 8 warps, 3 stages
GRID_CONFIGS = tuple(itertools.product((64, 128), (64, 128, 256), (32, 64), (4, 8), (3,)))


def configs() -> list[tuple[int, int, int, int, int]]:
    """The tutorial's configs, then the grid's others, without repeats."""
    return list(dict.fromkeys(TUTORIAL_CONFIGS + GRID_CONFIGS))


def main() -> None:
    """Predict, check and time every config; print and record the rank correlation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--arch", default=None, help="pantile target (default: the GPU's own)")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args()
    # an empty kernel cache of its own: the previews and compiles timed here are first ones, as an autotuner's are
    os.environ["PANTILE_CACHE_DIR"] = tempfile.mkdtemp(prefix="pantile-cost-model-")
    size = args.size
    a = torch.randn(size, size, device="cuda", dtype=torch.float16)
    b = torch.randn(size, size, device="cuda", dtype=torch.float16)
    c = torch.empty_like(a)
    ref = (a.float() @ b.float())
    strides = (a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1))
    flops = 2.0 * size ** 3
    rows = []
    for bm, bn, bk, warps, stages in configs():
        grid = (triton.cdiv(size, bm) * triton.cdiv(size, bn),)
        launch_args = (a, b, c, size, size, size, *strides)
        meta = dict(BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8, num_warps=warps, num_stages=stages)
        row = {"config": [bm, bn, bk, warps, stages]}
        try:
            started = time.perf_counter()
            try:
                preview = estimate_launch(matmul_kernel, grid, launch_args, meta, args.arch, preview=True)
                row.update(predicted_preview_ms=preview.predicted_s * 1e3, registers_preview=preview.registers)
            except Exception as e:     # the compiled kernel is still predicted and timed
                row["preview_error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
            previewed = time.perf_counter()
            report = estimate_launch(matmul_kernel, grid, launch_args, meta, args.arch)
            row.update(preview_seconds=previewed - started, compile_seconds=time.perf_counter() - previewed)

            def run() -> None:
                if args.arch is None:
                    matmul_kernel[grid](*launch_args, **meta)
                else:
                    with pantile.target(args.arch):
                        matmul_kernel[grid](*launch_args, **meta)
            c.fill_(float("nan"))
            run()
            torch.cuda.synchronize()
            err = float(torch.linalg.norm(c.float() - ref) / torch.linalg.norm(ref))
            if not err < 2e-2:
                raise ValueError(f"wrong result: relative error {err:.3g}")
            ms = triton.testing.do_bench(run, warmup=25, rep=200, return_mode="median")
        except Exception as e:         # a config pantile cannot build or run here is reported, not ranked
            row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
            print(f"{row['config']}: {row['error']}", flush=True)
            rows.append(row)
            continue
        compiled = report.estimate
        row.update(predicted_ms=report.predicted_s * 1e3, measured_ms=ms, bound=report.bound,
                   occupancy=report.occupancy, limiter=compiled.occupancy.limiter, registers=report.registers,
                   shared=report.shared_memory, target=report.target, spill_bytes=report.spill_bytes,
                   tflops=flops / (ms * 1e-3) / 1e12)
        print(f"{row['config']}: predicted {row['predicted_ms']:.3f} ms (preview "
              f"{row.get('predicted_preview_ms', math.nan):.3f}), measured {ms:.3f} ms ({row['tflops']:.0f} "
              f"TFLOP/s), {report.bound}, occupancy {report.occupancy:.2f} ({row['limiter']}), {row['registers']} "
              f"registers (preview {row.get('registers_preview', '-')}), spills {row['spill_bytes']} B", flush=True)
        rows.append(row)
    ranked = [r for r in rows if "measured_ms" in r and math.isfinite(r["predicted_ms"])]
    rho = spearman([r["predicted_ms"] for r in ranked], [r["measured_ms"] for r in ranked])
    previewed = [r for r in ranked if "predicted_preview_ms" in r]
    rho_preview = spearman([r["predicted_preview_ms"] for r in previewed], [r["measured_ms"] for r in previewed])
    preview_s = sum(r["preview_seconds"] for r in ranked)
    compile_s = sum(r["compile_seconds"] for r in ranked)
    by_model = sorted(ranked, key=lambda r: r["predicted_ms"])
    fastest = min(ranked, key=lambda r: r["measured_ms"])
    quarter = by_model[:max(2, len(ranked) // 4)]
    best_of_quarter = min(r["measured_ms"] for r in quarter)
    print(f"Spearman over {len(ranked)} configs: {rho:.3f} (at least 0.8 asked); the model's top quarter's best is "
          f"{best_of_quarter / fastest['measured_ms']:.3f}x the fastest ({fastest['config']}); from previews "
          f"{rho_preview:.3f} over {len(previewed)}; previews took {preview_s:.2f} s, compiles {compile_s:.2f} s")
    result = {"device": torch.cuda.get_device_name(), "date": datetime.date.today().isoformat(),
              "command": " ".join(["python", "benchmarks/cost_model_cuda.py", *sys.argv[1:]]),
              "host": platform.node(), "size": size, "dtype": "float16", "arch": args.arch or "native",
              "spearman": rho, "spearman_preview": rho_preview, "configs_ranked": len(ranked),
              "top_quarter_best_over_fastest": best_of_quarter / fastest["measured_ms"],
              "preview_seconds": preview_s, "compile_seconds": compile_s, "rows": rows}
    out = Path(args.out) / f"cost-model-cuda-{result['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
