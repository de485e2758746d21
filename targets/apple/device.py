"""The wgpu adapter and device kernels run on, and the capability record read from its features and limits."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pantile.targets.base import Capabilities
from pantile.targets.simt.target import simt_capabilities

INTEGER_TYPES = ("i32", "u32")
WARP_SIZE = 32     # invocations per lowering warp; subgroup operations are not used


class WgpuUnavailable(RuntimeError):
    """No wgpu, or no adapter that runs compute shaders."""


@dataclass(frozen=True)
class AdapterInfo:
    """What kernels may use on one adapter."""

    name: str
    backend: str
    features: frozenset
    max_invocations: int
    workgroup_memory: int
    max_workgroups: int
    max_buffer: int


# Without an adapter, kernels still compile and validate for this nominal one (wgpu's default limits).
NOMINAL_ADAPTER = AdapterInfo("nominal WebGPU adapter", "none", frozenset(), 256, 16384, 65535, 1 << 28)


class WgpuRuntime:
    """The wgpu device of this process (one queue; launches are serialised by `lock`)."""

    def __init__(self) -> None:
        try:
            import wgpu
        except ImportError as err:
            raise WgpuUnavailable(f"wgpu is not installed ({err}); pip install pantile[apple]") from err
        try:
            adapter = wgpu.gpu.request_adapter_sync(power_preference="high-performance")
        except Exception as err:   # wgpu raises its own errors without a Vulkan/Metal driver
            raise WgpuUnavailable(f"wgpu found no adapter: {err}") from err
        if adapter is None:
            raise WgpuUnavailable("wgpu found no adapter (no Vulkan, Metal or D3D12 driver)")
        limits = adapter.limits
        wanted = {"shader-f64", "shader-f16", "shader-int64"} & set(adapter.features)
        self.wgpu = wgpu
        self.device = adapter.request_device_sync(required_features=sorted(wanted), required_limits={
            k: limits[k] for k in ("max-compute-invocations-per-workgroup", "max-compute-workgroup-size-x",
                                   "max-compute-workgroup-storage-size", "max-storage-buffers-per-shader-stage",
                                   "max-storage-buffer-binding-size", "max-buffer-size")})
        info = adapter.info
        self.info = AdapterInfo(info.get("device", "") or info.get("description", ""), info.get("backend_type", ""),
                                frozenset(wanted), limits["max-compute-invocations-per-workgroup"],
                                limits["max-compute-workgroup-storage-size"],
                                limits["max-compute-workgroups-per-dimension"], limits["max-storage-buffer-binding-size"])
        self.lock = threading.Lock()
        self.pipelines: dict[Any, Any] = {}


@lru_cache(maxsize=1)
def _runtime() -> WgpuRuntime | WgpuUnavailable:
    try:
        return WgpuRuntime()
    except WgpuUnavailable as err:
        return err


def wgpu_runtime() -> WgpuRuntime:
    """The process's wgpu runtime; WgpuUnavailable saying why there is none."""
    rt = _runtime()
    if isinstance(rt, WgpuUnavailable):
        raise rt
    return rt


def capabilities_of(info: AdapterInfo) -> Capabilities:
    """The capability record of an adapter: 32-bit types always, f64 and 64-bit integers where the adapter has
    them; 8- and 16-bit types are not (naga has no 8-bit integers, and f16 buffers need more than wgpu offers)."""
    ints = INTEGER_TYPES + (("i64", "u64") if "shader-int64" in info.features else ())
    floats = ("f32",) + (("f64",) if "shader-f64" in info.features else ())
    return simt_capabilities(
        warp_size=WARP_SIZE,
        max_threads_per_program=info.max_invocations,
        shared_memory_bytes=info.workgroup_memory,
        dtypes=frozenset(ints + floats),
        dot_dtypes=frozenset(("f32",)),
        atomic_kinds=frozenset(("add", "max", "min", "umax", "umin", "and", "or", "xor", "xchg")),
        atomic_dtypes=frozenset(("i32", "u32")),
        max_grid=(info.max_workgroups,) * 3,
        multiprocessor_count=1,
        registers_per_multiprocessor=info.max_invocations * 128,
        extra={"adapter": info.name, "backend": info.backend, "features": sorted(info.features)})
