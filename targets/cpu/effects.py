"""Atomics (LLVM atomicrmw / cmpxchg / load atomic / store atomic), device_print (printf) and device_assert on the CPU.

A failed assert records (assert number, program id, element) in the launch's
status words and leaves the program; the launcher turns that into a Python
exception naming the user's file, line and message.
"""
from __future__ import annotations

import time
from typing import Callable, Optional

from llvmlite import ir

from pantile.ir import Operation, ScalarType
from pantile.passes import DiagnosticError
from pantile.targets.llvm import llvm_type
from pantile.targets.llvm.atomic_access import atomic_load, atomic_store
from pantile.targets.llvm.casts import from_float, to_f32
from pantile.targets.llvm.types import intrinsic, is_bits_float
from pantile.targets.llvm.printing import element_format, index_argument, message_format, printf_argument

from . import values as V
from .abi import ASSERTED
from .lower import SPACE, ProgramLowering, handles, is_block
from .values import I32, I64

_ORDER = {"relaxed": "monotonic", "acquire": "acquire", "release": "release", "acq_rel": "acq_rel"}
_FAIL_ORDER = {"relaxed": "monotonic", "acquire": "acquire", "release": "monotonic", "acq_rel": "acquire"}


def _rmw_op(op: Operation, t: ScalarType) -> str:
    kind = op.attributes["kind"]
    if t.is_float:
        table = {"add": "fadd", "fadd": "fadd", "max": "fmax", "min": "fmin", "xchg": "xchg"}
    else:
        signed = t.is_signed
        table = {"add": "add", "max": "max" if signed else "umax", "min": "min" if signed else "umin",
                 "umax": "umax", "umin": "umin", "and": "and", "or": "or", "xor": "xor", "xchg": "xchg"}
    if kind not in table:
        raise DiagnosticError(op.loc, f"atomic {kind} is not defined on {t}")
    return table[kind]


def _guarded(pl: ProgramLowering, mask: Optional[ir.Value], make: Callable[[], ir.Value], zero: ir.Value) -> ir.Value:
    """`make()` where mask holds, else `zero`."""
    if mask is None:
        return make()
    b = pl.b
    pre = b.block
    then = pl.fn.append_basic_block("atomic")
    merge = pl.fn.append_basic_block("atomic_done")
    b.cbranch(mask, then, merge)
    b.position_at_end(then)
    x = make()
    then_end = b.block
    b.branch(merge)
    b.position_at_end(merge)
    phi = b.phi(x.type)
    phi.add_incoming(x, then_end)
    phi.add_incoming(zero, pre)
    return phi


def _elementwise_effect(pl: ProgramLowering, op: Operation, one: Callable[[list], ir.Value]) -> None:
    """Run `one(operand values)` per element (in program order) or once for scalars."""
    if not is_block(op.operands[0].type):
        pl.work += pl.loop_weight
        pl.values[op.result] = one([pl.values[v] for v in op.operands])
        return
    out = pl.new_buffer(op.result.type)
    srcs = [pl.values[v] for v in op.operands]
    pl.loop_nest(op.result.type.shape, lambda idx: V.write(pl.b, out, idx, one([V.read(pl.b, s, idx) for s in srcs])))
    pl.values[op.result] = out


_F32_RMW = {"fadd": lambda b, x, y: b.fadd(x, y),
            "fmax": lambda b, x, y: intrinsic(b, "llvm.maxnum", x.type, [x, y]),
            "fmin": lambda b, x, y: intrinsic(b, "llvm.minnum", x.type, [x, y])}


def _bits_float_rmw(pl: ProgramLowering, kind: str, t: ScalarType, ptr: ir.Value, val: ir.Value, sem: str) -> ir.Value:
    """atomicrmw `kind` on a float held as bits (bf16): computed in f32 and rounded once, as the target's other
    bf16 arithmetic is, in a compare-exchange loop; returns the old bits."""
    b = pl.b
    lt = llvm_type(t, SPACE)
    first = atomic_load(b, ptr, lt, "monotonic")
    entry = b.block
    loop = pl.fn.append_basic_block("atomic_cas")
    done = pl.fn.append_basic_block("atomic_cas_done")
    b.branch(loop)
    b.position_at_end(loop)
    old = b.phi(lt)
    old.add_incoming(first, entry)
    new = from_float(b, _F32_RMW[kind](b, to_f32(b, old, t), to_f32(b, val, t)), ScalarType("f32"), t)
    pair = b.cmpxchg(ptr, old, new, _ORDER[sem], _FAIL_ORDER[sem])
    old.add_incoming(b.extract_value(pair, 0), b.block)
    b.cbranch(b.extract_value(pair, 1), done, loop)
    b.position_at_end(done)
    return old


@handles("pt.atomic_rmw")
def lower_atomic_rmw(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_rmw: one LLVM atomicrmw per (unmasked) element, in program order (bf16 arithmetic: a
    compare-exchange loop)."""
    t = op.result.type.scalar
    kind = _rmw_op(op, t)
    sem = op.attributes["sem"]
    lt = llvm_type(t, SPACE)

    def rmw(ptr: ir.Value, val: ir.Value) -> ir.Value:
        if is_bits_float(t) and kind != "xchg":
            return _bits_float_rmw(pl, kind, t, ptr, val, sem)
        return pl.b.atomic_rmw(kind, ptr, val, _ORDER[sem])

    def one(args: list) -> ir.Value:
        ptr, val, mask = (args + [None])[:3]
        return _guarded(pl, mask, lambda: rmw(ptr, val), ir.Constant(lt, None))
    _elementwise_effect(pl, op, one)


@handles("pt.atomic_cas")
def lower_atomic_cas(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_cas: one LLVM cmpxchg per element (floats compared as bits)."""
    t = op.result.type.scalar
    lt = llvm_type(t, SPACE)
    it = ir.IntType(t.bitwidth)
    sem = op.attributes["sem"]

    def one(args: list) -> ir.Value:
        b = pl.b
        ptr, cmp, val = args
        if t.is_float:
            cmp, val = b.bitcast(cmp, it), b.bitcast(val, it)
        old = b.extract_value(b.cmpxchg(ptr, cmp, val, _ORDER[sem], _FAIL_ORDER[sem]), 0)
        return b.bitcast(old, lt) if t.is_float else old
    _elementwise_effect(pl, op, one)


@handles("pt.atomic_load")
def lower_atomic_load(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_load: one LLVM `load atomic` per (unmasked) element; masked-off elements read 0."""
    lt = llvm_type(op.result.type.scalar, SPACE)
    order = _ORDER[op.attributes["sem"]]

    def one(args: list) -> ir.Value:
        ptr, mask = (args + [None])[:2]
        return _guarded(pl, mask, lambda: atomic_load(pl.b, ptr, lt, order), ir.Constant(lt, None))
    _elementwise_effect(pl, op, one)


@handles("pt.atomic_store")
def lower_atomic_store(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_store: one LLVM `store atomic` per (unmasked) element, in program order."""
    order = _ORDER[op.attributes["sem"]]

    def one(ptr: ir.Value, value: ir.Value, mask: Optional[ir.Value]) -> None:
        if mask is None:
            atomic_store(pl.b, value, ptr, order)
            return
        with pl.b.if_then(mask):
            atomic_store(pl.b, value, ptr, order)
    operands = [pl.values[v] for v in op.operands] + [None]
    if not is_block(op.ptr.type):
        pl.work += pl.loop_weight
        one(*operands[:3])
        return
    pl.loop_nest(op.ptr.type.shape, lambda idx: one(*[V.read(pl.b, x, idx) if x is not None else None
                                                       for x in operands[:3]]))


def _now_ns(pl: ProgramLowering) -> ir.Value:
    """The host's monotonic clock in nanoseconds (clock_gettime), as an i64."""
    b = pl.b
    timespec = ir.LiteralStructType([I64, I64])
    clock_gettime = pl.module.globals.get("clock_gettime") or ir.Function(
        pl.module, ir.FunctionType(I32, [I32, ir.PointerType()]), "clock_gettime")
    with b.goto_entry_block():
        ts = b.alloca(timespec)
    b.call(clock_gettime, [ir.Constant(I32, time.CLOCK_MONOTONIC), ts])
    seconds = b.load(b.gep(ts, [ir.Constant(I32, 0), ir.Constant(I32, 0)], source_etype=timespec), typ=I64)
    nanos = b.load(b.gep(ts, [ir.Constant(I32, 0), ir.Constant(I32, 1)], source_etype=timespec), typ=I64)
    return b.add(b.mul(seconds, ir.Constant(I64, 1_000_000_000)), nanos)


@handles("pt.atomic_poll")
def lower_atomic_poll(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_poll: element by element, `load atomic` until the value is the expected one or the timeout
    (from one start for the whole op) has passed; every element is read at least once."""
    lt = llvm_type(op.expected.type.scalar, SPACE)
    order = _ORDER[op.attributes["sem"]]
    timeout = pl.values[op.timeout] if op.timeout is not None else None
    start = _now_ns(pl) if timeout is not None else None

    def one(ptr: ir.Value, expected: ir.Value) -> ir.Value:
        b = pl.b
        spin, done = pl.fn.append_basic_block("poll"), pl.fn.append_basic_block("polled")
        b.branch(spin)
        b.position_at_end(spin)
        pl.leave_if_stopped()
        seen = b.icmp_unsigned("==", atomic_load(b, ptr, lt, order), expected)
        if timeout is None:
            b.cbranch(seen, done, spin)
        else:
            waiting = b.icmp_unsigned("<", b.sub(_now_ns(pl), start), timeout)
            b.cbranch(b.and_(b.not_(seen), waiting), spin, done)
        b.position_at_end(done)
        return seen

    if not is_block(op.ptr.type):
        pl.work += pl.loop_weight
        pl.values[op.result] = one(pl.values[op.ptr], pl.values[op.expected])
        return
    out = pl.new_buffer(op.result.type)
    ptrs, expected = pl.values[op.ptr], pl.values[op.expected]
    pl.loop_nest(op.result.type.shape,
                 lambda idx: V.write(pl.b, out, idx, one(V.read(pl.b, ptrs, idx), V.read(pl.b, expected, idx))))
    pl.values[op.result] = out


def _cstring(pl: ProgramLowering, text: str) -> ir.Value:
    data = bytearray(text.encode("utf-8") + b"\0")
    ty = ir.ArrayType(ir.IntType(8), len(data))
    g = ir.GlobalVariable(pl.module, ty, pl.module.get_unique_name("str"))
    g.linkage, g.global_constant, g.initializer = "private", True, ir.Constant(ty, data)
    return g


@handles("pt.print")
def lower_print(pl: ProgramLowering, op: Operation) -> None:
    """pt.print: one printf line per element of each value, in Triton's format (targets/llvm/printing.py)."""
    b = pl.b
    pl.prints = True
    printf = pl.module.globals.get("printf") or ir.Function(
        pl.module, ir.FunctionType(I32, [ir.PointerType()], var_arg=True), "printf")
    prefix = op.attributes["prefix"]
    hex_ = bool(op.attributes.get("hex"))

    def call(text: str, args: list) -> None:
        fmt = b.gep(_cstring(pl, text), [ir.Constant(I32, 0), ir.Constant(I32, 0)])
        b.call(printf, [fmt] + list(pl.pids) + args)
    if not op.operands:
        call(message_format(prefix), [])
        return
    for operand, v in enumerate(op.operands):
        shape = v.type.shape if is_block(v.type) else ()

        def line(idx: list, v=v, operand=operand, shape=shape) -> None:
            x = V.read(b, pl.values[v], idx) if shape else pl.values[v]
            conv, arg = printf_argument(b, x, v.type.scalar, hex_)
            call(element_format(prefix, shape, operand, len(op.operands), conv),
                 [index_argument(b, i) for i in idx] + [arg])
        pl.loop_nest(shape, line)


@handles("pt.assert")
def lower_assert(pl: ProgramLowering, op: Operation) -> None:
    """pt.assert: on the first false element, record where and leave the program (debug builds only)."""
    if not pl.debug:
        return
    b = pl.b
    number = len(pl.asserts)
    loc = op.loc
    pl.asserts.append(f"{loc.file}:{loc.line}: device assertion failed: {op.attributes['message']}")
    cond = op.cond
    shape = cond.type.shape if is_block(cond.type) else ()

    def check(idx: list) -> None:
        c = V.read(b, pl.values[cond], idx) if shape else pl.values[cond]
        stop_where(pl, "assert", b.not_(c), ASSERTED, number, idx, shape)
    pl.loop_nest(shape, check)


def stop_where(pl: ProgramLowering, what: str, failed: ir.Value, code: int, number: int, idx: list, shape: tuple,
               value: Optional[ir.Value] = None) -> None:
    """Where `failed` holds, stop the launch with status `code` and leave the program; the first program to
    stop records `number` (of its `what`: assert or bounds check), its program ids, the element at `idx` of a
    block of `shape` and an i64 `value` (status words 1-7)."""
    b = pl.b
    fail = pl.fn.append_basic_block(f"{what}_failed")
    ok = pl.fn.append_basic_block(f"{what}_ok")
    b.cbranch(failed, fail, ok)
    b.position_at_end(fail)
    word = lambda i: b.gep(pl.status, [ir.Constant(I64, i)], source_etype=I32)  # noqa: E731
    old = b.atomic_rmw("xchg", word(0), ir.Constant(I32, code), "acq_rel")
    with b.if_then(b.icmp_unsigned("==", old, ir.Constant(I32, 0))):
        b.store(ir.Constant(I32, number), word(1))
        for i, p in enumerate(pl.pids):
            b.store(p, word(2 + i))
        b.store(b.trunc(V.linear_offset(b, idx, V.row_major(shape)), I32), word(5))
        if value is not None:
            write_word64(b, word, 6, value)
    b.branch(pl.abort_block())
    b.position_at_end(ok)


def write_word64(b: ir.IRBuilder, word: Callable[[int], ir.Value], at: int, value: ir.Value) -> None:
    """Store i64 `value` in the i32 status words `at` (low half) and `at + 1`, as faults.status_word64 reads it."""
    b.store(b.trunc(value, I32), word(at))
    b.store(b.trunc(b.lshr(value, ir.Constant(I64, 32)), I32), word(at + 1))
