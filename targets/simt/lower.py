"""The SIMT lowering: a laid-out kernel module -> LLVM IR for one GPU target.

Every block value becomes a Python list of llvmlite values, one per register
of its linear layout; a scalar becomes one llvmlite value. Elementwise ops
apply the shared op-level lowering (targets/llvm) register by register;
memory, exchange, reduction, scan and dot lowering live in their own modules
and use the helpers here (hardware coordinates, scratch memory, barriers).
Target specifics come only through the `SimtHooks` object.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from llvmlite import ir as llir

from pantile.ir import Block, BlockType, Module, Operation, TensorDescType, Type, Value
from pantile.ir.ops import ELEMENTWISE
from pantile.targets.llvm import constant, intrinsic, llvm_type, lower_elementwise
from pantile.targets.llvm.control import StructuredControl, lower_for, lower_if, lower_while
from pantile.targets.kernel_args import ATOMIC_READS, accessed_by

from . import async_copy, debug, dot, exchange, kernel_tensor_maps, memory, scan, streaming, tile_copy
from .inline_asm import lower_inline_asm
from .dialect import CONVERT_LAYOUT
from .hooks import SimtHooks
from .linear_layout import Basis, LinearLayout, log2, zero_dims
from .shared_layout import Weights
from .memory import PointerFacts, constant_run
from .values import xor_offset

I32 = llir.IntType(32)
Lowered = Union[llir.Value, list]


class LoweringError(Exception):
    """The kernel uses something this lowering cannot express; the message names the op."""


@dataclass
class LoweredKernel:
    """The LLVM IR text of one kernel and what its launch needs."""

    name: str
    llvm_ir: str
    shared_bytes: int           # scratch memory the kernel uses per program
    dynamic_shared: bool        # True: the launch must pass `shared_bytes` as dynamic shared memory
    num_threads: int


class SimtLowering(StructuredControl):
    """Lowers the kernel of a module whose block values all carry layouts."""

    def __init__(self, hooks: SimtHooks, num_warps: int, facts: PointerFacts, debug: bool = False) -> None:
        self.hooks = hooks
        self.num_warps = num_warps
        self.num_threads = num_warps * hooks.warp_size
        self.facts = facts
        self.debug = debug
        self.math = hooks.math_library()
        self.values: dict[Value, Lowered] = {}
        self.scratch_bytes = 0
        self._hw_cache: dict[Any, llir.Value] = {}
        self.buffers: dict[Value, int] = {}     # pt.local_alloc result -> byte offset in shared memory
        self.buffer_bytes = 0                   # the buffers come first; scratch overlaps them once they are dead
        self.scratch_while_buffered = 0         # scratch used while the buffers are live goes after them
        self._buffers_end: Optional[Operation] = None
        self._buffers_idle = False              # in a loop body after the wait that ended its buffers' use
        self._scratch_while_idle = False        # scratch was used there: a barrier before the next iteration
        # Inside a register-chunk loop (streaming.py): (the run's layout, the chunk's layout, the i32
        # coordinate offsets of the current chunk per dimension).
        self.chunk: Optional[tuple[LinearLayout, LinearLayout, list]] = None
        self.matrix_in_flight: set[Value] = set()   # loop results whose matrix instructions may still run
        self.loops = 0                          # loops around the op being lowered

    # types -------------------------------------------------------------------
    def llvm_type(self, t: Type) -> llir.Type:
        """The llvmlite type of one element of IR type `t`."""
        return llvm_type(t.scalar, self.hooks.pointer_space)

    def _parameter_type(self, t: Type) -> llir.Type:
        """The llvmlite type of a kernel parameter: a tensor descriptor arrives as the target's tensor map."""
        if isinstance(t, TensorDescType):
            if self.hooks.tensor_map_type is None:
                raise LoweringError(f"a {t} kernel parameter needs a target with tile copies")
            return self.hooks.tensor_map_type
        return self.llvm_type(t)

    # entry -------------------------------------------------------------------
    def lower(self, module: Module) -> LoweredKernel:
        """The LLVM IR of the module's kernel function."""
        kernels = [f for f in module.functions() if f.attributes.get("kernel")] or module.functions()
        if len(kernels) != 1:
            raise LoweringError(f"expected one kernel function after inlining, found {len(kernels)}")
        func = kernels[0]
        name = func.attributes["sym_name"]
        self.module = llir.Module(name=name)
        self.module.triple = self.hooks.triple
        self.module.data_layout = self.hooks.data_layout
        entry = func.regions[0].entry
        self.fn = self.hooks.declare_kernel(self.module, name, [self._parameter_type(a.type) for a in entry.args],
                                            self.num_threads)
        self.func_name = name
        prologue = self.fn.append_basic_block("prologue")
        body = self.fn.append_basic_block("body")
        self.pro = llir.IRBuilder(prologue)
        self.pro.position_before(self.pro.branch(body))   # hooks may add allocas before it too
        self.b = llir.IRBuilder(body)
        for a, arg in zip(entry.args, self.fn.args):
            self.values[a] = arg
            if accessed_by(a, ATOMIC_READS):   # not noalias: LLVM would read memory others write as invariant
                arg.attributes.discard("noalias")
        self.tid = tid = self.hooks.thread_id(self.pro)
        self.lane = self.pro.and_(tid, I32(self.hooks.warp_size - 1), name="lane")
        self.warp = self.pro.lshr(tid, I32(log2(self.hooks.warp_size)), name="warp")
        # the shared-memory base is a placeholder until the lowering knows how much it needs
        self._scratch_placeholder = llir.Constant(llir.PointerType(addrspace=self.hooks.shared_addrspace), None)
        self._bases: list[llir.Value] = []
        self._plan_buffers(entry)
        self.scratch = self.shared_at(0, "scratch")
        self._scratch_after_buffers = self.shared_at(self.buffer_bytes, "scratch_buffered")
        self.lower_block(entry)
        total = max(self.scratch_bytes, self.buffer_bytes + self.scratch_while_buffered)
        dynamic = total > self.hooks.static_shared_limit
        if total:
            base = (self.hooks.dynamic_shared(self.module) if dynamic
                    else self.hooks.static_shared(self.module, total))
            for gep in self._bases:
                gep.replace_usage(self._scratch_placeholder, base)
                gep.pointer = base             # llvmlite's GEP prints this copy of its first operand
        return LoweredKernel(name, str(self.module), total, dynamic, self.num_threads)

    def _plan_buffers(self, entry: Block) -> None:
        """Place every pt.local_alloc buffer (async_copy.place_buffers); scratch stays clear of them until the
        last top-level op that uses async copies."""
        self.buffers, self.buffer_bytes = async_copy.place_buffers(self, entry.ops)
        for op in entry.ops:
            if any(o.name in async_copy.BUFFER_OPS for o in op.walk()):
                self._buffers_end = op

    def shared_at(self, offset: int, name: str) -> llir.Value:
        """A pointer `offset` bytes into the kernel's shared memory (computed in the prologue)."""
        gep = self.pro.gep(self._scratch_placeholder, [I32(offset)], source_etype=llir.IntType(8), name=name)
        self._bases.append(gep)
        return gep

    # helpers shared by the op modules --------------------------------------------
    def use_scratch(self, nbytes: int) -> llir.Value:
        """The scratch base, reserving `nbytes` (every user reuses the same buffer; while pipelining
        buffers are live, the scratch after them)."""
        size = (nbytes + 15) // 16 * 16
        if self._buffers_end is not None and not self._buffers_idle:
            self.scratch_while_buffered = max(self.scratch_while_buffered, size)
            return self._scratch_after_buffers
        self._scratch_while_idle = self._buffers_idle
        self.scratch_bytes = max(self.scratch_bytes, size)
        return self.scratch

    def barrier(self) -> None:
        """Synchronise the program's threads."""
        self.hooks.barrier(self.b)

    def layout_of(self, v: Value) -> LinearLayout:
        """The linear layout of block value `v`."""
        t = v.type
        if t.layout is None:
            raise LoweringError(f"{v} has no layout: run layout assignment first")
        layout = t.layout.to_linear(t.shape)
        return self.chunk[1] if self.chunk is not None and layout == self.chunk[0] else layout

    def hw_xor(self, layout: LinearLayout, offsets: Callable[[Basis], int]) -> llir.Value:
        """`offsets` of the lane and warp part of this thread's coordinates in `layout` (i32).

        `offsets` must be GF(2)-linear (see shared_layout.py) and hashable, so
        the value is the xor of the per-bit contributions; it is computed once,
        in the prologue.
        """
        key = (layout.lane, layout.warp, offsets)
        if key in self._hw_cache:
            return self._hw_cache[key]
        acc: llir.Value = I32(0)
        for index, bases in ((self.lane, layout.lane), (self.warp, layout.warp)):
            for bit, v in enumerate(bases):
                w = offsets(v)
                if w == 0:
                    continue
                is_set = self.pro.icmp_unsigned("!=", self.pro.and_(index, I32(1 << bit)), I32(0))
                acc = self.pro.xor(acc, self.pro.select(is_set, I32(w), I32(0)))
        self._hw_cache[key] = acc
        return acc

    def load_shared(self, ptr: llir.Value, typ: llir.Type, align: Optional[int], layout: LinearLayout,
                    offsets: Callable[[Basis], int]) -> llir.Value:
        """Load `typ` from shared `ptr`, an address whose thread part is hw_xor(layout, offsets)."""
        uniform = not any(offsets(v) for v in layout.lane) and any(offsets(v) for v in layout.warp)
        return self.hooks.shared_load(self.b, ptr, typ, align, uniform)

    def hw_coord(self, layout: LinearLayout, dim: int) -> llir.Value:
        """This thread's lane and warp contribution to coordinate `dim` (i32), and the current register
        chunk's inside a register-chunk loop."""
        hw = self.hw_xor(layout, Weights(tuple(1 if d == dim else 0 for d in range(layout.rank))))
        if self.chunk is not None and layout == self.chunk[1]:
            return self.b.xor(hw, self.chunk[2][dim])
        return hw

    def is_writer(self, layout: LinearLayout) -> Optional[llir.Value]:
        """i1 true in the one thread of each replicated group (None: no replication)."""
        conds = []
        for index, dim in ((self.lane, "lane"), (self.warp, "warp")):
            mask = layout.replicated_mask(dim)
            if mask:
                conds.append(self.pro.icmp_unsigned("==", self.pro.and_(index, I32(mask)), I32(0)))
        if not conds:
            return None
        key = ("writer", layout.lane, layout.warp)
        if key not in self._hw_cache:
            c = conds[0]
            for more in conds[1:]:
                c = self.pro.and_(c, more)
            self._hw_cache[key] = c
        return self._hw_cache[key]

    def first_thread(self) -> llir.Value:
        """i1 true in thread 0 of the program: the one that performs a scalar side effect."""
        if "first" not in self._hw_cache:
            self._hw_cache["first"] = self.pro.icmp_unsigned("==", self.pro.or_(self.lane, self.warp), I32(0))
        return self._hw_cache["first"]

    def regs(self, v: Value) -> list:
        """The per-register llvm values of block value `v` (a scalar is splatted by the caller)."""
        got = self.values[v]
        if not isinstance(got, list):
            raise LoweringError(f"expected a block value, got a scalar for {v.type}")
        return got

    def run_region(self, block: Block, args: list) -> list:
        """Lower a combine region on scalar llvm values and return what its terminator yields."""
        for a, x in zip(block.args, args):
            self.values[a] = x
        for op in block.ops[:-1]:
            self.lower_op(op)
        return [self.values[v] for v in block.ops[-1].operands]

    # blocks and ops -------------------------------------------------------------
    def lower_block(self, block: Block) -> None:
        """Lower every op of `block` in order."""
        self._lower_in_runs(block.ops)

    def lower_ops(self, block: Block) -> Operation:
        """Lower every op of `block` but its terminator, which is returned."""
        self._lower_in_runs(block.ops[:-1])
        return block.ops[-1]

    def _lower_in_runs(self, ops: list[Operation]) -> None:
        """Lower `ops` in order; runs of ops on blocks far larger than the threads as loops (streaming.py)."""
        idle_from = self._buffers_idle_from(ops)
        i = 0
        while i < len(ops):
            run = streaming.looped_run(self, ops, i)
            end = max(run.end, i + 1)
            if run.layout is not None:
                streaming.lower_looped(self, ops[i:end - (run.reduce is not None)], run)
            for op in ops[i:end]:
                if run.layout is None:
                    self.lower_op(op)
                if op is self._buffers_end:
                    self._buffers_end = None        # the buffers are dead: scratch may reuse their memory
                if op is idle_from:
                    self._buffers_idle, self._scratch_while_idle = True, False
            i = end
        if idle_from is not None:
            if self._scratch_while_idle:            # the next iteration copies into the memory the scratch shares
                self.barrier()
            self._buffers_idle = False

    def _buffers_idle_from(self, ops: list[Operation]) -> Optional[Operation]:
        """In a loop body that pipelines a loop of its own (a persistent kernel's tile loop): its last buffer op
        when that is the pt.async_wait for every copy (its barrier follows the wait for the matrix instructions
        of the loop before it), after which scratch may share the buffers' memory until the next iteration."""
        if self._buffers_end is None or self._buffers_idle or not ops or ops[0].parent_op is None or \
                ops[0].parent_op.name != "scf.for":
            return None
        last = next((op for op in reversed(ops) if any(o.name in async_copy.BUFFER_OPS for o in op.walk())), None)
        if last is None or last.name != "pt.async_wait" or last.attributes["pending"] != 0:
            return None
        return last

    def lower_op(self, op: Operation) -> None:
        """Lower one op at the builder's position."""
        handler = _HANDLERS.get(op.name)
        loop = op.name in ("scf.for", "scf.while")
        try:
            self.loops += loop
            if handler is not None:
                handler(self, op)
            elif op.opdef is not None and op.opdef.has(ELEMENTWISE):
                self.elementwise(op)
            else:
                raise LoweringError(f"{op.loc}: {op.name} is not supported by the SIMT lowering")
        except LoweringError:
            raise
        except (ValueError, KeyError, TypeError, NotImplementedError) as e:
            raise LoweringError(f"{op.loc}: cannot lower {op.name}: {e}") from e
        finally:
            self.loops -= loop
        waiting = [r for r in op.results if r in self.matrix_in_flight]
        if waiting:
            self._wait_for_matrix(waiting)

    def _wait_for_matrix(self, results: list[Value]) -> None:
        """Results of a loop whose registers matrix instructions may still write: wait for those right after
        it, the registers passing through the wait so that nothing reads them before."""
        regs = [r for v in results for r in self.regs(v)]
        done = iter(self.hooks.matrix_wait(self.b, regs))
        for v in results:
            self.values[v] = [next(done) for _ in self.regs(v)]
            self.matrix_in_flight.discard(v)

    def elementwise(self, op: Operation) -> None:
        """Apply the scalar lowering register by register."""
        res = op.results[0]
        types = [v.type for v in op.operands]

        float_rem = op.name == "pt.rem" and res.type.scalar.is_float

        def one(args: list) -> llir.Value:
            got = lower_elementwise(self.b, op.name, types, res.type, args, op.attributes, self.math,
                                    self.hooks.pointer_space)
            return _fmod_fixups(self.b, got, args[0], args[1]) if float_rem else got
        if not isinstance(res.type, BlockType):
            self.values[res] = one([self.values[v] for v in op.operands])
            return
        lay = self.layout_of(res)
        n = lay.num_registers
        cols = [self.values[v] if isinstance(self.values[v], list) else [self.values[v]] * n for v in op.operands]
        # Registers the axis info proves equal (a mask over runs of a row whose length divides) are computed
        # once per run; inside a register-chunk loop the chunk's registers are taken as they come. A logical
        # and/or is one instruction a register, cheaper redone beside each use than a predicate kept live over
        # the run (shared, the store masks of an fp8 128x256 wgmma epilogue took it to 255 registers and spills).
        run = constant_run(self.facts, res, lay) if self.chunk is None and op.name not in _REDONE else 1
        out: list = []
        for i in range(n):
            out.append(out[i - i % run] if i % run else one([c[i] for c in cols]))
        self.values[res] = out


_REDONE = ("pt.and", "pt.or")     # elementwise ops computed for every register even where they repeat


def _fmod_fixups(b: llir.IRBuilder, r: llir.Value, x: llir.Value, y: llir.Value) -> llir.Value:
    """C's fmod where GPU back ends compute x - trunc(x / y) * y: the result takes the dividend's
    sign (zero results included), fmod(inf, y) and fmod(x, 0) are NaN, fmod(finite x, inf) is x."""
    if isinstance(r.type, llir.IntType):          # bf16 and fp8 travel as their bits: fix the sign only
        sign = 1 << (r.type.width - 1)
        return b.or_(b.and_(r, llir.Constant(r.type, sign - 1)), b.and_(x, llir.Constant(r.type, sign)))
    signed = intrinsic(b, "llvm.copysign", r.type, [r, x])
    inf = llir.Constant(r.type, float("inf"))
    ax, ay = intrinsic(b, "llvm.fabs", r.type, [x]), intrinsic(b, "llvm.fabs", r.type, [y])
    invalid = b.or_(b.fcmp_ordered("==", ax, inf), b.fcmp_ordered("==", y, llir.Constant(r.type, 0.0)))
    keep_x = b.and_(b.fcmp_ordered("==", ay, inf), b.fcmp_ordered("<", ax, inf))
    return b.select(invalid, llir.Constant(r.type, float("nan")), b.select(keep_x, x, signed))


# Handlers ------------------------------------------------------------------------


def _constant(lw: SimtLowering, op: Operation) -> None:
    t = op.results[0].type
    c = constant(t.scalar, op.attributes["value"])
    lw.values[op.results[0]] = [c] * lw.layout_of(op.results[0]).num_registers if isinstance(t, BlockType) else c


def _program_id(lw: SimtLowering, op: Operation) -> None:
    lw.values[op.results[0]] = lw.hooks.program_id(lw.b, op.attributes["axis"])


def _num_programs(lw: SimtLowering, op: Operation) -> None:
    lw.values[op.results[0]] = lw.hooks.num_programs(lw.b, op.attributes["axis"])


def _make_range(lw: SimtLowering, op: Operation) -> None:
    lay = lw.layout_of(op.results[0])
    hw = lw.hw_coord(lay, 0)
    start = op.attributes["start"]
    regs = [xor_offset(lw.b, hw, c[0]) for c in lay.register_coords()]
    if start:   # folded where the coordinate is a constant, as xor_offset does
        regs = [I32(v.constant + start) if isinstance(v, llir.Constant) else lw.b.add(v, I32(start)) for v in regs]
    lw.values[op.results[0]] = regs


def _splat(lw: SimtLowering, op: Operation) -> None:
    lw.values[op.results[0]] = [lw.values[op.operands[0]]] * lw.layout_of(op.results[0]).num_registers


def _pass_through(lw: SimtLowering, op: Operation) -> None:
    lw.values[op.results[0]] = lw.values[op.operands[0]]


def _local_or_exchange(lw: SimtLowering, op: Operation, f) -> None:
    """Result element c is operand element f(c): registers of the same thread when the layouts
    allow it, otherwise through shared memory."""
    src, res = op.operands[0], op.results[0]
    lw.values[res] = exchange.transfer(lw, lw.regs(src), lw.layout_of(src), lw.layout_of(res), f,
                                       lw.llvm_type(src.type))


def _broadcast(lw: SimtLowering, op: Operation) -> None:
    src, res = op.operands[0].type, op.results[0].type
    dims = [d for d, (s, r) in enumerate(zip(src.shape, res.shape)) if s != r]
    _local_or_exchange(lw, op, zero_dims(dims))


def _expand_dims(lw: SimtLowering, op: Operation) -> None:
    axis = op.attributes["axis"]
    _local_or_exchange(lw, op, lambda v: v[:axis] + v[axis + 1:])


def _convert(lw: SimtLowering, op: Operation) -> None:
    _local_or_exchange(lw, op, lambda v: v)


def _permute(lw: SimtLowering, op: Operation) -> None:
    order = list(op.attributes["order"])
    _local_or_exchange(lw, op, lambda v: tuple(v[order.index(d)] for d in range(len(order))))


def _reshape(lw: SimtLowering, op: Operation) -> None:
    src_shape, dst_shape = op.operands[0].type.shape, op.results[0].type.shape
    _local_or_exchange(lw, op, exchange.reshape_map(dst_shape, src_shape))


def _join(lw: SimtLowering, op: Operation) -> None:
    a, b = op.operands
    parts = [(lw.regs(v), lw.layout_of(v)) for v in (a, b)]
    lw.values[op.results[0]] = exchange.stacked(lw, parts, lw.layout_of(op.results[0]),
                                                lambda v: (v[-1],) + v[:-1], lw.llvm_type(a.type))


def _cat(lw: SimtLowering, op: Operation) -> None:
    a, b = op.operands
    parts = [(lw.regs(v), lw.layout_of(v)) for v in (a, b)]
    n = a.type.shape[0]
    lw.values[op.results[0]] = exchange.stacked(lw, parts, lw.layout_of(op.results[0]),
                                                exchange.reshape_map((2 * n,), (2, n)), lw.llvm_type(a.type))


def _split(lw: SimtLowering, op: Operation) -> None:
    x = op.operands[0]
    parts = [(lw.regs(x), lw.layout_of(x))]
    for half, res in enumerate(op.results):
        lw.values[res] = exchange.stacked(lw, parts, lw.layout_of(res), lambda v: v + (0,), lw.llvm_type(x.type),
                                          shift=half)


def _return(lw: SimtLowering, op: Operation) -> None:
    lw.b.ret_void()


def _barrier(lw: SimtLowering, op: Operation) -> None:
    lw.barrier()


def _assume(lw: SimtLowering, op: Operation) -> None:
    lw.b.assume(lw.values[op.cond])


_HANDLERS = {
    "pt.constant": _constant, "pt.program_id": _program_id, "pt.num_programs": _num_programs,
    "pt.make_range": _make_range, "pt.splat": _splat, "pt.broadcast": _broadcast,
    "pt.expand_dims": _expand_dims, "pt.permute": _permute, "pt.reshape": _reshape,
    "pt.join": _join, "pt.split": _split, "pt.cat": _cat,
    CONVERT_LAYOUT: _convert,
    "pt.multiple_of": _pass_through, "pt.max_contiguous": _pass_through, "pt.max_constancy": _pass_through,
    "pt.load": memory.lower_load, "pt.store": memory.lower_store,
    "pt.atomic_rmw": memory.lower_atomic_rmw, "pt.atomic_cas": memory.lower_atomic_cas,
    "pt.atomic_load": memory.lower_atomic_load, "pt.atomic_store": memory.lower_atomic_store,
    "pt.atomic_poll": memory.lower_atomic_poll,
    "pt.reduce": exchange.lower_reduce, "pt.scan": scan.lower_scan, "pt.dot": dot.lower_dot,
    "pt.print": debug.lower_print, "pt.assert": debug.lower_assert,
    "scf.for": lower_for, "scf.if": lower_if, "scf.while": lower_while, "func.return": _return,
    "pt.barrier": _barrier, "pt.assume": _assume, "pt.inline_asm": lower_inline_asm, **async_copy.HANDLERS,
    **tile_copy.HANDLERS, **kernel_tensor_maps.HANDLERS,
}

__all__ = ["LoweredKernel", "LoweringError", "SimtLowering"]
