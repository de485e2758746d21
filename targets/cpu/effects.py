"""Atomics (LLVM atomicrmw / cmpxchg), device_print (printf) and device_assert on the CPU.

A failed assert records (assert number, program id, element) in the launch's
status words and leaves the program; the launcher turns that into a Python
exception naming the user's file, line and message.
"""
from __future__ import annotations

from typing import Callable, Optional

from llvmlite import ir

from pantile.ir import Operation, PointerType, ScalarType
from pantile.passes import DiagnosticError
from pantile.targets.llvm import is_bits_float, llvm_type, to_f32

from . import values as V
from .lower import SPACE, ProgramLowering, handles, is_block
from .values import I32, I64

_ORDER = {"relaxed": "monotonic", "acquire": "acquire", "release": "release", "acq_rel": "acq_rel"}
_FAIL_ORDER = {"relaxed": "monotonic", "acquire": "acquire", "release": "monotonic", "acq_rel": "acquire"}


def _rmw_op(op: Operation, t: ScalarType) -> str:
    kind = op.attributes["kind"]
    if is_bits_float(t) or t.is_bool:
        user_name = "add" if kind == "fadd" else kind
        raise DiagnosticError(op.loc, f"atomic_{user_name} on {t} is not supported on the cpu target; "
                                      "use f16, f32, f64 or an integer type")
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


@handles("pt.atomic_rmw")
def lower_atomic_rmw(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_rmw: one LLVM atomicrmw per (unmasked) element, in program order."""
    t = op.result.type.scalar
    kind = _rmw_op(op, t)
    order = _ORDER[op.attributes["sem"]]
    lt = llvm_type(t, SPACE)

    def one(args: list) -> ir.Value:
        ptr, val, mask = (args + [None])[:3]
        return _guarded(pl, mask, lambda: pl.b.atomic_rmw(kind, ptr, val, order), ir.Constant(lt, None))
    _elementwise_effect(pl, op, one)


@handles("pt.atomic_cas")
def lower_atomic_cas(pl: ProgramLowering, op: Operation) -> None:
    """pt.atomic_cas: one LLVM cmpxchg per element (floats compared as bits)."""
    t = op.result.type.scalar
    if is_bits_float(t) or t.is_bool:
        raise DiagnosticError(op.loc, f"atomic_cas on {t} is not supported on the cpu target")
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


def _cstring(pl: ProgramLowering, text: str) -> ir.Value:
    data = bytearray(text.encode("utf-8") + b"\0")
    ty = ir.ArrayType(ir.IntType(8), len(data))
    g = ir.GlobalVariable(pl.module, ty, pl.module.get_unique_name("str"))
    g.linkage, g.global_constant, g.initializer = "private", True, ir.Constant(ty, data)
    return g


def _printf_arg(pl: ProgramLowering, x: ir.Value, t, hex_: bool) -> tuple[str, ir.Value]:
    """A printf conversion and its (promoted) argument for one value of IR type `t`."""
    b = pl.b
    if isinstance(t, PointerType):
        return "%p", x
    if t.is_float:
        wide = to_f32(b, x, t) if is_bits_float(t) else x
        return "%f", b.fpext(wide, ir.DoubleType()) if wide.type != ir.DoubleType() else wide
    if t.bitwidth == 64:
        return ("0x%llx" if hex_ else "%lld" if t.is_signed else "%llu"), x
    ext = b.sext(x, I32) if t.is_signed else b.zext(x, I32) if t.bitwidth < 32 else x
    return ("0x%x" if hex_ else "%d" if t.is_signed else "%u"), ext


@handles("pt.print")
def lower_print(pl: ProgramLowering, op: Operation) -> None:
    """pt.print: one printf line per element: program id, index, prefix, values."""
    b = pl.b
    pl.prints = True
    printf = pl.module.globals.get("printf") or ir.Function(
        pl.module, ir.FunctionType(I32, [ir.PointerType()], var_arg=True), "printf")
    prefix = op.attributes["prefix"]
    hex_ = bool(op.attributes.get("hex"))
    shapes = [v.type.shape for v in op.operands if is_block(v.type)]
    shape = shapes[0] if shapes else ()

    def line(idx: list) -> None:
        convs, args = [], []
        for v in op.operands:
            x = V.read(b, pl.values[v], idx) if is_block(v.type) else pl.values[v]
            conv, arg = _printf_arg(pl, x, v.type.scalar, hex_)
            convs.append(conv)
            args.append(arg)
        where = "pid (%d, %d, %d)" + (" idx (" + ", ".join(["%lld"] * len(idx)) + ")" if idx else "")
        text = where + " " + prefix.rstrip() + (" " if convs and prefix.strip() else "") + ", ".join(convs) + "\n"
        fmt = b.gep(_cstring(pl, text), [ir.Constant(I32, 0), ir.Constant(I32, 0)])
        b.call(printf, [fmt] + list(pl.pids) + list(idx) + args)
    pl.loop_nest(shape, line)


@handles("pt.assert")
def lower_assert(pl: ProgramLowering, op: Operation) -> None:
    """pt.assert: on the first false element, record where and leave the program."""
    b = pl.b
    number = len(pl.asserts)
    loc = op.loc
    pl.asserts.append(f"{loc.file}:{loc.line}: device assertion failed: {op.attributes['message']}")
    cond = op.operands[0]
    shape = cond.type.shape if is_block(cond.type) else ()

    def check(idx: list) -> None:
        c = V.read(b, pl.values[cond], idx) if shape else pl.values[cond]
        fail = pl.fn.append_basic_block("assert_failed")
        ok = pl.fn.append_basic_block("assert_ok")
        b.cbranch(c, ok, fail)
        b.position_at_end(fail)
        word = lambda i: b.gep(pl.status, [ir.Constant(I64, i)], source_etype=I32)  # noqa: E731
        old = b.atomic_rmw("xchg", word(0), ir.Constant(I32, 1), "acq_rel")
        with b.if_then(b.icmp_unsigned("==", old, ir.Constant(I32, 0))):
            b.store(ir.Constant(I32, number), word(1))
            for i, p in enumerate(pl.pids):
                b.store(p, word(2 + i))
            b.store(b.trunc(V.linear_offset(b, idx, V.row_major(shape)), I32), word(5))
        b.branch(pl.abort_block())
        b.position_at_end(ok)
    pl.loop_nest(shape, check)
