"""The SIMT hook set for SPIR-V in the OpenCL flavour (Intel GPUs and Intel's CPU runtime).

Ids, barriers, sub-group shuffles and math are calls of OpenCL C builtins
(`spir_func`, Itanium-mangled; targets/spirv/opencl.py); LLVM's SPIR-V back end turns them into SPIR-V
builtin variables, OpControlBarrier, OpGroupNonUniformShuffle* and
OpenCL.std extended instructions. A program is one work-group whose sub-group
size is required at compile time (`intel_reqd_sub_group_size`), so the
lowering's warp is exactly one sub-group.
"""
from __future__ import annotations

from typing import Optional, Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import MathLib
from pantile.targets.llvm.types import const, element, intrinsic
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.spirv.module import OPENCL_DATA_LAYOUT, OPENCL_TRIPLE
from pantile.targets.llvm.atomic_access import bits_type
from pantile.targets.spirv.opencl import PRINTF, SYNC_SCOPES, OpenCLMath, call_builtin, type_code

I32 = llir.IntType(32)
I64 = llir.IntType(64)
SPIRV_SCOPES = {"cta": 2, "gpu": 1, "sys": 0}      # SPIR-V Scope: Workgroup, Device, CrossDevice
_CROSS_WORKGROUP_MEMORY = 0x200                     # SPIR-V memory semantics: the order covers global memory
_ORDER_BITS = {"relaxed": 0, "acquire": 0x2, "release": 0x4}


def _semantics(sem: str) -> int:
    """The SPIR-V memory semantics of an atomic load or store with memory order `sem` on global memory."""
    return _ORDER_BITS[sem] | (_CROSS_WORKGROUP_MEMORY if _ORDER_BITS[sem] else 0)
CLK_LOCAL_MEM_FENCE = 1
CLK_GLOBAL_MEM_FENCE = 2

class IntelMath(OpenCLMath):
    """OpenCL math, with negation as fma(x, -1, -0): Intel's OpenCL CPU compiler does not keep the value of an
    `fneg` per work-item across a barrier (after it, every work-item reads the last one's value; a scalar kernel
    shows it too, so not the vectoriser). Its optimiser turns x * -1, -0 - x and a sign-bit xor of an arithmetic
    result into that `fneg`, but not this fma, which is -x exactly (zeros and infinities included; a NaN stays a
    NaN, its sign unspecified as docs/floating-point.md says). Reproducer: tests/intel/test_intel_compiler_bugs.py."""

    def neg(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """-x as fma(x, -1, -0)."""
        return intrinsic(b, "llvm.fma", x.type, [x, const(element(x.type), -1.0, x), const(element(x.type), -0.0, x)])


class VolatileLoad(llir.LoadInstr):
    """`load volatile` (llvmlite's builder writes no volatile loads)."""

    def descr(self, buf: list) -> None:
        """The load's text with the volatile flag."""
        text: list = []
        super().descr(text)
        buf.append("load volatile" + "".join(text)[len("load"):])


class IntelHooks(SimtHooks):
    """OpenCL-flavoured SPIR-V: one work-group per program, one required sub-group size per kernel."""

    triple = OPENCL_TRIPLE
    data_layout = OPENCL_DATA_LAYOUT
    global_addrspace = 1
    shared_addrspace = 3
    printf_long = "l"               # OpenCL C's printf: "l" is 64 bits, "ll" is reserved

    def __init__(self, sub_group_size: int, local_memory: int, debug: bool = False) -> None:
        self.warp_size = sub_group_size
        self.static_shared_limit = local_memory   # OpenCL local memory is sized statically
        # With debug on, kernels take one more argument: four i32, the failed assertion's number and program ids.
        # (A program-scope flag variable would be simpler, but LLVM 22 then rejects printf's format string.)
        self.debug = debug
        self.assertions: list[str] = []           # messages of the assertions lowered so far, by number - 1

    # ids ---------------------------------------------------------------
    def _id(self, b: llir.IRBuilder, name: str, axis: int) -> llir.Value:
        wide = call_builtin(b, name, I64, [llir.Constant(I32, axis)], ["j"])
        return b.trunc(wide, I32)

    def thread_id(self, b: llir.IRBuilder) -> llir.Value:
        """get_local_id(0)."""
        return self._id(b, "get_local_id", 0)

    def program_id(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """get_group_id(axis)."""
        return self._id(b, "get_group_id", axis)

    def num_programs(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """get_num_groups(axis)."""
        return self._id(b, "get_num_groups", axis)

    # synchronisation and exchange ----------------------------------------
    def barrier(self, b: llir.IRBuilder) -> None:
        """barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE): a work-group barrier."""
        flags = llir.Constant(I32, CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
        call_builtin(b, "barrier", llir.VoidType(), [flags], ["j"], convergent=True)

    def shuffle_xor(self, b: llir.IRBuilder, value: llir.Value, lane_mask: int) -> llir.Value:
        """sub_group_shuffle_xor (cl_khr_subgroup_shuffle)."""
        return call_builtin(b, "sub_group_shuffle_xor", I32, [value, llir.Constant(I32, lane_mask)], ["i", "j"],
                            convergent=True)

    def shuffle_idx(self, b: llir.IRBuilder, value: llir.Value, lane: llir.Value) -> llir.Value:
        """sub_group_shuffle (cl_khr_subgroup_shuffle)."""
        return call_builtin(b, "sub_group_shuffle", I32, [value, lane], ["i", "j"], convergent=True)

    def shuffle_up(self, b: llir.IRBuilder, value: llir.Value, delta: int) -> llir.Value:
        """An indexed shuffle from lane - delta; lanes below delta read themselves."""
        lane = call_builtin(b, "get_sub_group_local_id", I32, [], [])
        below = b.icmp_unsigned("<", lane, llir.Constant(I32, delta))
        source = b.select(below, lane, b.sub(lane, llir.Constant(I32, delta)))
        return self.shuffle_idx(b, value, source)

    # memory ----------------------------------------------------------------
    def dynamic_shared(self, module: llir.Module) -> llir.Value:
        """Never needed: the static limit is the device's whole local memory."""
        raise ValueError("the kernel needs more local memory than the OpenCL device has "
                         f"({self.static_shared_limit} bytes); use smaller blocks or fewer stages")

    def atomic_scope(self, scope: str) -> str:
        """workgroup, device or (for 'sys') CrossDevice."""
        return SYNC_SCOPES[scope]

    def atomic_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, sem: str, scope: str) -> llir.Value:
        """OpAtomicLoad, called for by name: LLVM's SPIR-V back end makes `load atomic` a plain OpLoad."""
        bits = bits_type(typ)
        got = call_builtin(b, "__spirv_AtomicLoad", bits, [ptr, const(I32, SPIRV_SCOPES[scope]),
                                                            const(I32, _semantics(sem))],
                           [f"PU3AS{self.global_addrspace}{type_code(bits)}", "i", "i"])
        return got if bits == typ else b.bitcast(got, typ)

    def atomic_store(self, b: llir.IRBuilder, value: llir.Value, ptr: llir.Value, sem: str, scope: str) -> None:
        """OpAtomicStore, called for by name: LLVM's SPIR-V back end makes `store atomic` a plain OpStore."""
        bits = bits_type(value.type)
        data = value if bits == value.type else b.bitcast(value, bits)
        call_builtin(b, "__spirv_AtomicStore", llir.VoidType(), [ptr, const(I32, SPIRV_SCOPES[scope]),
                                                                 const(I32, _semantics(sem)), data],
                     [f"PU3AS{self.global_addrspace}{type_code(bits)}", "i", "i", type_code(bits)])

    def shared_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, align: Optional[int],
                    warp_uniform: bool) -> llir.Value:
        """A load from local memory; volatile where every lane of a sub-group reads one address that varies
        between sub-groups: Intel's CPU compiler turns such loads, left free, into a gather whose pairs of 32-bit
        indices it then uses as one 64-bit index, and the kernel reads far outside local memory (SIGSEGV; fuzz
        seeds 21, 1228 and 1298; docs/intel-opencl-cpu.md)."""
        if not warp_uniform:
            return b.load(ptr, typ=typ, align=align)
        load = VolatileLoad(b.block, ptr, typ=typ)
        load.align = align
        b._insert(load)     # what IRBuilder.load does with the instruction it makes
        return load

    # math --------------------------------------------------------------------
    def math_library(self) -> MathLib:
        """OpenCL C builtins, which the SPIR-V back end turns into OpenCL.std instructions (IntelMath)."""
        return IntelMath()

    # kernels -----------------------------------------------------------------
    def declare_kernel(self, module: llir.Module, name: str, arg_types: Sequence[llir.Type],
                       num_threads: int) -> llir.Function:
        """A spir_kernel with its sub-group size required (the launcher sets the work-group size); with debug
        on, the assertion flag is its last argument."""
        # Only one function metadata entry: llvmlite prints several with a comma LLVM cannot parse.
        extra = [llir.PointerType(addrspace=self.global_addrspace)] if self.debug else []
        fn = llir.Function(module, llir.FunctionType(llir.VoidType(), list(arg_types) + extra), name)
        fn.calling_convention = "spir_kernel"
        fn.set_metadata("intel_reqd_sub_group_size", module.add_metadata([llir.Constant(I32, self.warp_size)]))
        return fn

    def printf(self, b: llir.IRBuilder, fmt: str, args: Sequence[llir.Value]) -> None:
        """OpenCL printf with the format string in the constant address space."""
        module = b.module
        data = bytearray(fmt.encode()) + b"\0"
        ty = llir.ArrayType(llir.IntType(8), len(data))
        g = llir.GlobalVariable(module, ty, module.get_unique_name("pantile_fmt"), addrspace=2)
        g.linkage = "internal"
        g.global_constant = True
        g.initializer = llir.Constant(ty, data)
        fn = module.globals.get(PRINTF)
        if fn is None:
            fn = llir.Function(module, llir.FunctionType(I32, [llir.PointerType(addrspace=2)], var_arg=True), PRINTF)
            fn.calling_convention = "spir_func"
        call = b.call(fn, [g] + list(args))
        call.calling_convention = "spir_func"

    def assert_fail(self, b: llir.IRBuilder, message: str, file: str, line: int, function: str) -> None:
        """Print the failure; the first failing program stores the assertion's number and its program ids into
        the four-word assertion-flag argument, which the launcher checks after the launch (OpenCL kernels
        cannot abort)."""
        text = f"{file}:{line}: device assertion failed: {message}"
        self.printf(b, text + "\n", [])
        if text not in self.assertions:
            self.assertions.append(text)
        flag = b.function.args[-1]
        number = llir.Constant(I32, self.assertions.index(text) + 1)
        first = b.extract_value(b.cmpxchg(flag, llir.Constant(I32, 0), number, "monotonic", "monotonic"), 1)
        with b.if_then(first):
            for axis in range(3):
                b.store(self.program_id(b, axis), b.gep(flag, [llir.Constant(I32, axis + 1)], source_etype=I32))
