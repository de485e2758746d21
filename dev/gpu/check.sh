#!/usr/bin/env bash
# Correctness on the GPU machine (see dev/gpu/README.md): the steps' output in $OUT/check.log, a summary in
# $OUT/check.txt. Run as `source .device/env.sh && bash dev/gpu/check.sh`; about nine minutes.
set -uo pipefail
source "$(dirname "$0")/lib.sh" check
python3 -c 'import torch, triton; print("torch", torch.__version__, "triton", triton.__version__)' >> "$summary"
workers=""
python3 -c 'import xdist' 2>/dev/null && workers="-n 8"

# The execution, cuda and runtime tests on the GPU's own arch, then the sm_80 path on the same card.
step cuda 300 env PANTILE_TEST_TARGETS=cuda python3 -m pytest -q $workers -rfEs tests/execution tests/cuda tests/runtime
step sm80 120 env PANTILE_TEST_TARGETS=cuda:sm_80 python3 -m pytest -q $workers -rfE tests/execution -k "dot or matmul or attention"

# apple:spirv through NVIDIA's Vulkan driver: the loader from .gl/, spirv-val and spirv-cross
# unpacked under /tmp (only the loader goes into /).
if ls .gl/*.deb >/dev/null 2>&1; then
  dpkg -x .gl/libvulkan1_*.deb / && ldconfig
  mkdir -p /tmp/spv && for f in .gl/spirv-*.deb; do dpkg -x "$f" /tmp/spv; done
  export PATH=/tmp/spv/usr/bin:$PATH LD_LIBRARY_PATH=/tmp/spv/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  step apple 150 env PANTILE_TEST_TARGETS=apple:spirv python3 -m pytest -q $workers -rfE tests/execution tests/apple
else
  echo "apple: not run (no .gl/ debs: run dev/gpu/stage-extra.sh here first)" >> "$summary"
fi
cat "$summary"
