"""pt.check_bounds on the CPU (debug builds, passes/bounds.py): each masked-in lane is checked before its access.

The launcher passes, after the argument words, two words per argument: the bytes its array's elements occupy,
[low, high) relative to the address it passes (every byte where it cannot see an array). A lane is inside
when its byte offset from its argument's address, and the bytes it accesses, fall in that range; a check that
names no argument accepts a lane inside any array argument. The first lane outside stops the launch with
(check number, program, element, offset or address) in the status words, before anything is accessed.
"""
from __future__ import annotations

from llvmlite import ir

from pantile.ir import Operation, PointerType

from . import values as V
from .abi import OUT_OF_BOUNDS
from .effects import stop_where
from .lower import ProgramLowering, handles, is_block
from .values import I1, I64


def access_bytes(t) -> int:
    """Bytes one element of pointee type `t` occupies in memory (pointers: 8)."""
    return 8 if isinstance(t, PointerType) else max(1, t.bitwidth // 8)


def _word(pl: ProgramLowering, k: int) -> ir.Value:
    return pl.b.load(pl.b.gep(pl.args_ptr, [ir.Constant(I64, k)], source_etype=I64), typ=I64)


@handles("pt.check_bounds")
def lower_check_bounds(pl: ProgramLowering, op: Operation) -> None:
    """Stop the program at the first masked-in lane whose access leaves its array."""
    b = pl.b
    ptr = op.operands[0]
    mask = op.operands[1] if len(op.operands) > 1 else None
    shape = ptr.type.shape if is_block(ptr.type) else ()
    pointee = ptr.type.scalar.pointee if is_block(ptr.type) else ptr.type.pointee
    size = access_bytes(pointee)
    arg = op.attributes["arg"]
    kernel_args = pl.func.regions[0].blocks[0].args
    count = len(kernel_args)
    candidates = [arg] if arg >= 0 else [k for k, a in enumerate(kernel_args) if isinstance(a.type, PointerType)]
    number = len(pl.bounds_checks)
    pl.bounds_checks.append({"file": op.loc.file, "line": op.loc.line, "access": op.attributes["access"],
                             "arg": arg, "type": str(pointee), "size": size, "block": bool(shape),
                             "array_type": str(kernel_args[arg].type.pointee) if arg >= 0 else ""})
    # (address, lowest offset, highest offset an access may start at) of each array it may be in
    ranges = [(_word(pl, k), _word(pl, count + 2 * k),
               b.sub(_word(pl, count + 2 * k + 1), ir.Constant(I64, size))) for k in candidates]

    def outside(idx: list) -> tuple[ir.Value, ir.Value]:
        """(lane at `idx` is masked in and outside, the offset or address errors report)."""
        address = b.ptrtoint(V.read(b, pl.values[ptr], idx) if shape else pl.values[ptr], I64)
        inside, offset = ir.Constant(I1, 0), address
        for base, low, last in ranges:
            offset = b.sub(address, base)
            inside = b.or_(inside, b.and_(b.icmp_signed(">=", offset, low), b.icmp_signed("<=", offset, last)))
        failed = b.not_(inside)
        if mask is not None:
            failed = b.and_(failed, V.read(b, pl.values[mask], idx) if shape else pl.values[mask])
        return failed, offset if arg >= 0 else address

    def stop_at(idx: list) -> None:
        failed, value = outside(idx)
        stop_where(pl, "bounds", failed, OUT_OF_BOUNDS, number, idx, shape, value)

    if not shape:
        stop_at([])
        return
    # A branch-free loop that LLVM vectorises finds whether any lane is outside; only then does a second
    # loop find the first one and stop.
    here = b.block
    b.position_at_start(pl.fn.entry_basic_block)
    any_outside = b.alloca(I1)
    b.position_at_end(here)
    b.store(ir.Constant(I1, 0), any_outside)
    pl.loop_nest(shape, lambda idx: b.store(b.or_(b.load(any_outside, typ=I1), outside(idx)[0]), any_outside))
    with b.if_then(b.load(any_outside, typ=I1), likely=False):
        pl.loop_nest(shape, stop_at)
