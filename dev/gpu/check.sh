#!/usr/bin/env bash
# Correctness on the GPU machine (see dev/gpu/README.md): the steps' output in $OUT/check.log, a summary in
# $OUT/check.txt. Run as `source .device/env.sh && bash dev/gpu/check.sh`; about nine minutes.
set -uo pipefail
source "$(dirname "$0")/lib.sh" check
python3 -c 'import torch, triton; print("torch", torch.__version__, "triton", triton.__version__)' >> "$summary"
workers=""
python3 -c "import xdist" 2>/dev/null && workers="-n $(nproc)"

# STEPS (e.g. "cuda conformance") runs only those steps, where device time is short; all of them by default.
wanted() { [ -z "${STEPS:-}" ] || [[ " $STEPS " == *" $1 "* ]]; }

# The execution, cuda and runtime tests on the GPU's own arch, then the sm_80 path on the same card.
# LLVM 22's lld and readelf (hip:gfx942's validation) do not fit in the carry, and the GPU machine has no pyopencl:
# the bundle test leaves out hip and intel there, and the test of hip's stages is deselected.
wanted cuda && step cuda 300 env PANTILE_TEST_TARGETS=cuda PANTILE_BUNDLE_TARGETS=cpu,cuda:sm_80,cuda:sm_90a python3 -m pytest -q $workers -rfEs tests/execution tests/cuda tests/runtime \
  --deselect tests/runtime/test_triton_runtime_surface.py::test_hip_stages_are_amdgcn_and_hsaco
wanted conformance && step conformance 150 python3 -m pantile conformance --targets cuda:sm_90a,cuda:sm_80 --jobs 8 \
  --cases 'dot/*,descriptor_arg,tensor_desc,block_ptr' --report "$OUT/conformance"
wanted sm80 && step sm80 120 env PANTILE_TEST_TARGETS=cuda:sm_80 python3 -m pytest -q $workers -rfE tests/execution -k "dot or matmul or attention"

# apple:spirv through NVIDIA's Vulkan driver (docs/apple-vulkan.md): the loader and libGLdispatch from .gl/ go
# into / (lib.sh put the SPIR-V tools under /tmp); the adapter must be NVIDIA's before the tests run.
if ! wanted apple; then
  echo "apple: not run (STEPS=$STEPS)" >> "$summary"
elif ls .gl/*.deb >/dev/null 2>&1; then
  for f in .gl/*.deb; do case $f in */spirv-*) ;; *) dpkg -x "$f" /;; esac; done; ldconfig
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  # APPLE_TESTS=0 prints the adapter's record only (about 30 s less, where device time is short)
  step adapter 60 python3 dev/gpu/apple_adapter.py && [ "${APPLE_TESTS:-1}" != 0 ] && \
    step apple 200 env PANTILE_TEST_TARGETS=apple:spirv python3 -m pytest -q $workers -rfE tests/execution tests/apple
else
  echo "apple: not run (no .gl/ debs: run dev/gpu/stage-extra.sh here first)" >> "$summary"
fi
cat "$summary"
