"""Print the adapter wgpu chose for apple:spirv and its capability record; exit non-zero unless it is NVIDIA's
(run by dev/gpu/check.sh on the GPU machine before the apple:spirv tests)."""
from pantile.targets.registry import get_target

target = get_target("apple:spirv")
why = target.unavailable()
if why is not None:
    raise SystemExit(f"apple:spirv cannot execute: {why}")
caps = target.capabilities
print(target.adapter)
print("warp size", caps.warp_size, "dtypes", sorted(caps.dtypes), caps.extra)
if "nvidia" not in target.adapter.name.lower():
    raise SystemExit(f"wgpu chose {target.adapter.name}, not the NVIDIA GPU")
