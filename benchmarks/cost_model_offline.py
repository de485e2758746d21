"""The cuda cost model's ranking recomputed offline: today's predictions against the times a GPU measured before.

    python benchmarks/cost_model_offline.py benchmarks/results/cost-model-cuda-h100-2026-12-07T1505.json

Reads the rows of a benchmarks/cost_model_cuda.py results file (config and measured ms), predicts each config
again for its arch with this checkout's model, from the compiled kernel (ptxas's report: needs ptxas, no GPU) and
from the target's preview (what the autotuner ranks by), and prints Spearman's rank correlation of each against
the old measurements. Nothing runs on a GPU: this is not a new measurement.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

from pantile.examples.matmul import matmul_kernel
from pantile.runtime.explain import estimate_launch, spearman


def main() -> None:
    """Predict every measured config again and print both rank correlations."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="a cost-model-cuda-*.json file")
    args = parser.parse_args()
    recorded = json.loads(open(args.results).read())
    size = recorded["size"]
    a = np.zeros((size, size), np.float16)
    launch_args = (a, a, a, size, size, size, size, 1, size, 1, size, 1)
    rows = [r for r in recorded["rows"] if "measured_ms" in r]
    predicted: dict[bool, list[float]] = {False: [], True: []}
    seconds = {False: 0.0, True: 0.0}
    for row in rows:
        bm, bn, bk, warps, stages = row["config"]
        meta = dict(BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8, num_warps=warps, num_stages=stages)
        grid = (-(-size // bm) * -(-size // bn),)
        for preview in (True, False):
            started = time.perf_counter()
            report = estimate_launch(matmul_kernel, grid, launch_args, meta, row["target"], preview=preview)
            seconds[preview] += time.perf_counter() - started
            predicted[preview].append(report.predicted_s * 1e3)
        print(f"{row['config']}: predicted {predicted[False][-1]:.3f} ms (preview {predicted[True][-1]:.3f}), "
              f"measured {row['measured_ms']:.3f} ms, {report.bound}", flush=True)
    measured = [r["measured_ms"] for r in rows]
    print(f"Spearman over {len(rows)} configs measured on {recorded.get('device') or recorded.get('gpu')} "
          f"({recorded['date']}): compiled {spearman(predicted[False], measured):.3f} ({seconds[False]:.1f} s), "
          f"previews {spearman(predicted[True], measured):.3f} ({seconds[True]:.1f} s); recorded then "
          f"{recorded['spearman']:.3f}")


if __name__ == "__main__":
    main()
