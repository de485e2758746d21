#!/usr/bin/env bash
# Run here, in the project's root, after ../shared/device/stage.sh: adds to .device/ the wheels of
# pytest-xdist (the GPU machine's pytest has no -n) and puts in .gl/ the debs of the Vulkan loader, the GL
# dispatch libraries NVIDIA's driver library links (the device README's list) and the SPIR-V tools, for the apple:spirv run on NVIDIA's driver (both folders are ignored by git and carried by the run).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 -d .device pytest-xdist execnet
grep -qx '/.gl/' .git/info/exclude || echo '/.gl/' >> .git/info/exclude
mkdir -p .gl /tmp/amd64/partial
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
apt-get $o update -qq
(cd .gl && apt-get $o download -qq libvulkan1 libglvnd0 libegl1 libopengl0 libgl1 libglx0 libgles2 spirv-tools spirv-cross)

# cupy (issue 15 measures launches on cupy arrays): its wheel is over the carry's 64 MiB with .device/ and .gl/, so
# it travels in two halves, .cupy1/ with one call and .cupy2/ with the next on the same warm machine; lib.sh there
# keeps the first half under /tmp and installs the wheel once it has both.
for d in .cupy1 .cupy2; do grep -qx "/$d/" .git/info/exclude || echo "/$d/" >> .git/info/exclude; done
rm -rf .cupy1 .cupy2 /tmp/cupy-wheel && mkdir -p .cupy1 .cupy2 /tmp/cupy-wheel
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux2014_x86_64 -d /tmp/cupy-wheel cupy-cuda13x 'cuda-pathfinder>=1.3.4,<2'
cupy=$(ls /tmp/cupy-wheel/cupy_cuda13x-*.whl)
half=$(( ($(stat -c %s "$cupy") + 1) / 2 ))
head -c "$half" "$cupy" > .cupy1/part1
tail -c +"$((half + 1))" "$cupy" > .cupy2/part2
basename "$cupy" > .cupy2/name
cp /tmp/cupy-wheel/cuda_pathfinder-*.whl .cupy2/
ls .device .gl .cupy1 .cupy2
