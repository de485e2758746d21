"""The wgpu adapter and device kernels run on, and the capability record read from its features and limits."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
from pantile.targets.base import Capabilities
from pantile.targets.simt.target import simt_capabilities

INTEGER_TYPES = ("i1", "i8", "u8", "i32", "u32")     # 8-bit arrays moved as parts of words (narrow.py)
WARP_SIZE = 32     # invocations per lowering warp, at least (a subgroup where subgroups are larger)


# One invocation that shows how the adapter's compiler treats float arithmetic: fma(a, a, -b) with a = 1 + 2**-12
# and b = 1 + 2**-11 is 2**-24 when rounded once and 0 as a product and a sum; so are a * a - b and a * a + (-b),
# unless the compiler contracts them into an fma (NVIDIA's Vulkan driver does: Vulkan allows it without
# NoContraction, which naga drops; on the H100 kernels' products and sums came out fused while this probe's
# a * a - b did not, so the kernels' form, a product plus a negative, is probed too); (1 + 2**-30) - 1 is 0 as
# written and 2**-30 when reassociated. Then sqrt of SQRT_INPUTS, which a correctly rounded sqrt gives as numpy
# does (NVIDIA's is within 1 ulp, not correctly rounded: 4.6375025e-23 was off by 0.86 ulp). The inputs come from
# the buffer, so that nothing is folded at compile time.
PROBE_INPUTS = (1.0 + 2.0 ** -12, 1.0 + 2.0 ** -11, 1.0, 2.0 ** -30, -(1.0 + 2.0 ** -11))
PROBE_OUTPUTS = 4
SQRT_INPUTS = (4.6375025e-23, 2.0, 3.0, 5.0, 7.0, 10.0, 0.1, 1e-30, 3.4e38, 1.0000001, 0.99999994, 123456.79,
               6.02e23, 1.1754944e-38, 1.4e-45, 0.3)
FLOAT_PROBE = """
@group(0) @binding(0) var<storage, read_write> v: array<f32, %d>;
@compute @workgroup_size(1) fn main() {
    v[5] = fma(v[0], v[0], -v[1]);
    v[6] = (v[2] + v[3]) - v[2];
    v[7] = v[0] * v[0] - v[1];
    v[8] = v[0] * v[0] + v[4];
    for (var i = 0u; i < %du; i++) { v[9u + i] = sqrt(v[9u + i]); }
}
""" % (len(PROBE_INPUTS) + PROBE_OUTPUTS + len(SQRT_INPUTS), len(SQRT_INPUTS))

# One workgroup of the largest size that shows how the adapter packs invocations into subgroups: each writes its
# subgroup's size, its index in it and its neighbour's local index by a subgroup shuffle (invocation i ^ 1).
SUBGROUP_PROBE = """
@group(0) @binding(0) var<storage, read_write> v: array<u32>;
@compute @workgroup_size(%d) fn main(@builtin(local_invocation_index) i: u32, @builtin(subgroup_size) size: u32,
                                     @builtin(subgroup_invocation_id) lane: u32) {
    v[3u * i] = size;
    v[3u * i + 1u] = lane;
    v[3u * i + 2u] = subgroupShuffleXor(i, 1u);
}
"""
MAX_SUBGROUP = 128


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
    fused_fma: bool = True            # fma rounds once (measured: lavapipe computes it as a product and a sum)
    exact_arithmetic: bool = True     # float operations are neither reassociated nor contracted (measured;
                                      # logical.in_order otherwise)
    rounded_sqrt: bool = True         # sqrt is correctly rounded (measured on SQRT_INPUTS)
    subgroup_size: int = 0            # invocations per subgroup where they are packed in order (measured), else 0


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
        wanted = {"shader-f64", "shader-f16", "shader-int64", "subgroup"} & set(adapter.features)
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
        fused, exact, rounded_sqrt = self.float_behaviour()
        subgroup = self.subgroup_size() if "subgroup" in wanted else 0
        self.info = replace(self.info, fused_fma=fused, exact_arithmetic=exact, rounded_sqrt=rounded_sqrt,
                            subgroup_size=subgroup)

    def probe(self, code: str, data: np.ndarray) -> np.ndarray:
        """The buffer `data` after one workgroup of the WGSL compute shader `code` ran on it."""
        wgpu, device = self.wgpu, self.device
        buf = device.create_buffer_with_data(data=data, usage=wgpu.BufferUsage.STORAGE | wgpu.BufferUsage.COPY_SRC)
        pipeline = device.create_compute_pipeline(layout="auto", compute={
            "module": device.create_shader_module(code=code), "entry_point": "main"})
        group = device.create_bind_group(layout=pipeline.get_bind_group_layout(0),
                                         entries=[{"binding": 0, "resource": {"buffer": buf}}])
        encoder = device.create_command_encoder()
        compute = encoder.begin_compute_pass()
        compute.set_pipeline(pipeline)
        compute.set_bind_group(0, group)
        compute.dispatch_workgroups(1)
        compute.end()
        device.queue.submit([encoder.finish()])
        return np.frombuffer(device.queue.read_buffer(buf), data.dtype)

    def float_behaviour(self) -> tuple[bool, bool, bool]:
        """(fma rounds once, float arithmetic is computed as written, sqrt is correctly rounded), measured by one
        invocation of a probe."""
        roots = np.array(SQRT_INPUTS, np.float32)
        inputs = np.array(PROBE_INPUTS + (0.0,) * PROBE_OUTPUTS, np.float32)
        got = self.probe(FLOAT_PROBE, np.concatenate([inputs, roots]))
        fma, cancelled, *contracted = got[len(PROBE_INPUTS):len(inputs)]
        return bool(fma == 2.0 ** -24), bool(cancelled == 0.0 and not any(contracted)), \
            bool((got[len(inputs):] == np.sqrt(roots)).all())

    def subgroup_size(self) -> int:
        """The subgroup size where a full workgroup is packed into subgroups of one power-of-two size in order
        (invocation i is lane i % size) and shuffles within them work, as the lowering's warps need; else 0."""
        n = self.info.max_invocations
        try:
            got = self.probe(SUBGROUP_PROBE % n, np.zeros(3 * n, np.uint32)).reshape(n, 3)
        except self.wgpu.GPUError:     # wgpu's translator does not take the probe: no subgroups for kernels
            return 0
        size = int(got[0, 0])
        index = np.arange(n)
        packed = (got[:, 0] == size).all() and (got[:, 1] == index % max(size, 1)).all()
        if not (packed and 2 <= size <= min(MAX_SUBGROUP, n) and size & (size - 1) == 0
                and (got[:, 2] == index ^ 1).all()):
            return 0
        return size


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


# naga writes OpFRem as x - y * trunc(x / y), which is not the exact remainder
NAGA_INEXACT_MATH = ("mod:f32", "mod:f64", "fmod:f32", "fmod:f64")
# what needs fma rounded once: fma itself and exp10's correction term on f64
FMA_MATH = ("fma:f32", "fma:f64", "exp10:f64")
# what needs a correctly rounded sqrt
SQRT_MATH = ("sqrt_rn:f32", "sqrt_rn:f64")


def capabilities_of(info: AdapterInfo) -> Capabilities:
    """The capability record of an adapter: 32-bit types and i1 always, f64 and 64-bit integers where the adapter
    has them; 8- and 16-bit types are not (naga has no 8-bit integers, and f16 buffers need more than wgpu offers).
    Signed atomic min and max are not (naga takes their signedness from the buffer's element type, which LLVM
    declares unsigned), nor compare-and-swap (LLVM 22's Vulkan back end cannot legalize cmpxchg). Float mod is not
    exact through naga, nor fma where the probe found the adapter computes it as a product and a sum. No device print
    and no checked device assert (nothing carries their text back). Where the adapter packs invocations into
    subgroups in order, lanes of a subgroup exchange values by subgroup shuffles, and a warp is a subgroup if that
    has 32 lanes or more; elsewhere a warp is 32 invocations that exchange through workgroup memory."""
    ints = INTEGER_TYPES + (("i64", "u64") if "shader-int64" in info.features else ())
    floats = ("f32",) + (("f64",) if "shader-f64" in info.features else ())
    inexact = NAGA_INEXACT_MATH + (() if info.fused_fma else FMA_MATH) + (() if info.rounded_sqrt else SQRT_MATH)
    return simt_capabilities(
        warp_size=max(info.subgroup_size, WARP_SIZE),
        max_threads_per_program=info.max_invocations,
        shared_memory_bytes=info.workgroup_memory,
        dtypes=frozenset(ints + floats),
        dot_dtypes=frozenset(("f32",)),
        atomic_kinds=frozenset(("add", "umax", "umin", "and", "or", "xor", "xchg")),
        atomic_dtypes=frozenset(("i32", "u32")),
        max_grid=(info.max_workgroups,) * 3,
        multiprocessor_count=1,
        registers_per_multiprocessor=info.max_invocations * 128,
        unsupported_math=frozenset(inexact),
        device_print=False, device_assert=False,   # Vulkan compute shaders through wgpu have neither printf nor abort
        extra={"adapter": info.name, "backend": info.backend, "features": sorted(info.features),
               "fused_fma": info.fused_fma, "exact_arithmetic": info.exact_arithmetic,
               "rounded_sqrt": info.rounded_sqrt,
               "subgroup_size": info.subgroup_size,
               "lane_exchange": "subgroup shuffles" if info.subgroup_size else "workgroup memory"})
