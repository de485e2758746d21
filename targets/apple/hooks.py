"""The SIMT hook set for Vulkan-flavour SPIR-V (wgpu): `llvm.spv.*` intrinsics for ids, barriers and subgroup
shuffles.

Global pointers stay plain pointers here; logical.py rewrites them into storage-buffer accesses after the
lowering. The number of programs is not a SPIR-V builtin that LLVM offers: it is read from the scalar words
through a placeholder call that the rewrite replaces.
"""
from __future__ import annotations

from typing import Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import MathLib
from pantile.targets.llvm.arithmath import ArithmeticMath
from pantile.targets.simt.hooks import SimtHooks

from .logical import NUM_PROGRAMS, opaque_gep

I32 = llir.IntType(32)
EXCHANGE = "pantile_exchange"
VULKAN_TRIPLE = "spirv-unknown-vulkan1.3-compute"


class VulkanUnsupported(NotImplementedError):
    """Something the Vulkan flavour does not lower yet; the message says what."""


def _intrinsic(b: llir.IRBuilder, name: str, ret: llir.Type, args: Sequence[llir.Value]) -> llir.Value:
    module = b.module
    fn = module.globals.get(name) or llir.Function(module, llir.FunctionType(ret, [a.type for a in args]), name)
    return b.call(fn, list(args))


class VulkanHooks(SimtHooks):
    """One workgroup per program. Lanes of one subgroup exchange values by subgroup shuffles
    (OpGroupNonUniformShuffle) where the adapter has them; other exchanges go through workgroup memory. A warp is
    a subgroup where subgroups have 32 lanes or more, else 32 invocations (lavapipe's subgroups have 8: lanes 8
    apart meet in workgroup memory)."""

    triple = VULKAN_TRIPLE
    data_layout = ""
    global_addrspace = 1
    shared_addrspace = 3

    def __init__(self, warp_size: int, workgroup_memory: int, subgroup_size: int) -> None:
        self.warp_size = warp_size
        self.subgroup_size = subgroup_size       # 0: none the lowering may use (device.py measures it)
        self.lane_shuffles = subgroup_size > 0   # False: every shuffle is a workgroup-memory exchange
        self.static_shared_limit = workgroup_memory
        self.kernel: llir.Function | None = None
        self.num_threads = 0

    def thread_id(self, b: llir.IRBuilder) -> llir.Value:
        """LocalInvocationId.x."""
        return _intrinsic(b, "llvm.spv.thread.id.in.group.i32", I32, [I32(0)])

    def program_id(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """WorkgroupId[axis]."""
        return _intrinsic(b, "llvm.spv.group.id.i32", I32, [I32(axis)])

    def num_programs(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """The grid size, a word of the scalar buffer (placeholder call until the rewrite)."""
        return _intrinsic(b, NUM_PROGRAMS, I32, [I32(axis)])

    def barrier(self, b: llir.IRBuilder) -> None:
        """A workgroup control barrier that orders workgroup memory."""
        _intrinsic(b, "llvm.spv.group.memory.barrier.with.group.sync", llir.VoidType(), [])

    def _subgroup(self, b: llir.IRBuilder, value: llir.Value, source: llir.Value) -> llir.Value:
        """`value` of invocation `source` of this subgroup (the adapter packs invocation i into lane
        i % subgroup_size)."""
        lane = b.and_(source, I32(self.subgroup_size - 1))
        return _intrinsic(b, "llvm.spv.wave.readlane.i32", I32, [value, lane])

    def _exchange(self, b: llir.IRBuilder, value: llir.Value, source: llir.Value) -> llir.Value:
        """`value` of invocation `source`: a subgroup shuffle where a warp is one subgroup, else through one
        workgroup word per invocation between barriers."""
        if self.subgroup_size == self.warp_size:
            return self._subgroup(b, value, source)
        words = b.module.globals.get(EXCHANGE)
        if words is None:
            ty = llir.ArrayType(I32, self.num_threads)
            words = llir.GlobalVariable(b.module, ty, EXCHANGE, addrspace=self.shared_addrspace)
            words.linkage, words.initializer = "internal", llir.Constant(ty, llir.Undefined)
        self.barrier(b)
        b.store(value, opaque_gep(b, words, [self.thread_id(b)], I32))
        self.barrier(b)
        return b.load(opaque_gep(b, words, [source], I32), typ=I32)

    def shuffle_xor(self, b: llir.IRBuilder, value: llir.Value, lane_mask: int) -> llir.Value:
        """The value of invocation (this one xor lane_mask): in this subgroup where lane_mask is below its size."""
        source = b.xor(self.thread_id(b), I32(lane_mask))
        if lane_mask < self.subgroup_size:
            return self._subgroup(b, value, source)
        return self._exchange(b, value, source)

    def shuffle_up(self, b: llir.IRBuilder, value: llir.Value, delta: int) -> llir.Value:
        """The value of lane - delta; lanes below delta read themselves."""
        tid = self.thread_id(b)
        lane = b.and_(tid, I32(self.warp_size - 1))
        return self._exchange(b, value, b.select(b.icmp_unsigned("<", lane, I32(delta)), tid, b.sub(tid, I32(delta))))

    def shuffle_idx(self, b: llir.IRBuilder, value: llir.Value, lane: llir.Value) -> llir.Value:
        """The value of lane `lane` of this warp."""
        warp_base = b.and_(self.thread_id(b), I32(~(self.warp_size - 1) & 0xFFFFFFFF))
        return self._exchange(b, value, b.or_(warp_base, lane))

    def dynamic_shared(self, module: llir.Module) -> llir.Value:
        """Never needed: workgroup memory is sized statically."""
        raise ValueError(f"the kernel needs more workgroup memory than the device has ({self.static_shared_limit} "
                         "bytes); use smaller blocks or fewer stages")

    def atomic_scope(self, scope: str) -> str:
        """workgroup for 'cta', else device (Vulkan has no cross-device scope)."""
        return "workgroup" if scope == "cta" else "device"

    def math_library(self) -> MathLib:
        """Transcendentals built from arithmetic: GLSL.std.450's are far looser than OpenCL's bounds for f32, and
        are not defined on f64 at all."""
        return ArithmeticMath()

    def declare_kernel(self, module: llir.Module, name: str, arg_types: Sequence[llir.Type],
                       num_threads: int) -> llir.Function:
        """A plain function with the kernel's parameters; logical.py turns them into bindings."""
        self.num_threads = num_threads
        self.kernel = llir.Function(module, llir.FunctionType(llir.VoidType(), list(arg_types)), name)
        return self.kernel

    def printf(self, b: llir.IRBuilder, fmt: str, args: Sequence[llir.Value]) -> None:
        """Not available: Vulkan compute shaders have no printf through wgpu."""
        raise VulkanUnsupported("device_print is not available on Vulkan SPIR-V through wgpu")

    def assert_fail(self, b: llir.IRBuilder, message: str, file: str, line: int, function: str) -> None:
        """Not available yet (no assertion buffer)."""
        raise VulkanUnsupported("device_assert is not lowered for Vulkan SPIR-V yet")
