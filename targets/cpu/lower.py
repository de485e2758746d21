"""pt dialect -> LLVM IR for the host: one function runs one program.

Blocks live in a per-thread scratch arena (never on the stack, so large blocks
cannot overflow it). Consecutive elementwise ops of one shape, loads and stores
included, run in one loop nest (`flush`), which LLVM vectorises; only values
used outside that loop are written to memory. Views (broadcast, expand_dims,
permute, splat, make_range) cost nothing (see values.py). Scalars are plain
LLVM values. Control flow maps to LLVM branches; blocks carried by loops live in
buffers of their own.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Optional, Sequence

from llvmlite import ir

from pantile.ir import Block, BlockType, Module, Operation, PointerType, ScalarType, Type, Value
from pantile.passes import DiagnosticError
from pantile.targets.llvm import MathLib, constant, llvm_mem_type, llvm_type, lower_elementwise
from pantile.targets.llvm.control import counted_loop, lower_for, lower_if, lower_while

from . import values as V
from .control import CarriedInBuffers
from .values import I1, I32, I64, Buffer, Uniform

SPACE = lambda addrspace: 0  # noqa: E731  (host memory is one flat address space)
ALIGN = 64
_VIEW_OPS = ("pt.splat", "pt.broadcast", "pt.expand_dims", "pt.permute", "pt.reshape", "pt.make_range",
             "pt.split", "pt.join", "pt.cat", "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy")
_NO_OPS = ("pt.barrier",)
# Ops fused into one loop nest at most: LLVM's loop vectoriser takes time quadratic in the size of a
# loop body (a chain of 3000 elementwise ops spent 5 s in it, 6000 ops 26 s), so a longer run of
# elementwise ops is split into loops of this many, which keeps compile time linear in the kernel.
MAX_FUSED_OPS = 256


def is_block(t: Type) -> bool:
    """True for block types (scalars are plain LLVM values)."""
    return isinstance(t, BlockType)


def _masks(op: Operation) -> list[Value]:
    """The mask operand of a block pt.load (operand 1) or pt.store (operand 2), if any."""
    index = {"pt.load": 1, "pt.store": 2}.get(op.name)
    return op.operands[index:index + 1] if index is not None else []


def _mask_computation(ops: list[Operation], masks: list[Value]) -> Optional[list[Operation]]:
    """The ops of a fused group that compute its masks, in order; None without masks or when a mask
    depends on memory (then it cannot be checked ahead of the loop)."""
    if not masks:
        return None
    producer = {r: op for op in ops for r in op.results}
    needed: set[Operation] = set()
    work = [m for m in masks if m in producer]
    while work:
        op = producer[work.pop()]
        if op in needed:
            continue
        if op.name in ("pt.load", "pt.store"):
            return None
        needed.add(op)
        work.extend(v for v in op.operands if v in producer)
    return [op for op in ops if op in needed]


def _fusable(op: Operation) -> bool:
    """Elementwise ops on blocks, loads and stores: they join the current loop nest."""
    d = op.opdef
    if op.name in ("pt.load", "pt.store"):
        return is_block(op.operands[0].type)
    return d is not None and d.has("elementwise") and op.results and is_block(op.results[0].type)


class ProgramLowering(CarriedInBuffers):
    """Lowers one kernel (func.func) to `void program(args, scratch, status, pid xyz, grid xyz)`."""

    def __init__(self, module: ir.Module, func: Operation, math: MathLib, source: Optional[Module] = None,
                 axis_info: Any = None, debug: bool = False) -> None:
        self.module = module
        self.func = func
        self.source = source              # the IR module, for the callees of func.call
        self.axis_info = axis_info        # passes.analysis.axis_info result: contiguity of pointer blocks
        self.call_stack: list[Operation] = []
        self.math = math
        self.values: dict[Value, Any] = {}
        self.scratch_bytes = 0
        self.asserts: list[str] = []
        self.bounds_checks: list[dict] = []   # what each pt.check_bounds checks, for the launcher's messages
        self.debug = debug                # device_assert is checked only in debug builds, as in Triton
        self.prints = False
        self.work = 0                     # estimated elements visited per program
        self.loop_weight = 1              # assumed trips of the scf loops around the current op
        self.pending: list[Operation] = []
        self.pending_results: set[Value] = set()   # results of `pending`, for O(1) "reads the loop?"
        self.pending_store = False                # whether `pending` holds a pt.store
        self.unmasked = False             # inside the all-lanes-true copy of a masked loop
        self.pending_shape: tuple[int, ...] = ()
        ptr = ir.PointerType()
        fnty = ir.FunctionType(ir.VoidType(), [ptr, ptr, ptr] + [I32] * 6)
        self.fn = ir.Function(module, fnty, "pantile_program")
        self.fn.linkage = "internal"
        self.fn.args[1].add_attribute("noalias")
        self.args_ptr, self.scratch, self.status = self.fn.args[:3]
        self.pids, self.grid = self.fn.args[3:6], self.fn.args[6:9]
        self.b = ir.IRBuilder(self.fn.append_basic_block("entry"))
        self._abort_block: Optional[ir.Block] = None

    # entry and exit ----------------------------------------------------------------------------
    def build(self) -> None:
        """Emit the whole program function."""
        entry = self.func.regions[0].blocks[0]
        for k, a in enumerate(entry.args):
            self.values[a] = self._load_arg(k, a.type)
        term = self.lower_ops(entry)
        if term is None or term.name != "func.return":
            raise DiagnosticError(self.func.loc, "kernel body must end in a return")
        self.b.ret_void()

    def _load_arg(self, k: int, t: Type) -> ir.Value:
        slot = self.b.load(self.b.gep(self.args_ptr, [ir.Constant(I64, k)], source_etype=I64), typ=I64)
        lt = llvm_type(t, SPACE)
        if isinstance(t, PointerType):
            return self.b.inttoptr(slot, lt)
        if isinstance(lt, ir.IntType):
            return self.b.trunc(slot, lt) if lt.width < 64 else slot
        width = {"half": 16, "float": 32, "double": 64}[str(lt)]
        bits = self.b.trunc(slot, ir.IntType(width)) if width < 64 else slot
        return self.b.bitcast(bits, lt)

    def abort_block(self) -> ir.Block:
        """A block that leaves the program (after a failed device_assert, or when the launch was stopped)."""
        if self._abort_block is None:
            self._abort_block = self.fn.append_basic_block("abort")
            with self.b.goto_block(self._abort_block):
                self.b.ret_void()
        return self._abort_block

    def leave_if_stopped(self) -> None:
        """Leave the program when the launch was stopped (a failed device_assert elsewhere, or an interrupt):
        checked once per iteration of the kernel's own loops, so that no loop outlives its launch."""
        stopped = self.b.load_atomic(self.status, "monotonic", 4, typ=I32)
        go_on = self.fn.append_basic_block("running")
        self.b.cbranch(self.b.icmp_unsigned("!=", stopped, ir.Constant(I32, 0)), self.abort_block(), go_on)
        self.b.position_at_end(go_on)

    # memory ------------------------------------------------------------------------------------
    def new_buffer(self, t: BlockType) -> Buffer:
        """A contiguous buffer for a block of type `t` in the scratch arena."""
        return self.allocate(t.shape, llvm_mem_type(t.element, SPACE), t.element == ScalarType("i1"))

    def allocate(self, shape: Sequence[int], etype: ir.Type, is_bool: bool = False) -> Buffer:
        """A contiguous buffer of `shape` elements of memory type `etype` in the scratch arena."""
        size = _byte_size(etype)
        for d in shape:
            size *= d
        offset = self.scratch_bytes
        self.scratch_bytes += (size + ALIGN - 1) // ALIGN * ALIGN
        ptr = self.b.gep(self.scratch, [ir.Constant(I64, offset)], source_etype=ir.IntType(8))
        return Buffer(ptr, tuple(shape), V.row_major(shape), etype, is_bool, offset)

    def copy_into(self, v: Any, dst: Buffer) -> None:
        """Write every element of block value `v` to `dst`."""
        if isinstance(v, Buffer) and v.slot == dst.slot and v.strides == dst.strides and v.ptr is dst.ptr:
            return
        self.loop_nest(dst.shape, lambda idx: V.write(self.b, dst, idx, V.read(self.b, v, idx)))

    def materialise(self, v: Any, t: BlockType) -> Buffer:
        """`v` as a contiguous buffer (itself when it already is one)."""
        if isinstance(v, Buffer) and v.contiguous:
            return v
        buf = self.new_buffer(t)
        self.copy_into(v, buf)
        return buf

    # loops -------------------------------------------------------------------------------------
    def counted_loop(self, start: Any, stop: Any, body: Callable[[ir.Value, list], list],
                     carried: Sequence[ir.Value] = (), step: Any = 1, signed: bool = True,
                     ity: ir.IntType = I64, vectorize: bool = True) -> list:
        """for i in range(start, stop, step) with carried values; returns their final values."""
        return counted_loop(self.b, self.fn, start, stop, body, carried, step, signed, ity, vectorize)

    def loop_nest(self, shape: Sequence[int], body: Callable[[list], None],
                  row_start: Optional[Callable[[list], None]] = None) -> None:
        """Run `body(idx)` over every multi-index of `shape` (row-major; size-1 dims are not looped).

        `row_start(prefix)` runs before each innermost loop, with the indices of the outer
        dimensions: what it computes is loop-invariant for LLVM.
        """
        n = 1
        for d in shape:
            n *= d
        self.work += n * self.loop_weight

        def rec(d: int, idx: list) -> None:
            if d == len(shape) - 1 and row_start is not None:
                row_start(idx)
            if d == len(shape):
                body(idx)
            elif shape[d] == 1:
                rec(d + 1, idx + [ir.Constant(I64, 0)])
            else:
                self.counted_loop(0, shape[d], lambda i, _: rec(d + 1, idx + [i]) or [])
        rec(0, [])

    # blocks of ops -----------------------------------------------------------------------------
    def lower_ops(self, block: Block) -> Optional[Operation]:
        """Lower every op but the terminator, which is returned for the caller to handle."""
        term = None
        for op in block.ops:
            if op.opdef is not None and op.opdef.has("terminator"):
                term = op
                break
            self.lower_op(op)
        self.flush()
        return term

    def lower_op(self, op: Operation) -> None:
        """Add `op` to the pending loop nest, or flush it when needed and lower `op` alone."""
        if _fusable(op):
            shape = op.operands[0].type.shape if op.name == "pt.store" else op.results[0].type.shape
            if self.pending and (shape != self.pending_shape or len(self.pending) >= MAX_FUSED_OPS or
                                 (self.pending_store and op.name in ("pt.load", "pt.store"))):
                self.flush()
            if not self.pending:
                self.pending_shape = shape
            self.pending.append(op)
            self.pending_results.update(op.results)
            self.pending_store |= op.name == "pt.store"
            return
        # A pure op that reads nothing of the pending loop may be emitted before it.
        independent = (op.opdef is not None and op.opdef.is_pure and not op.regions and
                       not any(v in self.pending_results for v in op.operands))
        if not independent:
            self.flush()
        self.lower_single(op)

    def flush(self) -> None:
        """Emit the pending elementwise ops as one loop nest."""
        ops, self.pending = self.pending, []
        self.pending_results, self.pending_store = set(), False
        if not ops:
            return
        group = set(ops)
        outputs = [r for op in ops for r in op.results if any(u.owner not in group for u in r.uses)]
        for r in outputs:
            self.values[r] = self.new_buffer(r.type)

        # Pointer blocks in memory whose rows are contiguous: read each row's first pointer
        # before the inner loop, so that LLVM sees consecutive addresses along it.
        rows = list(dict.fromkeys(op.operands[0] for op in ops if op.name in ("pt.load", "pt.store")
                                  and self._contiguous_rows(op.operands[0])))
        heads: dict[Value, ir.Value] = {}

        def row_start(prefix: list) -> None:
            for p in rows:
                heads[p] = V.read(self.b, self.values[p], prefix + [ir.Constant(I64, 0)])

        def body(idx: list) -> None:
            env: dict[Value, ir.Value] = {}
            for p in rows:
                env[p] = self.b.gep(heads[p], [idx[-1]], source_etype=llvm_mem_type(p.type.scalar.pointee, SPACE))
            get = self.element_reader(env, idx)
            for op in ops:
                self.lower_element(op, get, env)
            for r in outputs:
                V.write(self.b, self.values[r], idx, env[r])

        shape, starts = self.pending_shape, row_start if rows else None
        masks = list(dict.fromkeys(m for op in ops for m in _masks(op)))
        mask_ops = _mask_computation(ops, masks)
        if mask_ops is None:
            self.loop_nest(shape, body, starts)
            return
        # Masked vector loads and stores are slow (microcoded on some x86 cores): when every
        # mask lane is true, as in all but the edge programs, run an unmasked copy of the loop.
        everywhere = self._all_true(shape, mask_ops, masks)
        with self.b.if_else(everywhere) as (unmasked, masked):
            with unmasked:
                self.unmasked = True
                self.loop_nest(shape, body, starts)
                self.unmasked = False
            with masked:
                self.loop_nest(shape, body, starts)

    def element_reader(self, env: dict, idx: list) -> Callable[[Value], ir.Value]:
        """Each operand's element at `idx`: computed in this loop body (`env`), else read from its buffer."""
        return lambda v: env[v] if v in env else V.read(self.b, self.values[v], idx)

    def _all_true(self, shape: Sequence[int], mask_ops: list[Operation], masks: list[Value]) -> ir.Value:
        """An i1 that is true when every lane of every mask is true (computed by its own loop nest)."""
        b = self.b
        here = b.block
        b.position_at_start(self.fn.entry_basic_block)
        flag = b.alloca(I1)
        b.position_at_end(here)
        b.store(ir.Constant(I1, 1), flag)

        def check(idx: list) -> None:
            env: dict[Value, ir.Value] = {}
            get = self.element_reader(env, idx)
            for op in mask_ops:
                self.lower_element(op, get, env)
            acc = b.load(flag, typ=I1)
            for m in masks:
                acc = b.and_(acc, get(m))
            b.store(acc, flag)
        self.loop_nest(shape, check)
        return b.load(flag, typ=I1)

    def _contiguous_rows(self, ptrs: Value) -> bool:
        """True for a block of pointers held in memory whose rows axis info proves contiguous."""
        shape = ptrs.type.shape
        if self.axis_info is None or ptrs not in self.values or not isinstance(self.values[ptrs], Buffer):
            return False
        return shape[-1] > 1 and self.axis_info[ptrs].contiguity[-1] >= shape[-1]

    # one element of an op ----------------------------------------------------------------------
    def lower_element(self, op: Operation, get: Callable[[Value], ir.Value], env: dict) -> None:
        """Lower `op` on scalar operands (`get` gives each operand's LLVM value), results into `env`."""
        if op.name == "pt.load":
            env[op.result] = self.load(op, [get(v) for v in op.operands])
        elif op.name == "pt.store":
            self.store(op, [get(v) for v in op.operands])
        else:
            env[op.result] = lower_elementwise(self.b, op.name, [v.type for v in op.operands], op.result.type,
                                               [get(v) for v in op.operands], op.attributes, self.math, SPACE)

    def _mem(self, t: Type) -> tuple[ir.Type, bool]:
        return llvm_mem_type(t, SPACE), t == ScalarType("i1")

    def load(self, op: Operation, args: list) -> ir.Value:
        """One element of pt.load: guarded by the mask, `other` (or 0) where it is false."""
        b = self.b
        t = op.result.type.scalar
        mt, is_bool = self._mem(t)
        ptr, mask, other = (args + [None, None])[:3]

        def do_load() -> ir.Value:
            # A volatile load (a flag another program sets) must not be merged or hoisted:
            # an atomic load says so to LLVM.
            if op.attributes.get("volatile"):
                x = b.load_atomic(ptr, "monotonic", _byte_size(mt), typ=mt)
            else:
                x = b.load(ptr, typ=mt)
            return b.trunc(x, I1) if is_bool else x
        if mask is None or self.unmasked:
            return do_load()
        if other is None:
            other = ir.Constant(llvm_type(t, SPACE), None)
        pre = b.block
        then = self.fn.append_basic_block("load")
        merge = self.fn.append_basic_block("loaded")
        b.cbranch(mask, then, merge)
        b.position_at_end(then)
        x = do_load()
        b.branch(merge)
        b.position_at_end(merge)
        phi = b.phi(x.type)
        phi.add_incoming(x, then)
        phi.add_incoming(other, pre)
        return phi

    def store(self, op: Operation, args: list) -> None:
        """One element of pt.store, guarded by the mask."""
        ptr, val, mask = (args + [None])[:3]
        _, is_bool = self._mem(op.operands[1].type.scalar)
        if is_bool:
            val = self.b.zext(val, ir.IntType(8))
        if mask is None or self.unmasked:
            self.b.store(val, ptr)
        else:
            with self.b.if_then(mask):
                self.b.store(val, ptr)

    # ops that are not fused --------------------------------------------------------------------
    def lower_single(self, op: Operation) -> None:
        """Lower an op outside any fused loop (a registered handler, a view, or a scalar op)."""
        name = op.name
        handler = _HANDLERS.get(name)
        if handler is not None:
            handler(self, op)
            return
        if name in _NO_OPS:
            return
        if name in _VIEW_OPS:
            self.view(op)
            return
        if op.opdef is not None and op.opdef.has("elementwise") or name in ("pt.load", "pt.store"):
            # scalar (rank-0) elementwise op, load or store
            env: dict = {}
            self.lower_element(op, lambda v: self.values[v], env)
            self.values.update(env)
            return
        raise DiagnosticError(op.loc, f"the cpu target cannot lower {name} here")

    def view(self, op: Operation) -> None:
        """Shape ops: new views of the operand, or a copy where the layout needs one."""
        x = op.operands[0] if op.operands else None
        src = self.values.get(x) if x is not None else None
        name, rt = op.name, op.results[0].type
        if name == "pt.splat":
            self.values[op.result] = Uniform(src, rt.shape)
        elif name == "pt.make_range":
            self.values[op.result] = V.Affine(ir.Constant(I32, op.attributes["start"]), (1,), rt.shape)
        elif name == "pt.broadcast":
            self.values[op.result] = V.broadcast(src, rt.shape) if is_block(x.type) else Uniform(src, rt.shape)
        elif name == "pt.expand_dims":
            self.values[op.result] = V.expand_dims(src, op.attributes["axis"])
        elif name == "pt.permute":
            self.values[op.result] = V.permute(src, op.attributes["order"])
        elif name == "pt.reshape":
            if not isinstance(src, (Uniform, Buffer)) or isinstance(src, Buffer) and not src.contiguous:
                src = self.materialise(src, x.type)
            self.values[op.result] = V.reshape_contiguous(src, rt.shape)
        elif name == "pt.join":
            out = self.new_buffer(rt)
            first, second = V.split_last(self.b, out)
            self.copy_into(src, first)
            self.copy_into(self.values[op.operands[1]], second)
            self.values[op.result] = out
        elif name == "pt.cat":
            out = self.new_buffer(rt)
            n = x.type.shape[0]
            first = replace(out, shape=(n,))
            second = replace(first, ptr=self.b.gep(out.ptr, [ir.Constant(I64, n)], source_etype=out.etype))
            self.copy_into(src, first)
            self.copy_into(self.values[op.operands[1]], second)
            self.values[op.result] = out
        elif name == "pt.split":
            if not isinstance(src, Buffer):
                src = self.materialise(src, x.type)
            self.values[op.results[0]], self.values[op.results[1]] = V.split_last(self.b, src)
        else:  # hints keep the value
            self.values[op.result] = src


def _byte_size(t: ir.Type) -> int:
    if isinstance(t, ir.PointerType):
        return 8
    if isinstance(t, ir.IntType):
        return max(1, t.width // 8)
    return {"half": 2, "float": 4, "double": 8}[str(t)]


# Handlers of single ops live in their own modules and register here.
_HANDLERS: dict[str, Callable[[ProgramLowering, Operation], None]] = {
    "scf.for": lower_for, "scf.if": lower_if, "scf.while": lower_while}


def handles(*names: str) -> Callable:
    """Register a lowering function for ops `names`."""
    def reg(fn: Callable) -> Callable:
        for n in names:
            _HANDLERS[n] = fn
        return fn
    return reg


@handles("func.call")
def _call(pl: ProgramLowering, op: Operation) -> None:
    """A call that the inliner kept (noinline): its body is lowered in place, which is what LLVM would do."""
    name = op.attributes["callee"]
    callee = pl.source.lookup(name) if pl.source is not None else None
    if callee is None:
        raise DiagnosticError(op.loc, f"call of {name}, which is not a function of this module")
    if callee in pl.call_stack:
        raise DiagnosticError(op.loc, f"{name} calls itself: recursion is not supported; write the recursion as a loop")
    entry = callee.regions[0].blocks[0]
    for a, v in zip(entry.args, op.operands):
        pl.values[a] = pl.values[v]
    pl.call_stack.append(callee)
    term = pl.lower_ops(entry)
    pl.call_stack.pop()
    for r, v in zip(op.results, term.operands):
        pl.values[r] = pl.values[v]


@handles("pt.program_id", "pt.num_programs")
def _program_id(pl: ProgramLowering, op: Operation) -> None:
    source = pl.pids if op.name == "pt.program_id" else pl.grid
    pl.values[op.result] = source[op.attributes["axis"]]


@handles("pt.assume")
def _assume(pl: ProgramLowering, op: Operation) -> None:
    """tl.assume: llvm.assume of the scalar condition, for LLVM's optimizer (as Triton emits it)."""
    pl.b.assume(pl.values[op.cond])


@handles("pt.constant")
def _constant(pl: ProgramLowering, op: Operation) -> None:
    t = op.result.type
    c = constant(t.scalar, op.attributes["value"])
    pl.values[op.result] = Uniform(c, t.shape) if is_block(t) else c


__all__ = ["ProgramLowering", "handles", "is_block", "SPACE"]
