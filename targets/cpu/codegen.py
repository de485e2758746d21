"""A kernel module to LLVM IR text: the program function plus the entry that runs a range of programs.

    i32 pantile_range(i64* args, i8* scratch, i32* status, i32* next, i32 total, i32 chunk, i32 gx, i32 gy, i32 gz)

takes `chunk` linear program ids (x fastest) at a time from the shared counter
`next` until all `total` are taken, so threads balance their load by themselves;
it stops after a failed device_assert and then returns 1.
"""
from __future__ import annotations

from llvmlite import ir

from pantile.ir import Module
from pantile.passes.analysis.axis_info import AxisInfoAnalysis
from pantile.targets.kernel_args import kernel_function
from pantile.targets.llvm import MathLib

from . import dot, effects, reduce  # noqa: F401  (they register op handlers)
from .abi import RANGE_FUNCTION
from .lower import ProgramLowering
from .values import I32, I64



def _range_function(module: ir.Module, program: ir.Function) -> None:
    ptr = ir.PointerType()
    fn = ir.Function(module, ir.FunctionType(I32, [ptr] * 4 + [I64] * 2 + [I32] * 3), RANGE_FUNCTION)
    args, scratch, status, next_pid, total, chunk, gx, gy, gz = fn.args
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
    # A grid may hold more programs than an i32 counts (each dimension fits one).
    wide_x, wide_y = b.zext(gx, I64), b.zext(gy, I64)
    rest = b.udiv(pid, wide_x)
    x, y, z = (b.trunc(v, I32) for v in (b.urem(pid, wide_x), b.urem(rest, wide_y), b.udiv(rest, wide_y)))
    b.call(program, [args, scratch, status, x, y, z, gx, gy, gz])
    failed = b.load_atomic(status, "monotonic", 4, typ=I32)   # another thread may have failed an assert
    pid.add_incoming(b.add(pid, ir.Constant(I64, 1)), b.block)
    b.cbranch(b.icmp_unsigned("!=", failed, ir.Constant(I32, 0)), stop, loop)
    b.position_at_end(stop)
    b.ret(ir.Constant(I32, 1))
    b.position_at_end(done)
    b.ret(ir.Constant(I32, 0))


def lower_module(module: Module, math: MathLib, debug: bool = False) -> tuple[str, dict]:
    """(LLVM IR text, metadata) for the module's kernel, its device_asserts checked only when `debug`;
    metadata holds the scratch bytes each thread needs, the device_assert messages, whether it prints,
    and a rough cost per program."""
    func = kernel_function(module)
    mod = ir.Module(name=func.attributes["sym_name"])
    lowering = ProgramLowering(mod, func, math, module, AxisInfoAnalysis().compute(module), debug)
    lowering.build()
    _range_function(mod, lowering.fn)
    meta = {"scratch_bytes": lowering.scratch_bytes, "asserts": lowering.asserts, "prints": lowering.prints,
            "work": lowering.work}
    return str(mod), meta


__all__ = ["lower_module"]
