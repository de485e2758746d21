"""The `unroll` pass: unrolls the scf.for loops that ask for it.

A loop is unrolled fully when its `unroll` factor (tl.range's
loop_unroll_factor) equals its constant trip count: each copy of the body
sees the induction variable as a constant and the previous copy's yielded
values. Another factor F >= 2, on a loop whose step is a positive constant,
unrolls it by F: a loop whose body is F copies of the old one runs the whole
groups of F trips, and the old loop, no longer marked, runs the fewer than F
that remain. (tl.static_range never reaches this pass: the frontend generates
its body once per index.)
"""
from __future__ import annotations

from typing import Optional

from pantile.ir import Block, Builder, Module, Operation, Region, Value

from .manager import AnalysisManager, DiagnosticError, Pass, register
from .rewrite import Number, clone_block_before, const_value, live_ops, make_constant

MAX_UNROLLED_OPS = 1_000_000  # beyond this, compile time and code size explode: ask for a real loop


def evaluate(v: Value, depth: int = 16) -> Optional[Number]:
    """The value of `v` when constants determine it through folders (e.g. `i + 1` in an unrolled copy)."""
    c = const_value(v)
    owner = getattr(v, "owner", None)
    if c is not None or depth == 0 or not isinstance(owner, Operation) or owner.opdef is None \
            or owner.opdef.fold is None or len(owner.results) != 1:
        return c
    consts = [evaluate(x, depth - 1) for x in owner.operands]
    if any(x is None for x in consts):
        return None
    folded = owner.opdef.fold(owner, consts)
    return folded if isinstance(folded, (bool, int, float)) else None


def trip_count(loop: Operation) -> Optional[int]:
    """Iterations of an scf.for with constant bounds and positive step, else None."""
    lb, ub, step = evaluate(loop.lb), evaluate(loop.ub), evaluate(loop.step)
    if lb is None or ub is None or step is None or step <= 0:
        return None
    return max(0, -(-(ub - lb) // step))


def unroll_fully(loop: Operation, trips: int) -> None:
    """Replace `loop` by `trips` copies of its body."""
    lb, step = evaluate(loop.lb), evaluate(loop.step)
    body = loop.regions[0].entry
    builder = Builder.before_op(loop)
    carried: list[Value] = list(loop.inits)
    for i in range(trips):
        iv = make_constant(builder, lb + i * step, body.args[0].type, loc=loop.loc)
        carried = clone_block_before(body, loop, {body.args[0]: iv, **dict(zip(body.args[1:], carried))})
    for result, value in zip(loop.results, carried):
        result.replace_all_uses_with(value)
    loop.erase()


def unroll_by(loop: Operation, factor: int, step: int) -> None:
    """Run `loop`'s trips in groups of `factor` copies of its body, then the rest in `loop` itself."""
    builder = Builder.before_op(loop)
    t, loc = loop.lb.type, loop.loc

    def arith(name: str, lhs: Value, rhs: Value) -> Value:
        return builder.create(f"pt.{name}", [lhs, rhs], [t], loc=loc).result

    def const(value: int) -> Value:
        return make_constant(builder, value, t, loc=loc)

    trips = arith("max", arith("div", arith("add", arith("sub", loop.ub, loop.lb), const(step - 1)), const(step)),
                  const(0))
    grouped_ub = arith("add", loop.lb, arith("mul", arith("div", trips, const(factor)), const(factor * step)))
    offsets = [const(k * step) for k in range(1, factor)]   # outside the loop: licm has run already
    body = loop.regions[0].entry
    group = Block([a.type for a in body.args])
    attributes = {k: v for k, v in loop.attributes.items() if k != "unroll"}
    grouped = builder.create("scf.for", [loop.lb, grouped_ub, const(factor * step), *loop.inits],
                             [r.type for r in loop.results], attributes, [Region([group])], loc=loc)
    terminator = Builder.at_end(group, loc).create(body.terminator.name, [], [], dict(body.terminator.attributes),
                                                   loc=body.terminator.loc)
    inner = Builder.before_op(terminator)
    carried: list[Value] = list(group.args[1:])
    for k in range(factor):
        iv = group.args[0] if k == 0 else inner.create("pt.add", [group.args[0], offsets[k - 1]], [t], loc=loc).result
        carried = clone_block_before(body, terminator, {body.args[0]: iv, **dict(zip(body.args[1:], carried))})
    terminator.set_operands(carried)
    loop.set_operands([grouped_ub, loop.ub, loop.step, *grouped.results])
    del loop.attributes["unroll"]


@register
class Unroll(Pass):
    """Full unrolling of loops whose factor is their trip count; unrolling by a factor of loops whose step is a
    positive constant."""

    name = "unroll"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Unroll every requested loop, outermost first, so inner bounds may use outer indices."""
        changed = True
        while changed:
            changed = False
            for loop in live_ops(module):
                if loop.name != "scf.for":
                    continue
                trips = trip_count(loop)
                if trips is not None and loop.attributes.get("unroll") == trips:
                    body_size = sum(1 for _ in loop.walk()) - 1
                    if trips * body_size > MAX_UNROLLED_OPS:
                        raise DiagnosticError(loop.loc, f"unrolling this loop would copy its {body_size} operations "
                                                        f"{trips} times; use a smaller loop_unroll_factor")
                    unroll_fully(loop, trips)
                    changed = True
                elif loop.attributes.get("unroll", 1) > 1 and (evaluate(loop.step) or 0) > 0:
                    unroll_by(loop, loop.attributes["unroll"], evaluate(loop.step))
                    changed = True
