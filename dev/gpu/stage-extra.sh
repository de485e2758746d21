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

# cupy (issue 15 measures launches on cupy arrays): its wheel (69 MB) and .device/ and .gl/ are over the carry's
# 64 MiB, so .cupy/ holds the wheel's files as one xz archive (about 52 MB; xz -9 takes a couple of minutes here),
# which lib.sh unpacks into the GPU machine's /tmp/site: one call carries .device/, .gl/ and .cupy/ together.
grep -qx "/.cupy/" .git/info/exclude || echo "/.cupy/" >> .git/info/exclude
rm -rf .cupy /tmp/cupy-wheel /tmp/cupy-files && mkdir -p .cupy /tmp/cupy-wheel /tmp/cupy-files
python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux2014_x86_64 -d /tmp/cupy-wheel cupy-cuda13x 'cuda-pathfinder>=1.3.4,<2'
python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
  /tmp/cupy-wheel/cupy_cuda13x-*.whl /tmp/cupy-files
tar -C /tmp/cupy-files -cf - . | xz -9 -T0 > .cupy/cupy.tar.xz
cp /tmp/cupy-wheel/cuda_pathfinder-*.whl .cupy/
ls .device .gl .cupy && du -shc .device .gl .cupy
