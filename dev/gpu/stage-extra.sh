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
ls .device .gl
