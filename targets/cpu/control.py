"""scf.for, scf.if and scf.while on the CPU: LLVM branches; carried blocks in buffers of their own."""
from __future__ import annotations

from typing import Any, Sequence

from llvmlite import ir

from pantile.ir import Operation, Value

from .lower import ProgramLowering, handles, is_block
from .values import Buffer

ASSUMED_TRIPS = 16      # for the work estimate the launcher splits grids by (trip counts are not known)


def _carry_slots(pl: ProgramLowering, values: Sequence[Value]) -> list:
    """For each carried value: a fresh buffer (blocks) or None (scalars, carried by phis)."""
    return [pl.new_buffer(v.type) if is_block(v.type) else None for v in values]


def _store_carried(pl: ProgramLowering, new: Sequence[Any], slots: Sequence[Any]) -> None:
    """Copy yielded blocks into the carry buffers; blocks that view a carry buffer go through a copy
    first, so that a yield like (b, a) cannot read a buffer it already overwrote."""
    carried = {s.slot for s in slots if s is not None}
    staged = []
    for v, s in zip(new, slots):
        if s is None:
            staged.append(v)
            continue
        aliases = isinstance(v, Buffer) and v.slot in carried and not (v.slot == s.slot and v.strides == s.strides)
        if aliases:
            tmp = pl.allocate(s.shape, s.etype, s.is_bool)
            pl.copy_into(v, tmp)
            v = tmp
        staged.append(v)
    for v, s in zip(staged, slots):
        if s is not None:
            pl.copy_into(v, s)


def _constant_int(v: Value) -> Any:
    op = getattr(v, "owner", None)
    if isinstance(op, Operation) and op.name == "pt.constant":
        return op.attributes["value"]
    return None


@handles("scf.for")
def lower_for(pl: ProgramLowering, op: Operation) -> None:
    """scf.for: a counted LLVM loop; scalars carried by phis, blocks by buffers."""
    lb, ub, step, *inits = op.operands
    body = op.regions[0].blocks[0]
    slots = _carry_slots(pl, inits)
    for v, s in zip(inits, slots):
        if s is not None:
            pl.copy_into(pl.values[v], s)
    scalar_inits = [pl.values[v] for v, s in zip(inits, slots) if s is None]
    step_const = _constant_int(step)
    signed = lb.type.is_signed

    def loop_body(iv: ir.Value, phis: list) -> list:
        pl.leave_if_stopped()
        pl.values[body.args[0]] = iv
        it = iter(phis)
        for a, s in zip(body.args[1:], slots):
            pl.values[a] = s if s is not None else next(it)
        pl.loop_weight *= ASSUMED_TRIPS
        term = pl.lower_ops(body)
        pl.loop_weight //= ASSUMED_TRIPS
        new = [pl.values[v] for v in term.operands]
        _store_carried(pl, new, slots)
        return [v for v, s in zip(new, slots) if s is None]

    finals = pl.counted_loop(pl.values[lb], pl.values[ub], loop_body, scalar_inits,
                             step=step_const if isinstance(step_const, int) and step_const < 0 else pl.values[step],
                             signed=signed, ity=pl.values[lb].type)
    it = iter(finals)
    for r, s in zip(op.results, slots):
        pl.values[r] = s if s is not None else next(it)


@handles("scf.if")
def lower_if(pl: ProgramLowering, op: Operation) -> None:
    """scf.if: two branches; scalar results by phis, block results in buffers both branches fill."""
    b = pl.b
    slots = _carry_slots(pl, op.results)
    then_bb = pl.fn.append_basic_block("then")
    else_bb = pl.fn.append_basic_block("else")
    merge = pl.fn.append_basic_block("endif")
    b.cbranch(pl.values[op.cond], then_bb, else_bb)
    incoming = []
    for region, bb in zip(op.regions, (then_bb, else_bb)):
        b.position_at_end(bb)
        term = pl.lower_ops(region.blocks[0])
        new = [pl.values[v] for v in term.operands]
        _store_carried(pl, new, slots)
        incoming.append(([v for v, s in zip(new, slots) if s is None], b.block))
        b.branch(merge)
    b.position_at_end(merge)
    scalars = []
    for r, s in zip(op.results, slots):
        if s is not None:
            pl.values[r] = s
            continue
        j = len(scalars)
        phi = b.phi(incoming[0][0][j].type)
        for vals, bb in incoming:
            phi.add_incoming(vals[j], bb)
        scalars.append(phi)
        pl.values[r] = phi


@handles("scf.while")
def lower_while(pl: ProgramLowering, op: Operation) -> None:
    """scf.while: the before region tests, the after region loops back."""
    b = pl.b
    before, after = op.regions[0].blocks[0], op.regions[1].blocks[0]
    slots = _carry_slots(pl, op.operands)
    for v, s in zip(op.operands, slots):
        if s is not None:
            pl.copy_into(pl.values[v], s)
    pre = b.block
    header = pl.fn.append_basic_block("while")
    body_bb = pl.fn.append_basic_block("do")
    exit_bb = pl.fn.append_basic_block("endwhile")
    b.branch(header)
    b.position_at_end(header)
    phis = []
    for a, v, s in zip(before.args, op.operands, slots):
        if s is None:
            phi = b.phi(pl.values[v].type)
            phi.add_incoming(pl.values[v], pre)
            phis.append(phi)
            pl.values[a] = phi
        else:
            pl.values[a] = s
    pl.loop_weight *= ASSUMED_TRIPS
    cond = pl.lower_ops(before)
    passed = [pl.values[v] for v in cond.values]
    b.cbranch(pl.values[cond.cond], body_bb, exit_bb)
    b.position_at_end(body_bb)
    pl.leave_if_stopped()
    for a, v in zip(after.args, passed):
        pl.values[a] = v
    term = pl.lower_ops(after)
    pl.loop_weight //= ASSUMED_TRIPS
    new = [pl.values[v] for v in term.operands]
    _store_carried(pl, new, slots)
    latch = b.block
    b.branch(header)
    for phi, v in zip(phis, [v for v, s in zip(new, slots) if s is None]):
        phi.add_incoming(v, latch)
    b.position_at_end(exit_bb)
    for r, v in zip(op.results, passed):
        pl.values[r] = v
