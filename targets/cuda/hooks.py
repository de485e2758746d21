"""The SIMT hook set for NVIDIA GPUs (NVPTX): special registers, bar.sync, shfl.sync, vprintf.

Math: exp2 uses the MUFU approximation (ex2.approx.ftz, within 2 ulp, subnormal results flushed as Triton's), sqrt and
rsqrt the approximate forms, as Triton does; exp, log and log2 use the shared
arithmetic versions instead (folding the base change into ex2.approx costs up
to 50 ulp, and lg2.approx's error bound is absolute: 10 ulp near 1, beyond
OpenCL's 3); `/` in f32 is div.full.f32 (2 ulp); sqrt_rn and div_rn stay
correctly rounded; sin, cos and erf use the shared arithmetic versions; f64 exp, exp2, log, log2, sin, cos and erf come
from targets/llvm/f64math.py.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import ArithmeticMath
from pantile.targets.llvm.types import element, external
from pantile.targets.simt.hooks import SimtHooks
from pantile.targets.simt.values import nbytes

from pantile.targets.simt.dot import chained

from . import mma, mma_kinds, tma, tma_descriptor, wgmma, wgmma_chain
from .arch import TRIPLE

I32 = llir.IntType(32)
I64 = llir.IntType(64)
F32 = llir.FloatType()
FULL_MASK = I32(0xFFFFFFFF)
DATA_LAYOUT = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
SYNC_SCOPES = {"cta": "block", "gpu": "device", "sys": ""}
_AXES = "xyz"


def _call(b: llir.IRBuilder, name: str, ret: llir.Type, args: Sequence[llir.Value]) -> llir.Value:
    fn = external(b, name, ret, [a.type for a in args])
    return b.call(fn, list(args))


_CACHE = {"ca": ".ca", "cg": ".cg", "cv": ".cv"}


def _words(typ: llir.Type) -> Optional[tuple[int, int]]:
    """(registers, bits per register) moving a value of `typ` (2 to 16 bytes), or None."""
    count = typ.count if isinstance(typ, llir.VectorType) else 1
    size = count * nbytes(typ.element if isinstance(typ, llir.VectorType) else typ)
    if size == 2:
        return 1, 16
    if size in (4, 8, 16):
        return size // 4, 32
    return None


def _split(b: llir.IRBuilder, value: llir.Value, reg: llir.Type, count: int) -> list:
    """`value` reinterpreted as `count` registers of type `reg`."""
    bits = b.bitcast(value, llir.VectorType(reg, count) if count > 1 else reg) if not isinstance(
        value.type, llir.PointerType) else b.ptrtoint(value, reg)
    return [b.extract_element(bits, I32(i)) for i in range(count)] if count > 1 else [bits]


def _join(b: llir.IRBuilder, parts: list, typ: llir.Type) -> llir.Value:
    """Registers put back together as a value of `typ`."""
    if len(parts) == 1:
        return b.bitcast(parts[0], typ) if parts[0].type != typ else parts[0]
    vec = llir.Constant(llir.VectorType(parts[0].type, len(parts)), None)
    for i, p in enumerate(parts):
        vec = b.insert_element(vec, p, I32(i))
    return b.bitcast(vec, typ)


class CudaMath(ArithmeticMath):
    """f32 math with NVIDIA's fast instructions where they are accurate enough; the rest from arithmetic
    (targets/llvm/arithmath.py)."""

    fused_exp = True    # fma.rn.f32: 6 instructions fewer per exp than separate multiplies and adds

    def __init__(self, bf16_cvt: bool = False) -> None:
        self.bf16_cvt = bf16_cvt        # round f32 to bf16 with cvt.rn.bf16.f32

    def round_to(self, b: llir.IRBuilder, x: llir.Value, dst: str) -> Optional[llir.Value]:
        """cvt.rn.bf16.f32 for f32 -> bf16 where enabled (sm_90a: the shared software rounding needs enough
        registers to make the wgmma epilogue of 128x256 tiles spill); else the shared conversion."""
        if not self.bf16_cvt or dst != "bf16" or x.type != F32:
            return None
        return b.asm(llir.FunctionType(llir.IntType(16), [F32]), "cvt.rn.bf16.f32 $0, $1;", "=h,f", [x], False)

    def _approx(self, b: llir.IRBuilder, name: str, x: llir.Value) -> llir.Value:
        return _call(b, f"llvm.nvvm.{name}", F32, [x])

    def exp2(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """2**x with ex2.approx.ftz.f32 (2 ulp; results below 2**-126 are 0), as Triton's tl.exp2: without .ftz,
        ptxas guards every MUFU.EX2 with a compare and two scaling multiplies, about 100 SASS instructions per
        iteration of the attention forward's online softmax; f64 from arithmetic."""
        if element(x.type) != F32:
            return super().exp2(b, x)
        return self._approx(b, "ex2.approx.ftz.f", x)

    def div(self, b: llir.IRBuilder, x: llir.Value, y: llir.Value) -> llir.Value:
        """f32 `/` with div.full.f32 (2 ulp over the whole range, subnormals kept, as Triton's `/`): OpenCL's
        2.5 ulp allow it, and it takes no slow path as div.rn.f32 does; tl.div_rn stays div.rn.f32."""
        if element(x.type) != F32:
            return super().div(b, x, y)
        if not isinstance(x.type, llir.VectorType):
            return _call(b, "llvm.nvvm.div.full", F32, [x, y])
        lanes = [_call(b, "llvm.nvvm.div.full", F32, [b.extract_element(x, I32(i)), b.extract_element(y, I32(i))])
                 for i in range(x.type.count)]
        out = llir.Constant(x.type, llir.Undefined)
        for i, v in enumerate(lanes):
            out = b.insert_element(out, v, I32(i))
        return out

    def sqrt(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """sqrt.approx.f32 for f32 (tl.sqrt), the correctly rounded one for f64."""
        if element(x.type) != F32:
            return super().sqrt_rn(b, x)
        return self._approx(b, "sqrt.approx.f", x)

    def rsqrt(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """rsqrt.approx for f32 and f64."""
        name = "rsqrt.approx.f" if element(x.type) == F32 else "rsqrt.approx.d"
        return _call(b, f"llvm.nvvm.{name}", element(x.type), [x])


class CudaHooks(SimtHooks):
    """NVPTX: ptx_kernel entry, %tid/%ctaid/%nctaid, bar.sync 0, shfl.sync, vprintf, __assertfail."""

    triple = TRIPLE
    data_layout = DATA_LAYOUT
    warp_size = 32
    global_addrspace = 1
    shared_addrspace = 3
    fence_atomic_rmw = True    # LLVM 22's NVPTX emits atomicrmw as a relaxed atom whatever its order

    def __init__(self, tensor_cores: bool = False, max_registers: Optional[int] = None, wgmma: bool = False,
                 matrix_stores: bool = False) -> None:
        self.tensor_cores = tensor_cores       # mma.sync, ldmatrix and cp.async (sm_80 and newer)
        self.matrix_stores = matrix_stores     # stmatrix (sm_90 and newer)
        self.max_registers = max_registers     # .maxnreg of the kernel, when asked for
        self.wgmma = wgmma                     # wgmma.mma_async for the dots it tiles (sm_90a)
        if wgmma:       # the swizzle patterns start at 1024-byte boundaries; a running wgmma reads one more slot
            self.matrix_operand_alignment, self.matrix_slots_in_use = 1024, 1
            self.tensor_map_type, self.max_tile_box = tma.TENSOR_MAP, tma.MAX_BOX     # TMA copies (tma.py)

    def tile_copy_addressable(self, element: str, base_bytes: int, stride_bytes: int, column_bytes: int,
                              row_bytes: Optional[int]) -> bool:
        """TMA: an element type of the tensor map's; base, row stride, first column and (stores) row length
        multiples of 16 bytes."""
        return tma.addressable(element, base_bytes, stride_bytes, column_bytes, row_bytes)

    def tensor_map_write(self, b: llir.IRBuilder, staging: llir.Value, slot: llir.Value, lane: llir.Value,
                         base: llir.Value, shape: Sequence[llir.Value], strides: Sequence[llir.Value],
                         desc_type: Any) -> None:
        """tensormap.replace in shared memory, then tensormap.cp_fenceproxy and the acquire fence."""
        tma_descriptor.write(b, staging, slot, lane, base, shape, strides, desc_type)

    def tensor_map_address(self, b: llir.IRBuilder, slot: llir.Value) -> llir.Value:
        """The map's generic address."""
        return tma_descriptor.address(b, slot)

    def tile_barrier_init(self, b: llir.IRBuilder, barrier: llir.Value, arrivals: int) -> None:
        """mbarrier.init."""
        tma.barrier_init(b, barrier, arrivals)

    def tile_barriers_initialised(self, b: llir.IRBuilder) -> None:
        """fence.mbarrier_init."""
        tma.barriers_initialised(b)

    def tile_expect(self, b: llir.IRBuilder, barrier: llir.Value, nbytes: int) -> None:
        """mbarrier.arrive.expect_tx."""
        tma.expect(b, barrier, nbytes)

    def tile_copy(self, b: llir.IRBuilder, tensor_map: llir.Value, dst: llir.Value, coords: Sequence[llir.Value],
                  barrier: llir.Value) -> None:
        """cp.async.bulk.tensor with mbarrier completion."""
        tma.copy(b, tensor_map, dst, coords, barrier)

    def tile_barrier_wait(self, b: llir.IRBuilder, barrier: llir.Value, phase: llir.Value) -> None:
        """mbarrier.try_wait.parity in a loop."""
        tma.wait(b, barrier, phase)

    def tile_barrier_release(self, b: llir.IRBuilder, barrier: llir.Value) -> None:
        """mbarrier.inval."""
        tma.release(b, barrier)

    def tile_store_fence(self, b: llir.IRBuilder) -> None:
        """fence.proxy.async.shared::cta."""
        tma.shared_written(b)

    def tile_store(self, b: llir.IRBuilder, tensor_map: llir.Value, src: llir.Value,
                   coords: Sequence[llir.Value]) -> None:
        """cp.async.bulk.tensor from shared memory, in a bulk group."""
        tma.store(b, tensor_map, src, coords)

    def tile_stores_read(self, b: llir.IRBuilder) -> None:
        """cp.async.bulk.commit_group, then cp.async.bulk.wait_group.read 0."""
        tma.stores_read(b)

    def _wgmma(self, m: int, n: int, k: int, num_warps: int, chained: bool,
               kind: Optional[wgmma.Kind] = wgmma.KINDS["f16"]) -> Optional[wgmma.Tiling]:
        """The wgmma tiling of a dot of `kind` inputs, where it runs on wgmma: sm_90a, a shape wgmma covers, and
        for one of a chain (16-bit inputs), warpgroups along M only (wgmma_chain: A then comes from the previous
        dot's registers)."""
        if not self.wgmma or kind is None:
            return None
        if chained:
            return wgmma_chain.chain_tiling(m, n, k, num_warps) if kind.transposable else None
        return wgmma.tiling(m, n, k, num_warps, kind.k)

    def dot_layouts(self, a: Any, b: Any, acc: Any, num_warps: int, chained: bool = False,
                    precision: Optional[str] = None) -> Optional[tuple]:
        """The wgmma accumulator layout (sm_90a: f16/bf16, tf32 and fp8 into f32 where it tiles), else mma.sync's
        on sm_80+: f16/bf16 into f32 (m16n8k16), f32 at tf32 precision (m16n8k8), 8-bit integers into i32."""
        if not self.tensor_cores:
            return None
        kinds = wgmma.dot_kinds(a, b, acc, precision) if self.wgmma else None
        t = kinds and self._wgmma(a.shape[0], b.shape[1], a.shape[1], num_warps, chained, kinds[0])
        if t:
            return (wgmma.accumulator_layout(t),)
        return mma.dot_layouts(a, b, acc, num_warps, chained) or mma_kinds.dot_layouts(a, b, acc, num_warps,
                                                                                      chained, precision)

    def operand_swizzle(self, operand: int, shape: tuple, elem_bytes: int, num_warps: int, m: int, n: int,
                        chained: bool = False, contiguous_dim: int = 1, element: str = "") -> Any:
        """wgmma's swizzle mode for its operands (B K-major where it arrives column by column or its type has no
        MN-major form), else the swizzle ldmatrix reads without bank conflicts (16-bit inputs), or the other
        kinds' fragments' vector reads."""
        kind = wgmma.KINDS.get(element)
        t = self._wgmma(m, n, shape[1 - operand], num_warps, chained, kind)
        if t is not None and chained:
            return wgmma_chain.operand_placement(operand, t, elem_bytes, contiguous_dim)
        if t is not None:
            return wgmma.operand_placement(operand, t, elem_bytes, not kind.transposable or contiguous_dim == 0)
        place = mma.operand_swizzle if elem_bytes == 2 else mma_kinds.operand_swizzle
        return place(operand, tuple(shape), elem_bytes, num_warps, m, n, chained, contiguous_dim)

    def a_in_registers(self, layout: Any, elem_bytes: int, n: int, num_warps: int, chained: bool = False) -> bool:
        """True when every mma.sync.m16n8k16 A fragment half already sits in the thread holding A in `layout`
        (wgmma's register A fragments of a chained dot sit alike; unchained, it reads A from shared memory)."""
        m, k = layout.shape
        if elem_bytes != 2 or not chained and self._wgmma(m, n, k, num_warps, chained) is not None:
            return False
        return mma.a_from_registers(layout, n, num_warps, chained) is not None

    def lower_dot(self, lw: Any, op: Any, a_tile: Any, b_tile: Any) -> None:
        """wgmma per warpgroup, instruction and k step; else for 16-bit inputs ldmatrix per k step and one
        mma.sync.m16n8k16 per tile; the other kinds' fragments read by vector loads."""
        a, b_, c = (v.type for v in op.operands)
        kinds = wgmma.dot_kinds(a, b_, c, op.attributes.get("input_precision")) if self.wgmma else None
        if kinds and self._wgmma(a.shape[0], b_.shape[1], a.shape[1], lw.num_warps, chained(op), kinds[0]):
            (wgmma_chain.lower_chained_dot if chained(op) else wgmma.lower_wgmma_dot)(lw, op, a_tile, b_tile)
        elif a.element.name in ("f16", "bf16"):
            mma.lower_mma_dot(lw, op, a_tile, b_tile)
        else:
            mma_kinds.lower_dot(lw, op, a_tile, b_tile)

    def matrix_operands_stored(self, b: llir.IRBuilder) -> None:
        """fence.proxy.async.shared::cta on sm_90a: wgmma reads shared memory through the async proxy."""
        if self.wgmma:
            _call(b, "llvm.nvvm.fence.proxy.async.shared_cta", llir.VoidType(), [])

    def matrix_wait(self, b: llir.IRBuilder, values: list) -> list:
        """wgmma.wait_group 0, the accumulators passing through it."""
        return wgmma.wait_for(b, values)

    def static_shared(self, module: llir.Module, nbytes: int) -> llir.Value:
        """The scratch buffer, 1024-byte aligned where wgmma reads it (its swizzle patterns start there)."""
        g = super().static_shared(module, nbytes)
        if self.wgmma:
            g.align = self.matrix_operand_alignment
        return g

    def dynamic_shared(self, module: llir.Module) -> llir.Value:
        """The dynamic scratch buffer, 1024-byte aligned where wgmma reads it."""
        g = super().dynamic_shared(module)
        if self.wgmma:
            g.align = self.matrix_operand_alignment
        return g

    def thread_id(self, b: llir.IRBuilder) -> llir.Value:
        """%tid.x."""
        return _call(b, "llvm.nvvm.read.ptx.sreg.tid.x", I32, [])

    def program_id(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """%ctaid.{x,y,z}."""
        return _call(b, f"llvm.nvvm.read.ptx.sreg.ctaid.{_AXES[axis]}", I32, [])

    def num_programs(self, b: llir.IRBuilder, axis: int) -> llir.Value:
        """%nctaid.{x,y,z}."""
        return _call(b, f"llvm.nvvm.read.ptx.sreg.nctaid.{_AXES[axis]}", I32, [])

    def clock_ns(self, b: llir.IRBuilder) -> llir.Value:
        """%globaltimer: nanoseconds."""
        return _call(b, "llvm.nvvm.read.ptx.sreg.globaltimer", I64, [])

    def barrier(self, b: llir.IRBuilder) -> None:
        """bar.sync 0."""
        _call(b, "llvm.nvvm.barrier0", llir.VoidType(), [])

    def shuffle_xor(self, b: llir.IRBuilder, value: llir.Value, lane_mask: int) -> llir.Value:
        """shfl.sync.bfly.b32."""
        return _call(b, "llvm.nvvm.shfl.sync.bfly.i32", I32, [FULL_MASK, value, I32(lane_mask), I32(0x1F)])

    def shuffle_up(self, b: llir.IRBuilder, value: llir.Value, delta: int) -> llir.Value:
        """shfl.sync.up.b32."""
        return _call(b, "llvm.nvvm.shfl.sync.up.i32", I32, [FULL_MASK, value, I32(delta), I32(0)])

    def shuffle_idx(self, b: llir.IRBuilder, value: llir.Value, lane: llir.Value) -> llir.Value:
        """shfl.sync.idx.b32."""
        return _call(b, "llvm.nvvm.shfl.sync.idx.i32", I32, [FULL_MASK, value, lane, I32(0x1F)])

    def masked_load(self, b: llir.IRBuilder, ptr: llir.Value, typ: llir.Type, mask: Optional[llir.Value],
                    other: Optional[llir.Value], align: int, cache: str = "") -> llir.Value:
        """A predicated `ld.global` (no branch, so many loads stay in flight), as Triton emits it."""
        words = _words(typ)
        if mask is None or words is None:
            return super().masked_load(b, ptr, typ, mask, other, align, cache)
        count, width = words
        reg = llir.IntType(width)
        code = "r" if width == 32 else "h"
        outs = ", ".join(f"${i}" for i in range(count))
        vec = f".v{count}" if count > 1 else ""
        body = f"@${count + 1} ld.global{_CACHE.get(cache, '')}{vec}.b{width} {{ {outs} }}, [ ${count} + 0 ];"
        moves = ""
        args = [ptr, mask]
        if other is not None:
            moves = "".join(f"mov.b{width} ${i}, ${count + 2 + i};\n\t" for i in range(count))
            args += _split(b, other, reg, count)
        constraints = ",".join([f"={code}"] * count + ["l", "b"] + [code] * (count if other is not None else 0))
        ret = llir.LiteralStructType([reg] * count) if count > 1 else reg
        # a side effect keeps it ordered with the kernel's stores (LLVM sees no memory access in inline asm)
        got = b.asm(llir.FunctionType(ret, [a.type for a in args]), moves + body, constraints, args, True)
        parts = [b.extract_value(got, i) for i in range(count)] if count > 1 else [got]
        return _join(b, parts, typ)

    def masked_store(self, b: llir.IRBuilder, ptr: llir.Value, value: llir.Value, mask: Optional[llir.Value],
                     align: int, cache: str = "") -> None:
        """A predicated `st.global`."""
        words = _words(value.type)
        if mask is None or words is None:
            super().masked_store(b, ptr, value, mask, align, cache)
            return
        count, width = words
        reg = llir.IntType(width)
        code = "r" if width == 32 else "h"
        vec = f".v{count}" if count > 1 else ""
        ins = ", ".join(f"${i + 2}" for i in range(count))
        args = [ptr, mask] + _split(b, value, reg, count)
        constraints = ",".join(["l", "b"] + [code] * count)
        b.asm(llir.FunctionType(llir.VoidType(), [a.type for a in args]),
              f"@$1 st.global{vec}.b{width} [ $0 + 0 ], {{ {ins} }};", constraints, args, True)

    def store_matrices(self, b: llir.IRBuilder, ptr: llir.Value, words: list) -> None:
        """stmatrix.sync.aligned.m8n8.x1, x2 or x4."""
        _call(b, f"llvm.nvvm.stmatrix.sync.aligned.m8n8.x{len(words)}.b16.p3", llir.VoidType(), [ptr] + words)

    def async_copy(self, b: llir.IRBuilder, dst: llir.Value, src: llir.Value, nbytes: int,
                   mask: Optional[llir.Value]) -> bool:
        """cp.async (.cg for 16 bytes, .ca for 4 and 8) with the source size 0 where masked off (zero fill)."""
        if not self.tensor_cores or nbytes not in (4, 8, 16):
            return False
        size = I32(nbytes) if mask is None else b.select(mask, I32(nbytes), I32(0))
        _call(b, f"llvm.nvvm.cp.async.{'cg' if nbytes == 16 else 'ca'}.shared.global.{nbytes}.s", llir.VoidType(),
              [dst, src, size])
        return True

    def async_commit(self, b: llir.IRBuilder) -> None:
        """cp.async.commit_group."""
        if self.tensor_cores:
            _call(b, "llvm.nvvm.cp.async.commit.group", llir.VoidType(), [])

    def async_wait(self, b: llir.IRBuilder, pending: int) -> None:
        """cp.async.wait_group."""
        if self.tensor_cores:
            _call(b, "llvm.nvvm.cp.async.wait.group", llir.VoidType(), [I32(pending)])

    def atomic_scope(self, scope: str) -> str:
        """cta -> block, gpu -> device, sys -> system."""
        return SYNC_SCOPES[scope]

    def math_library(self) -> CudaMath:
        """Triton's fast f32 math on NVIDIA (and bf16 rounding by cvt on sm_90a)."""
        return CudaMath(bf16_cvt=self.wgmma)

    def declare_kernel(self, module: llir.Module, name: str, arg_types: Sequence[llir.Type],
                       num_threads: int) -> llir.Function:
        """A ptx_kernel with .maxntid set to the program's thread count (and .maxnreg when capped); tensor-map
        parameters by value in the parameter space (tma.py)."""
        fn = llir.Function(module, llir.FunctionType(llir.VoidType(), list(arg_types)), name)
        fn.calling_convention = "ptx_kernel"
        for i, t in enumerate(arg_types):
            if isinstance(t, llir.PointerType) and t != tma.TENSOR_MAP:
                fn.args[i].add_attribute("noalias")
        annotations = module.add_named_metadata("nvvm.annotations")
        annotations.add(module.add_metadata([fn, "maxntidx", I32(num_threads)]))
        if self.max_registers is not None:
            annotations.add(module.add_metadata([fn, "maxnreg", I32(self.max_registers)]))
        tma.declare_tensor_maps(module, fn)
        return fn

    def _string(self, b: llir.IRBuilder, text: str) -> llir.Value:
        """A generic pointer to a NUL-terminated constant string."""
        data = bytearray(text.encode()) + b"\0"
        ty = llir.ArrayType(llir.IntType(8), len(data))
        module = b.module
        name = f"pantile_str{len([g for g in module.global_values if g.name.startswith('pantile_str')])}"
        g = llir.GlobalVariable(module, ty, name, addrspace=1)
        g.global_constant = True
        g.linkage = "internal"
        g.initializer = llir.Constant(ty, data)
        return b.addrspacecast(g, llir.PointerType())

    def printf(self, b: llir.IRBuilder, fmt: str, args: Sequence[llir.Value]) -> None:
        """vprintf(format, buffer of the arguments)."""
        fmt_ptr = self._string(b, fmt)
        if args:
            record = llir.LiteralStructType([a.type for a in args])
            with b.goto_block(b.function.entry_basic_block):
                buf = b.alloca(record)
            for i, a in enumerate(args):
                b.store(a, b.gep(buf, [I32(0), I32(i)], inbounds=True))
            arg_ptr = b.bitcast(buf, llir.PointerType())
        else:
            arg_ptr = llir.Constant(llir.PointerType(), None)
        # declared with generic pointers: each call's argument record has its own type
        vprintf = external(b, "vprintf", I32, [llir.PointerType(), llir.PointerType()])
        b.call(vprintf, [fmt_ptr, arg_ptr])

    def assert_fail(self, b: llir.IRBuilder, message: str, file: str, line: int, function: str) -> None:
        """__assertfail(message, file, line, function, 1)."""
        args = [self._string(b, message), self._string(b, file), I32(line), self._string(b, function), I64(1)]
        _call(b, "__assertfail", llir.VoidType(), args)
