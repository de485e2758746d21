# Sourced by dev/gpu/check.sh and measure.sh: $OUT, a summary file and step().
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
summary="$OUT/$1.txt"
log="$OUT/$1.log"              # every step's output in one file: at most 8 files come back from $OUT
nvidia-smi -L >> "$summary"

# What the tests need beside the GPU, as CI has it: the interpreter plug-in (a distribution of its own) and the
# SPIR-V tools (bundles and the apple/intel tests validate with spirv-val), unpacked under /tmp.
python3 -m pip install -q --no-index --no-deps --no-build-isolation -e plugins/pantile-interpreter \
  > /tmp/interp-install.log 2>&1 || echo "interp plug-in: not installed ($(tail -1 /tmp/interp-install.log))" >> "$summary"
if ls .gl/spirv-*.deb >/dev/null 2>&1; then
  mkdir -p /tmp/spv && for f in .gl/spirv-*.deb; do dpkg -x "$f" /tmp/spv; done
  export PATH=/tmp/spv/usr/bin:$PATH
fi
# cupy (stage-extra.sh): the wheel's files in .cupy/cupy.tar.xz, unpacked beside the other carried wheels.
if [ -f .cupy/cupy.tar.xz ] && ! python3 -c "import cupy" 2>/dev/null; then
  { python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter='data')" .cupy/cupy.tar.xz /tmp/site &&
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .cupy/cuda_pathfinder-*.whl
  } > /tmp/cupy-install.log 2>&1
  # an import that cannot find CUDA's libraries would stop the launch benchmark: keep cupy only if it allocates
  python3 -c "import cupy; cupy.zeros(1)" >> /tmp/cupy-install.log 2>&1 && echo "cupy: installed" >> "$summary" || {
    echo "cupy: not installed ($(tail -1 /tmp/cupy-install.log))" >> "$summary"; rm -rf /tmp/site/cupy* /tmp/site/cupyx; }
fi

step() {   # step NAME SECONDS COMMAND...: run with a time limit, output appended to $log, one summary line
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  timeout -k 10 "$limit" "$@" > "/tmp/$name.log" 2>&1
  local rc=$?
  echo "$name: rc=$rc $((SECONDS - start))s $(grep -E ' (passed|failed|error)' "/tmp/$name.log" | tail -1)" >> "$summary"
  { echo "===== $name: $*"; cat "/tmp/$name.log"; } >> "$log"
  return $rc
}
