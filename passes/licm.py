"""The `licm` pass: hoists loop-invariant pure ops out of scf.for.

An op moves before its loop when it is pure, reads no memory, holds no
region, sits directly in the loop body and uses only values defined outside
the loop. Integer division and remainder move only by a non-zero constant:
the loop may run zero times, and hoisting must not create a division by zero.
Inner loops go first, so an invariant can climb several levels.
"""
from __future__ import annotations

from pantile.ir import Module, Operation

from .manager import AnalysisManager, Pass, register
from .rewrite import const_value, defined_outside, is_pure, live_ops


def _speculatable(op: Operation) -> bool:
    if op.name in ("pt.div", "pt.rem") and op.results[0].type.scalar.is_int:
        divisor = const_value(op.rhs)
        return divisor is not None and divisor != 0
    return True


def hoist_invariants(loop: Operation) -> int:
    """Move the invariant ops of `loop`'s body before it; returns how many moved."""
    moved = 0
    for op in list(loop.regions[0].entry.ops):
        if (op.results and not op.regions and is_pure(op) and _speculatable(op)
                and all(defined_outside(v, loop) for v in op.operands)):
            op.move_before(loop)
            moved += 1
    return moved


@register
class LICM(Pass):
    """Loop-invariant code motion for scf.for."""

    name = "licm"
    preserves = ("callgraph",)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Hoist invariants out of every scf.for, innermost loops first."""
        for loop in reversed([op for op in live_ops(module) if op.name == "scf.for"]):
            hoist_invariants(loop)
