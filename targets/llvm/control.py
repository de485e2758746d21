"""scf.for, scf.if and scf.while as LLVM branches, for every lowering that emits LLVM IR (CPU and SIMT).

A lowering inherits `StructuredControl` and registers `lower_for`, `lower_if` and `lower_while` for the ops.
Carried values go through phis, a value made of several registers (a nested list) through one phi each; a
lowering that keeps some values in memory instead (the CPU's blocks) says so in `carry_slots`.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, Sequence

from llvmlite import ir

from pantile.ir import Block, Operation, Value

I64 = ir.IntType(64)


class StructuredControl:
    """The hooks the shared scf lowering calls; the defaults carry every value in phis and add nothing."""

    b: ir.IRBuilder
    fn: ir.Function
    values: dict

    def lower_ops(self, block: Block) -> Optional[Operation]:
        """Lower every op of `block` but the terminator, which is returned."""
        raise NotImplementedError

    def carry_slots(self, values: Sequence[Value]) -> list:
        """For each value carried across the branches: the memory holding it, or None where a phi carries it."""
        return [None] * len(values)

    def store_carried(self, new: Sequence[Any], slots: Sequence[Any]) -> None:
        """Write the lowered values `new` into their memory slots (those not None)."""

    def iteration_start(self) -> None:
        """Code at the start of each iteration of a kernel's own loop."""

    @contextmanager
    def loop_region(self) -> Iterator[None]:
        """Around lowering the regions that run once per iteration."""
        yield


def phis_of(b: ir.IRBuilder, x: Any, pred: ir.Block) -> Any:
    """Phis for `x` (an LLVM value or a nested list of them), with `x` coming from `pred`."""
    if isinstance(x, list):
        return [phis_of(b, e, pred) for e in x]
    p = b.phi(x.type)
    p.add_incoming(x, pred)
    return p


def add_incoming(phis: Any, x: Any, pred: ir.Block) -> None:
    """`x` (shaped as `phis`) comes into `phis` from `pred`."""
    if isinstance(phis, list):
        for p, e in zip(phis, x):
            add_incoming(p, e, pred)
    else:
        phis.add_incoming(x, pred)


def counted_loop(b: ir.IRBuilder, fn: ir.Function, start: Any, stop: Any, body: Callable[[ir.Value, list], list],
                 carried: Sequence[Any] = (), step: Any = 1, signed: bool = True, ity: ir.IntType = I64,
                 vectorize: bool = True) -> list:
    """for i in range(start, stop, step) with carried values (ints: constants of `ity`; a negative int step
    counts down); `body(i, carried)` returns their next values; returns their final values. `vectorize=False`
    keeps LLVM's loop vectoriser off the loop (straight-line code inside it is still packed into vectors)."""
    c = lambda v: v if isinstance(v, ir.Value) else ir.Constant(ity, v)  # noqa: E731
    pre = b.block
    header = fn.append_basic_block("loop")
    body_bb = fn.append_basic_block("body")
    exit_bb = fn.append_basic_block("endloop")
    b.branch(header)
    b.position_at_end(header)
    i = phis_of(b, c(start), pre)
    phis = [phis_of(b, v, pre) for v in carried]
    backward = isinstance(step, int) and step < 0
    cmp = b.icmp_signed if signed else b.icmp_unsigned
    b.cbranch(cmp(">" if backward else "<", i, c(stop)), body_bb, exit_bb)
    b.position_at_end(body_bb)
    new = body(i, phis)
    nxt = b.add(i, c(step))
    latch = b.block
    back = b.branch(header)
    if not vectorize:
        back.set_metadata("llvm.loop", _loop_id(fn.module, "llvm.loop.vectorize.enable", False))
    i.add_incoming(nxt, latch)
    for p, v in zip(phis, new):
        add_incoming(p, v, latch)
    b.position_at_end(exit_bb)
    return phis


def _loop_id(module: ir.Module, hint: str, value: bool) -> ir.MDValue:
    """A new loop ID carrying one boolean hint. LLVM takes a loop ID only if its first operand is itself, and
    each loop needs its own (add_metadata would return an equal node already made for another loop)."""
    option = module.add_metadata([ir.MetaDataString(module, hint), ir.Constant(ir.IntType(1), value)])
    loop_id = ir.MDValue(module, [option], name=str(len(module.metadata)))
    loop_id.operands = (loop_id, option)
    return loop_id


def _constant_int(v: Value) -> Any:
    op = getattr(v, "owner", None)
    if isinstance(op, Operation) and op.name == "pt.constant":
        return op.attributes["value"]
    return None


def _by_phi(values: Sequence[Any], slots: Sequence[Any]) -> list:
    return [v for v, s in zip(values, slots) if s is None]


def _bind(lw: StructuredControl, args: Sequence[Value], slots: Sequence[Any], phis: Sequence[Any]) -> None:
    """Block arguments: their memory slot, else the next phi."""
    it = iter(phis)
    for a, s in zip(args, slots):
        lw.values[a] = s if s is not None else next(it)


def lower_for(lw: StructuredControl, op: Operation) -> None:
    """scf.for: a counted loop (counting down for a negative constant step)."""
    body = op.regions[0].entry
    slots = lw.carry_slots(op.inits)
    inits = [lw.values[v] for v in op.inits]
    lw.store_carried(inits, slots)
    step = _constant_int(op.step)
    lb = lw.values[op.lb]

    def loop_body(iv: ir.Value, phis: list) -> list:
        lw.iteration_start()
        lw.values[body.args[0]] = iv
        _bind(lw, body.args[1:], slots, phis)
        with lw.loop_region():
            term = lw.lower_ops(body)
        new = [lw.values[v] for v in term.operands]
        lw.store_carried(new, slots)
        return _by_phi(new, slots)

    finals = counted_loop(lw.b, lw.fn, lb, lw.values[op.ub], loop_body, _by_phi(inits, slots),
                          step=step if isinstance(step, int) and step < 0 else lw.values[op.step],
                          signed=op.lb.type.is_signed, ity=lb.type)
    _bind(lw, op.results, slots, finals)


def lower_if(lw: StructuredControl, op: Operation) -> None:
    """scf.if: two branches that meet again."""
    b = lw.b
    slots = lw.carry_slots(op.results)
    then_bb = lw.fn.append_basic_block("then")
    else_bb = lw.fn.append_basic_block("else")
    merge = lw.fn.append_basic_block("endif")
    b.cbranch(lw.values[op.cond], then_bb, else_bb)
    outs = []
    for region, bb in zip(op.regions, (then_bb, else_bb)):
        b.position_at_end(bb)
        term = lw.lower_ops(region.entry)
        new = [lw.values[v] for v in term.operands]
        lw.store_carried(new, slots)
        outs.append((_by_phi(new, slots), b.block))
        b.branch(merge)
    b.position_at_end(merge)
    (then_values, then_end), (else_values, else_end) = outs
    phis = [phis_of(b, x, then_end) for x in then_values]
    for p, x in zip(phis, else_values):
        add_incoming(p, x, else_end)
    _bind(lw, op.results, slots, phis)


def lower_while(lw: StructuredControl, op: Operation) -> None:
    """scf.while: the before region tests, the after region loops back."""
    b = lw.b
    before, after = op.regions[0].entry, op.regions[1].entry
    slots = lw.carry_slots(op.operands)
    inits = [lw.values[v] for v in op.operands]
    lw.store_carried(inits, slots)
    pre = b.block
    header = lw.fn.append_basic_block("while")
    body_bb = lw.fn.append_basic_block("do")
    exit_bb = lw.fn.append_basic_block("endwhile")
    b.branch(header)
    b.position_at_end(header)
    phis = [phis_of(b, x, pre) for x in _by_phi(inits, slots)]
    _bind(lw, before.args, slots, phis)
    with lw.loop_region():
        cond = lw.lower_ops(before)
        passed = [lw.values[v] for v in cond.values]
        b.cbranch(lw.values[cond.cond], body_bb, exit_bb)
        b.position_at_end(body_bb)
        lw.iteration_start()
        for a, v in zip(after.args, passed):
            lw.values[a] = v
        term = lw.lower_ops(after)
    new = [lw.values[v] for v in term.operands]
    lw.store_carried(new, slots)
    latch = b.block
    b.branch(header)
    for p, v in zip(phis, _by_phi(new, slots)):
        add_incoming(p, v, latch)
    b.position_at_end(exit_bb)
    for r, v in zip(op.results, passed):
        lw.values[r] = v
