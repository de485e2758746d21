#!/usr/bin/env bash
# Figures on the GPU machine (see dev/gpu/README.md): `bash dev/gpu/measure.sh kernels`, `... attention`, `... hopper`, `... runtime`, `... launch`, `... bundle` or `... autotune`
# (each a call of under ten minutes: together they pass 8 files). Each benchmark writes its JSON under $OUT; logs and a
# summary ($OUT/measure.txt) come back beside them.
set -uo pipefail
source "$(dirname "$0")/lib.sh" measure

bundle_step() { step bundle 60 python3 benchmarks/bundle_first_launch.py --target cuda --out "$OUT/bundle-first-launch.json"; }

for part in "$@"; do
  case $part in
    kernels)   # tensor cores and the memory-bound kernels, pantile beside Triton and torch (issues 13, 14, 15)
      step kernels 420 python3 benchmarks/cuda.py --only matmul,matmul_descriptor,layer_norm --sizes "${SIZES:-4096,8192}" --out "$OUT/kernels" ;;
    attention) # the attention forward, causal and not, pointer and descriptor forms (issue 14): about 350 timed
               # (compiler, config) pairs at both lengths, so one length a call; PIN_FROM=an earlier run's JSON tries
               # only the configs that were each compiler's 3 fastest there
      step attention 570 python3 benchmarks/cuda.py --only attention,attention_descriptor --seqs "${SEQS:-4096}" \
        ${PIN_FROM:+--pin-from "$PIN_FROM"} --out "$OUT/attention" ;;
    hopper)    # fp8 and persistent matmul beside Triton's (issue 14); its own folder: the JSON is named by date
      step hopper 480 python3 benchmarks/cuda.py --only matmul_fp8,matmul_persistent --sizes "${SIZES:-4096,8192}" --out "$OUT/hopper" ;;
    bundle)    # the first launch from an ahead-of-time bundle beside a first @jit launch (issue 21), alone
      bundle_step ;;
    runtime|launch)   # launch host time (on cupy arrays too where lib.sh installed cupy), then cold start, bundles,
                      # cost model and autotuner (issues 15, 20, 21); `launch` stops after the first step
      step launch 90 python3 benchmarks/cuda_launch.py --label main --out "$OUT/cuda-launch.json"
      [ "$part" = launch ] && continue
      step cold 120 python3 benchmarks/cold_start.py --targets cuda:sm_90a --runs 5 --out "$OUT/cold-start.json"
      bundle_step
      step costmodel 150 python3 benchmarks/cost_model_cuda.py --size 4096 --out "$OUT" ;&
    autotune)  # the pruned search against the exhaustive one (issue 20); SPACE=tutorial-cuda (16) or grid (24 configs)
      step autotune 280 python3 benchmarks/autotune.py --target cuda --size 4096 --space "${SPACE:-tutorial}" --out "$OUT" ;;
    *) echo "unknown part $part (kernels, attention, hopper, runtime, launch, bundle, autotune)" >&2; exit 2 ;;
  esac
done
cat "$summary"
