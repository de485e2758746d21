"""A kernel module to LLVM IR text: the program function plus the entry that runs a range of programs.

    i32 pantile_range(i64* args, i8* scratch, i32* status, i64* next, i64 total, i64 chunk, i32 gx, i32 gy, i32 gz)

takes `chunk` linear program ids (x fastest) at a time from the shared counter
`next` until all `total` are taken, so threads balance their load by themselves;
it stops when status word 0 is set (a failed device_assert, a memory fault, an
interrupt) and then returns 1.
"""
from __future__ import annotations

import ctypes

from llvmlite import ir

from pantile.ir import Module
from pantile.passes.analysis.axis_info import AxisInfoAnalysis
from pantile.targets.kernel_args import kernel_function
from pantile.targets.llvm import MathLib

from . import bounds, dot, effects, reduce  # noqa: F401  (they register op handlers)
from . import faults
from .abi import FAULT, FAULTED, RANGE_FUNCTION
from .effects import write_word64
from .lower import ProgramLowering
from .values import I32, I64


_WRITES_MEMORY = ("pt.store", "pt.atomic_rmw", "pt.atomic_cas", "pt.atomic_store")


def _program_xyz(b: ir.IRBuilder, pid: ir.Value, gx: ir.Value, gy: ir.Value) -> tuple:
    """The (x, y, z) ids of linear program id `pid` (x fastest). A grid may hold more programs than an i32
    counts (each dimension fits one)."""
    wide_x, wide_y = b.zext(gx, I64), b.zext(gy, I64)
    rest = b.udiv(pid, wide_x)
    return tuple(b.trunc(v, I32) for v in (b.urem(pid, wide_x), b.urem(rest, wide_y), b.udiv(rest, wide_y)))


def _programs_function(module: ir.Module, program: ir.Function) -> ir.Function:
    """i32 pantile_programs(the entry's arguments, i64* current): the loop over programs, writing the linear id
    of each into `current` before it runs (for the fault report)."""
    ptr = ir.PointerType()
    fn = ir.Function(module, ir.FunctionType(I32, [ptr] * 4 + [I64] * 2 + [I32] * 3 + [ptr]), "pantile_programs")
    fn.linkage = "internal"
    fn.attributes.add("noinline")      # keeps the kernel's code out of the function that calls _setjmp
    args, scratch, status, next_pid, total, chunk, gx, gy, gz, current = fn.args
    entry, grab, run, loop, body, stop, done = (fn.append_basic_block(n) for n in
                                                ("entry", "grab", "run", "loop", "body", "stop", "done"))
    b = ir.IRBuilder(entry)
    b.branch(grab)
    b.position_at_end(grab)
    begin = b.atomic_rmw("add", next_pid, chunk, "monotonic")
    b.cbranch(b.icmp_signed("<", begin, total), run, done)
    b.position_at_end(run)
    end = b.add(begin, chunk)
    end = b.select(b.icmp_signed("<", end, total), end, total)
    b.branch(loop)
    b.position_at_end(loop)
    pid = b.phi(I64)
    pid.add_incoming(begin, run)
    b.cbranch(b.icmp_signed("<", pid, end), body, grab)
    b.position_at_end(body)
    b.store(pid, current).volatile = True
    b.call(program, [args, scratch, status, *_program_xyz(b, pid, gx, gy), gx, gy, gz])
    failed = b.load_atomic(status, "monotonic", 4, typ=I32)   # another thread may have failed an assert
    pid.add_incoming(b.add(pid, ir.Constant(I64, 1)), b.block)
    b.cbranch(b.icmp_unsigned("!=", failed, ir.Constant(I32, 0)), stop, loop)
    b.position_at_end(stop)
    b.ret(ir.Constant(I32, 1))
    b.position_at_end(done)
    b.ret(ir.Constant(I32, 0))
    return fn


def _declare(module: ir.Module, name: str, ret: ir.Type, params: list) -> ir.Function:
    return module.globals.get(name) or ir.Function(module, ir.FunctionType(ret, params), name)


def _range_function(module: ir.Module, program: ir.Function) -> None:
    """The entry: registers a jump buffer for this thread (targets/cpu/faults.py), runs the programs, and
    after a memory fault, which jumps back here, records it in the status words and stops the launch."""
    ptr = ir.PointerType()
    programs = _programs_function(module, program)
    fn = ir.Function(module, ir.FunctionType(I32, [ptr] * 4 + [I64] * 2 + [I32] * 3), RANGE_FUNCTION)
    key_type = ir.IntType(8 * ctypes.sizeof(faults.KEY_TYPE))
    get_key = _declare(module, "pthread_getspecific", ptr, [key_type])
    set_key = _declare(module, "pthread_setspecific", I32, [key_type, ptr])
    setjmp = _declare(module, "_setjmp", I32, [ptr])
    setjmp.attributes.add("returns_twice")
    key_global = ir.GlobalVariable(module, key_type, faults.KEY_SYMBOL)
    status = fn.args[2]
    gx, gy = fn.args[6], fn.args[7]
    b = ir.IRBuilder(fn.append_basic_block("entry"))
    context = b.alloca(I64, size=faults.CONTEXT_BYTES // 8)
    context.align = 16
    at = lambda offset: b.gep(context, [ir.Constant(I64, offset // 8)], source_etype=I64)  # noqa: E731
    key = b.load(key_global, typ=key_type)
    previous = b.call(get_key, [key])
    b.call(set_key, [key, context])
    b.store(ir.Constant(I64, -1), at(faults.PROGRAM_AT)).volatile = True
    jumped = b.call(setjmp, [context])
    run, faulted = fn.append_basic_block("run"), fn.append_basic_block("faulted")
    b.cbranch(b.icmp_unsigned("==", jumped, ir.Constant(I32, 0)), run, faulted)
    b.position_at_end(run)
    result = b.call(programs, [*fn.args, at(faults.PROGRAM_AT)])
    b.call(set_key, [key, previous])
    b.ret(result)
    b.position_at_end(faulted)
    b.call(set_key, [key, previous])
    word = lambda i: b.gep(status, [ir.Constant(I64, i)], source_etype=I32)  # noqa: E731
    first = b.extract_value(b.cmpxchg(word(FAULT), ir.Constant(I32, 0), jumped, "acq_rel", "monotonic"), 1)
    with b.if_then(first):
        pid = b.load(at(faults.PROGRAM_AT), typ=I64)
        pid.volatile = True
        for i, v in enumerate(_program_xyz(b, pid, gx, gy)):
            b.store(v, word(FAULT + 1 + i))
        address = b.load(at(faults.ADDRESS_AT), typ=I64)
        address.volatile = True
        write_word64(b, word, FAULT + 4, address)
    b.cmpxchg(word(0), ir.Constant(I32, 0), ir.Constant(I32, FAULTED), "acq_rel", "monotonic")
    b.ret(ir.Constant(I32, 1))


def lower_module(module: Module, math: MathLib, debug: bool = False) -> tuple[str, dict]:
    """(LLVM IR text, metadata) for the module's kernel, its device_asserts checked only when `debug`;
    metadata holds the scratch bytes each thread needs, the device_assert messages, what each bounds check
    checks (debug builds), whether it prints and whether it writes memory, and a rough cost per program."""
    func = kernel_function(module)
    mod = ir.Module(name=func.attributes["sym_name"])
    lowering = ProgramLowering(mod, func, math, module, AxisInfoAnalysis().compute(module), debug)
    lowering.build()
    _range_function(mod, lowering.fn)
    meta = {"scratch_bytes": lowering.scratch_bytes, "asserts": lowering.asserts, "prints": lowering.prints,
            "work": lowering.work, "bounds": lowering.bounds_checks, "writes": any(op.name in _WRITES_MEMORY for op in module.walk())}
    return str(mod), meta


__all__ = ["lower_module"]
