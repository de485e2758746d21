"""Global memory: vectorised masked loads and stores, and atomics (read-modify-write, compare-and-swap, loads,
stores and polls) with their scope.

A thread's consecutive registers that walk one dimension in unit steps form a
vector when the axis info proves the pointers contiguous and aligned that far
and the mask constant across them; the blocked layouts chosen by layout
assignment make that 16 bytes wherever the kernel allows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation, Value

from .exchange import from_writers
from .hooks import llvm_ordering
from .linear_layout import LinearLayout
from .values import from_memory, memory_form, nbytes, pack, to_memory, unpack

I32 = llir.IntType(32)


@dataclass
class PointerFacts:
    """What the axis info proves about block values, per dimension (None: nothing known)."""

    contiguity: Callable[[Value], Optional[tuple[int, ...]]]
    divisibility_bytes: Callable[[Value], Optional[tuple[int, ...]]]   # of pointer blocks
    constancy: Callable[[Value], Optional[tuple[int, ...]]]


NO_FACTS = PointerFacts(lambda v: None, lambda v: None, lambda v: None)


def vector_width(lw, op: Operation, lay: LinearLayout, elem_bytes: int) -> int:
    """Registers per vector access for memory op `op` (a power of two, 1 when nothing is proven)."""
    ptr = op.ptr
    contiguity = lw.facts.contiguity(ptr)
    divisibility = lw.facts.divisibility_bytes(ptr)
    if not lay.register or contiguity is None or divisibility is None:
        return 1
    first = lay.register[0]
    dims = [d for d, c in enumerate(first) if c]
    if len(dims) != 1 or first[dims[0]] != 1:
        return 1
    d = dims[0]
    limit = min(contiguity[d], max(1, 16 // elem_bytes))
    while limit > 1 and divisibility[d] % (limit * elem_bytes):
        limit //= 2
    mask = _mask_operand(op)
    if mask is not None and isinstance(mask.type, BlockType):
        constancy = lw.facts.constancy(mask)
        limit = min(limit, constancy[d] if constancy is not None else 1)
    return unit_run(lay, d, limit)


def unit_run(lay: LinearLayout, d: int, limit: int) -> int:
    """The most registers, a power of two at most `limit`, whose low bits walk dimension `d` in unit steps."""
    k = 0
    while k < len(lay.register) and (1 << (k + 1)) <= limit and lay.register[k] == tuple(
            (1 << k) if i == d else 0 for i in range(lay.rank)):
        k += 1
    return 1 << k


def constant_run(facts: PointerFacts, value: Value, lay: LinearLayout) -> int:
    """Consecutive registers of block `value` that the axis info proves equal (1 when nothing is proven)."""
    constancy = facts.constancy(value)
    if not lay.register or constancy is None:
        return 1
    dims = [d for d, c in enumerate(lay.register[0]) if c]
    if len(dims) != 1:
        return 1
    return unit_run(lay, dims[0], constancy[dims[0]])


def _mask_operand(op: Operation) -> Optional[Value]:
    return op.mask if op.name in ("pt.load", "pt.store", "pt.atomic_rmw", "pt.async_copy") else None




def _cols(lw, op: Operation, n: int) -> list:
    return [lw.values[v] if isinstance(lw.values[v], list) else [lw.values[v]] * n for v in op.operands]


def _and(b: llir.IRBuilder, a: Optional[llir.Value], c: Optional[llir.Value]) -> Optional[llir.Value]:
    if a is None:
        return c
    if c is None:
        return a
    return b.and_(a, c)


def lower_load(lw, op: Operation) -> None:
    """pt.load: masked-off elements read `other` (or stay undefined)."""
    b = lw.b
    res = op.results[0]
    val_t = lw.llvm_type(res.type)
    mem_t = memory_form(val_t)
    has_mask, has_other = op.mask is not None, op.other is not None
    cache = op.attributes.get("cache", "")
    if not isinstance(res.type, BlockType):
        vals = [lw.values[v] for v in op.operands]
        got = lw.hooks.masked_load(b, vals[0], mem_t, vals[1] if has_mask else None,
                                   to_memory(b, vals[2], mem_t) if has_other else None, nbytes(mem_t), cache)
        lw.values[res] = from_memory(b, got, val_t)
        return
    lay = lw.layout_of(res)
    n = lay.num_registers
    cols = _cols(lw, op, n)
    vec = vector_width(lw, op, lay, nbytes(mem_t))
    out = []
    for r0 in range(0, n, vec):
        typ = mem_t if vec == 1 else llir.VectorType(mem_t, vec)
        other = pack(b, [to_memory(b, cols[2][r], mem_t) for r in range(r0, r0 + vec)]) if has_other else None
        got = lw.hooks.masked_load(b, cols[0][r0], typ, cols[1][r0] if has_mask else None, other,
                                   vec * nbytes(mem_t), cache)
        out.extend(from_memory(b, p, val_t) for p in unpack(b, got, vec))
    lw.values[res] = out


def lower_store(lw, op: Operation) -> None:
    """pt.store: replicated threads leave the store to one of them."""
    b = lw.b
    val = op.value
    mem_t = memory_form(lw.llvm_type(val.type))
    has_mask = op.mask is not None
    cache = op.attributes.get("cache", "")
    if not isinstance(val.type, BlockType):
        # One thread per program stores, as in Triton: threads may disagree on a value loaded from memory
        # another program writes (a counter under a lock). A plain conditional store, not the hook's
        # predicated one, leaves LLVM free to schedule later loads ahead of it.
        vals = [lw.values[v] for v in op.operands]
        with b.if_then(_and(b, vals[2] if has_mask else None, lw.first_thread())):
            b.store(to_memory(b, vals[1], mem_t), vals[0], align=nbytes(mem_t))
        return
    lay = lw.layout_of(val)
    n = lay.num_registers
    cols = _cols(lw, op, n)
    vec = vector_width(lw, op, lay, nbytes(mem_t))
    writer = lw.is_writer(lay)
    for r0 in range(0, n, vec):
        data = pack(b, [to_memory(b, cols[1][r], mem_t) for r in range(r0, r0 + vec)])
        mask = _and(b, cols[2][r0] if has_mask else None, writer)
        lw.hooks.masked_store(b, cols[0][r0], data, mask, vec * nbytes(mem_t), cache)


def _rmw_name(kind: str, t) -> str:
    if t.is_float:
        return {"add": "fadd", "fadd": "fadd", "max": "fmax", "min": "fmin", "xchg": "xchg"}[kind]
    if t.is_unsigned and kind in ("max", "min"):
        return "u" + kind
    return kind


def _ordering(lw, op: Operation, sem: str) -> str:
    return llvm_ordering(lw.hooks, sem, op.attributes["scope"])


def _fence(lw, op: Operation, side: str) -> None:
    """The fence that gives a relaxed atomic op's `side` ("release" before, "acquire" after) of its order."""
    if op.attributes["sem"] in (side, "acq_rel"):
        lw.b.fence(side, lw.hooks.atomic_scope(op.attributes["scope"]) or None)


def _each_element(lw, op: Operation, emit) -> None:
    """Run `emit(columns, register)` per register under the mask and writer predicate, once per element
    (scalars: once per program); every copy of an element gets its old value (undefined where masked off)."""
    b = lw.b
    res = op.results[0]
    scalar = not isinstance(res.type, BlockType)
    lay = None if scalar else lw.layout_of(res)
    n = 1 if scalar else lay.num_registers
    cols = [[lw.values[v]] for v in op.operands] if scalar else _cols(lw, op, n)
    writer = lw.first_thread() if scalar else lw.is_writer(lay)
    mask_index = 2 if op.name == "pt.atomic_rmw" and len(op.operands) > 2 else None
    out = []
    for r in range(n):
        pred = _and(b, cols[mask_index][r] if mask_index is not None else None, writer)
        out.append(_when(b, pred, lambda r=r: emit(cols, r)))
    if not res.has_uses or (writer is None and not scalar):
        lw.values[res] = out[0] if scalar else out
    elif scalar:
        lw.values[res] = _from_first_thread(lw, out[0])
    else:   # replicas of an element skipped the atomic: they read the old value its writer got
        lw.values[res] = from_writers(lw, out, lay, out[0].type)


def _from_first_thread(lw, v: llir.Value) -> llir.Value:
    """Thread 0's `v` in every thread of the program, through shared memory."""
    b = lw.b
    mem = memory_form(v.type)
    slot = lw.use_scratch(nbytes(mem))
    lw.barrier()
    with b.if_then(lw.first_thread()):
        b.store(to_memory(b, v, mem), b.gep(slot, [I32(0)], source_etype=mem))
    lw.barrier()
    return from_memory(b, b.load(b.gep(slot, [I32(0)], source_etype=mem), typ=mem), v.type)


def lower_atomic_rmw(lw, op: Operation) -> None:
    """pt.atomic_rmw with the op's memory order and scope (as fences around a relaxed one where the hooks
    say the back end drops it); returns the old values."""
    t = op.value.type.scalar
    name = _rmw_name(op.attributes["kind"], t)
    fenced = lw.hooks.fence_atomic_rmw
    order = _ordering(lw, op, "relaxed" if fenced else op.attributes["sem"])

    def emit(cols, r):
        if fenced:
            _fence(lw, op, "release")
        old = lw.b.atomic_rmw(name, cols[0][r], cols[1][r], order)
        if fenced:
            _fence(lw, op, "acquire")
        return old
    _each_element(lw, op, emit)


def lower_atomic_cas(lw, op: Operation) -> None:
    """pt.atomic_cas with the op's memory order and scope; returns the old values."""
    order = _ordering(lw, op, op.attributes["sem"])

    def emit(cols, r):
        cmp, new = cols[1][r], cols[2][r]
        if not isinstance(cmp.type, llir.IntType):       # LLVM compares integers: go through bits
            it = llir.IntType(nbytes(cmp.type) * 8)
            pair = lw.b.cmpxchg(cols[0][r], lw.b.bitcast(cmp, it), lw.b.bitcast(new, it), order, "monotonic")
            return lw.b.bitcast(lw.b.extract_value(pair, 0), cmp.type)
        return lw.b.extract_value(lw.b.cmpxchg(cols[0][r], cmp, new, order, "monotonic"), 0)
    _each_element(lw, op, emit)




def _when(b: llir.IRBuilder, pred: Optional[llir.Value], make: Callable[[], llir.Value]) -> llir.Value:
    """`make()` where `pred` holds (always without one), else undefined."""
    if pred is None:
        return make()
    start = b.block
    with b.if_then(pred):
        got = make()
        inner = b.block
    phi = b.phi(got.type)
    phi.add_incoming(got, inner)
    phi.add_incoming(llir.Constant(got.type, None), start)
    return phi


def _registers(lw, op: Operation, res: Value) -> tuple[bool, list]:
    """Whether `res` is a scalar, and the operands' registers (one each for a scalar)."""
    if not isinstance(res.type, BlockType):
        return True, [[lw.values[v]] for v in op.operands]
    return False, _cols(lw, op, lw.layout_of(res).num_registers)


def lower_atomic_load(lw, op: Operation) -> None:
    """pt.atomic_load: each thread reads the elements it holds (copies of an element read it each)."""
    typ = lw.llvm_type(op.result.type)
    sem, scope = op.attributes["sem"], op.attributes["scope"]
    scalar, cols = _registers(lw, op, op.result)
    out = [_when(lw.b, cols[1][r] if op.mask is not None else None,
                 lambda r=r: lw.hooks.atomic_load(lw.b, cols[0][r], typ, sem, scope)) for r in range(len(cols[0]))]
    lw.values[op.result] = out[0] if scalar else out


def lower_atomic_store(lw, op: Operation) -> None:
    """pt.atomic_store: one thread per element writes; a release first waits for the program's other threads,
    so that it orders their earlier accesses too."""
    b = lw.b
    sem, scope = op.attributes["sem"], op.attributes["scope"]
    scalar, cols = _registers(lw, op, op.value)
    writer = lw.first_thread() if scalar else lw.is_writer(lw.layout_of(op.value))
    if sem == "release":
        lw.barrier()
    for r in range(len(cols[0])):
        pred = _and(b, cols[2][r] if op.mask is not None else None, writer)
        if pred is None:
            lw.hooks.atomic_store(b, cols[1][r], cols[0][r], sem, scope)
            continue
        with b.if_then(pred):
            lw.hooks.atomic_store(b, cols[1][r], cols[0][r], sem, scope)


def lower_atomic_poll(lw, op: Operation) -> None:
    """pt.atomic_poll: each thread reads each element it holds until it is the expected value, or until the
    timeout has passed on the device's clock since the op began (each element is read once at least); an acquiring
    poll then waits for the program's other threads, so that it orders their later accesses too."""
    b = lw.b
    typ = lw.llvm_type(op.expected.type)
    sem, scope = op.attributes["sem"], op.attributes["scope"]
    scalar, cols = _registers(lw, op, op.result)
    timeout = lw.values[op.timeout] if op.timeout is not None else None
    start = lw.hooks.clock_ns(b) if timeout is not None else None
    out = []
    for r in range(len(cols[0])):
        spin, done = lw.fn.append_basic_block("poll"), lw.fn.append_basic_block("polled")
        b.branch(spin)
        b.position_at_end(spin)
        seen = b.icmp_unsigned("==", lw.hooks.atomic_load(b, cols[0][r], typ, sem, scope), cols[1][r])
        if timeout is None:
            b.cbranch(seen, done, spin)
        else:
            waiting = b.icmp_unsigned("<", b.sub(lw.hooks.clock_ns(b), start), timeout)
            b.cbranch(b.and_(b.not_(seen), waiting), spin, done)
        b.position_at_end(done)
        out.append(seen)
    if sem == "acquire":
        lw.barrier()
    lw.values[op.result] = out[0] if scalar else out
