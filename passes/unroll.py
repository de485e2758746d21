"""The `unroll` pass: fully unrolls scf.for loops with constant bounds that ask for it.

A loop is unrolled when it is marked `static = true` (tl.static_range) or
its `unroll` factor equals its trip count. Each copy of the body sees the
induction variable as a constant and the previous copy's yielded values.
"""
from __future__ import annotations

from typing import Optional

from pantile.ir import Builder, Module, Operation, Value

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


@register
class Unroll(Pass):
    """Full unrolling of static loops."""

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
                if trips is not None and (loop.attributes.get("static") or loop.attributes.get("unroll") == trips):
                    body_size = sum(1 for _ in loop.walk()) - 1
                    if trips * body_size > MAX_UNROLLED_OPS:
                        raise DiagnosticError(loop.loc, f"unrolling this loop would copy its {body_size} operations "
                                                        f"{trips} times; use range() instead of static_range")
                    unroll_fully(loop, trips)
                    changed = True
        for loop in live_ops(module):
            if loop.name == "scf.for" and loop.attributes.get("static"):
                raise DiagnosticError(loop.loc, "static_range needs bounds and a positive step known at "
                                                "compile time; use range() for a loop with runtime bounds")
