"""The work of a predicted launch kept in the disk cache (runtime/work_cache.py): a later process predicting the same
launch, a warm tuning above all, counts nothing and predicts the same."""
import json
import os
import subprocess
import sys

import numpy as np

from pantile.examples.matmul import matmul_kernel
from pantile.passes.analysis.work import WorkCounter
from pantile.runtime.explain import estimate_launch


def _matmul(size):
    a = np.zeros((size, size), np.float16)
    return (a, a, a, size, size, size, size, 1, size, 1, size, 1)


def test_a_second_prediction_reads_the_work_and_its_wave_measure_from_the_disk(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    meta = dict(BLOCK_M=128, BLOCK_N=128, BLOCK_K=64, GROUP_M=8, num_warps=8, num_stages=3)
    # 96 MiB of operands: more than the H100's L2, so the estimate asks the wave measure
    first = estimate_launch(matmul_kernel, (1024,), _matmul(4096), meta, "cuda:sm_90a", preview=True)

    def counted(*args, **kwargs):
        raise AssertionError("the work was counted again")
    monkeypatch.setattr(WorkCounter, "_run_program", counted)
    again = estimate_launch(matmul_kernel, (1024,), _matmul(4096), meta, "cuda:sm_90a", preview=True)
    assert again.predicted_s == first.predicted_s and again.work == first.work
    shares = first.work.wave_distinct.shares
    assert shares and again.work.wave_distinct.shares == shares and max(shares.values()) < 1.0


TUNE = """
import json, sys
import numpy as np
import pantile
from pantile.examples.matmul import matmul_kernel
from pantile.passes.analysis import work

programs = [0]
run = work.WorkCounter._run_program
def counted(self, linear):
    programs[0] += 1
    return run(self, linear)
work.WorkCounter._run_program = counted
configs = [pantile.Config({"BLOCK_M": m, "BLOCK_N": n, "BLOCK_K": 32, "GROUP_M": 8}, num_warps=4, num_stages=2)
           for m in (16, 32) for n in (16, 32, 64)]
tuned = pantile.autotune(configs, key=["M"], cache_results=False,
                         do_bench=lambda call, quantiles: [1.0] * 3)(matmul_kernel)
a = np.ones((64, 64), np.float32)
c = np.empty_like(a)
tuned[lambda meta: (-(-64 // meta["BLOCK_M"]) * -(-64 // meta["BLOCK_N"]),)](a, a, c, 64, 64, 64, 64, 1, 64, 1, 64, 1)
ranked = sorted(tuned.configs_predicted, key=tuned.configs_predicted.get)
print(json.dumps({"programs": programs[0], "predicted": [tuned.configs_predicted[c] for c in configs],
                  "ranking": [configs.index(c) for c in ranked]}))
"""


def test_a_warm_tuning_in_a_new_process_counts_no_work_and_ranks_the_same(tmp_path):
    env = {**os.environ, "PANTILE_CACHE_DIR": str(tmp_path), "PANTILE_COMPILE_WORKERS": "1", "PANTILE_TARGET": "cpu"}

    def tune():
        done = subprocess.run([sys.executable, "-c", TUNE], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])
    cold, warm = tune(), tune()
    assert cold["programs"] > 0 and warm["programs"] == 0
    assert warm["predicted"] == cold["predicted"] and warm["ranking"] == cold["ranking"]
