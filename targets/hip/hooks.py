"""The SIMT hook set for AMD GPUs (LLVM's AMDGPU back end, code object v5).

Ids from `llvm.amdgcn.workitem.id.x` / `workgroup.id.*`, the grid size from the hidden block counts of
code object v5 (the implicit-argument pointer), `s_barrier` between workgroup-scoped release and acquire
fences, cross-lane exchange through `ds_bpermute` (any lane, wave32 and wave64 alike), LDS in address space 3,
atomics with the workgroup, agent and system scopes. No ROCm device library is linked, so math comes from
arithmetic (targets/llvm/arithmath.py) and LLVM's exactly lowered intrinsics (sqrt, floor, ceil, fdiv).
printf needs ROCm's hostcall or printf-buffer device library, which is not linked: the capability record says
device_print is False, so the pipeline refuses a print at the user's line. A failed device_assert ends the
kernel with `s_trap` (llvm.trap), which the HIP runtime reports as a fault (capabilities.assert_is_fatal).
"""
from __future__ import annotations

from typing import Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import ArithmeticMath, MathLib
from pantile.targets.llvm.types import external
from pantile.targets.simt.hooks import SimtHooks

from .arch import TRIPLE, MatrixInstruction
from .fragments import MatrixCoreHooks

I32 = llir.IntType(32)
I64 = llir.IntType(64)
NS_PER_REALTIME_TICK = 10      # the real-time counter's 100 MHz
# LLVM 22's AMDGPU data layout (the same for every gfx architecture); allocas would live in address space 5.
DATA_LAYOUT = ("e-m:e-p:64:64-p1:64:64-p2:32:32-p3:32:32-p4:64:64-p5:32:32-p6:32:32-p7:160:256:256:32-"
               "p8:128:128:128:48-p9:192:256:256:32-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-"
               "v256:256-v512:512-v1024:1024-v2048:2048-n32:64-S32-A5-G1-ni:7:8:9")
CODE_OBJECT_VERSION = 500            # the module flag takes 400, 500 or 600
SYNC_SCOPES = {"cta": "workgroup", "gpu": "agent", "sys": ""}
CONSTANT_ADDRSPACE = 4
_AXES = "xyz"


class UnsupportedOnDevice(ValueError):
    """A kernel uses a feature this target declares unsupported in its capability record."""


def _call(b: llir.IRBuilder, name: str, ret: llir.Type, args: Sequence[llir.Value]) -> llir.Value:
    return b.call(external(b, name, ret, [a.type for a in args]), list(args))


class AmdgpuHooks(MatrixCoreHooks, SimtHooks):
    """amdgpu_kernel entries for one gfx architecture and its wavefront size; tl.dot on its MFMA or WMMA."""

    triple = TRIPLE
    data_layout = DATA_LAYOUT
    global_addrspace = 1
    shared_addrspace = 3

    def __init__(self, wavefront: int, lds_bytes: int, matrix: tuple[MatrixInstruction, ...] = ()) -> None:
        self.warp_size = wavefront
        self.static_shared_limit = lds_bytes      # LDS is allocated statically; nothing is dynamic
        self.matrix = matrix                      # the architecture's MFMA or WMMA instructions

    # ids ---------------------------------------------------------------
    def thread_id(self, b: llir.IRBuilder) -> llir.Value:
        """llvm.amdgcn.workitem.id.x."""
        return _call(b, "llvm.amdgcn.workitem.id.x", I32, [])

    def program_id(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """llvm.amdgcn.workgroup.id.{x,y,z}."""
        return _call(b, f"llvm.amdgcn.workgroup.id.{_AXES[axis]}", I32, [])

    def num_programs(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """hidden_block_count_{x,y,z}: the first three i32 of code object v5's implicit arguments."""
        base = _call(b, "llvm.amdgcn.implicitarg.ptr", llir.PointerType(addrspace=CONSTANT_ADDRSPACE), [])
        return b.load(b.gep(base, [I32(axis)], source_etype=I32, inbounds=True), typ=I32, align=4)

    def clock_ns(self, b: llir.IRBuilder) -> llir.Value:
        """The real-time counter (s_memrealtime; s_sendmsg_rtn GET_REALTIME from RDNA3), which ticks at a fixed
        100 MHz on the GFX9 and later chips pantile targets, in nanoseconds."""
        ticks = _call(b, "llvm.readsteadycounter", I64, [])
        return b.mul(ticks, llir.Constant(I64, NS_PER_REALTIME_TICK))

    # synchronisation and exchange ----------------------------------------
    def barrier(self, b: llir.IRBuilder) -> None:
        """fence release (workgroup); s_barrier; fence acquire (workgroup), as HIP's __syncthreads."""
        b.fence("release", "workgroup")
        _call(b, "llvm.amdgcn.s.barrier", llir.VoidType(), [])
        b.fence("acquire", "workgroup")

    def lane_id(self, b: llir.IRBuilder) -> llir.Value:
        """This lane's index in its wave (v_mbcnt_lo, and v_mbcnt_hi on wave64)."""
        lane = _call(b, "llvm.amdgcn.mbcnt.lo", I32, [I32(-1), I32(0)])
        if self.warp_size == 64:
            lane = _call(b, "llvm.amdgcn.mbcnt.hi", I32, [I32(-1), lane])
        return lane

    def shuffle_idx(self, b: llir.IRBuilder, value: llir.Value, lane: llir.Value) -> llir.Value:
        """ds_bpermute_b32 (its address is the source lane times 4)."""
        return _call(b, "llvm.amdgcn.ds.bpermute", I32, [b.shl(lane, I32(2)), value])

    def shuffle_xor(self, b: llir.IRBuilder, value: llir.Value, lane_mask: int) -> llir.Value:
        """ds_bpermute from lane ^ lane_mask."""
        return self.shuffle_idx(b, value, b.xor(self.lane_id(b), I32(lane_mask)))

    def shuffle_up(self, b: llir.IRBuilder, value: llir.Value, delta: int) -> llir.Value:
        """ds_bpermute from lane - delta; lanes below delta read themselves."""
        lane = self.lane_id(b)
        below = b.icmp_unsigned("<", lane, I32(delta))
        return self.shuffle_idx(b, value, b.select(below, lane, b.sub(lane, I32(delta))))

    # memory ----------------------------------------------------------------
    def dynamic_shared(self, module: llir.Module) -> llir.Value:
        """Never needed: the static limit is the work-group's whole LDS."""
        raise UnsupportedOnDevice(f"the kernel needs more LDS than the architecture has ({self.static_shared_limit} "
                                  "bytes); use smaller blocks or fewer stages")

    def atomic_scope(self, scope: str) -> str:
        """cta -> workgroup, gpu -> agent, sys -> the system scope."""
        return SYNC_SCOPES[scope]

    # math --------------------------------------------------------------------
    def math_library(self) -> MathLib:
        """Arithmetic math (no device library); sqrt, floor and ceil from LLVM's AMDGPU lowering."""
        return ArithmeticMath()

    # kernels -----------------------------------------------------------------
    def declare_kernel(self, module: llir.Module, name: str, arg_types: Sequence[llir.Type],
                       num_threads: int) -> llir.Function:
        """An amdgpu_kernel whose flat work-group size is exactly the program's threads, in a code object v5
        module."""
        fn = llir.Function(module, llir.FunctionType(llir.VoidType(), list(arg_types)), name)
        fn.calling_convention = "amdgpu_kernel"
        for i, t in enumerate(arg_types):
            if isinstance(t, llir.PointerType):
                fn.args[i].add_attribute("noalias")
        # string attributes: llvmlite's FunctionAttributes.add knows only keyword attributes
        set.add(fn.attributes, f'"amdgpu-flat-work-group-size"="{num_threads},{num_threads}"')
        flags = module.add_named_metadata("llvm.module.flags")
        flags.add(module.add_metadata([I32(1), "amdhsa_code_object_version", I32(CODE_OBJECT_VERSION)]))
        return fn

    def printf(self, b: llir.IRBuilder, fmt: str, args: Sequence[llir.Value]) -> None:
        """Never reached: check-device-print refuses prints first (capabilities.device_print is False)."""
        raise UnsupportedOnDevice("device printf needs ROCm's device library, which pantile does not link")

    def assert_fail(self, b: llir.IRBuilder, message: str, file: str, line: int, function: str) -> None:
        """s_trap: the wave ends and the HIP runtime reports the fault (no message: no hostcall)."""
        _call(b, "llvm.trap", llir.VoidType(), [])
