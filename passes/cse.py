"""The `cse` pass: common subexpression elimination of pure ops, guided by dominance.

Two ops are the same expression when they have the same name, operands
(in any order for commutative ops), attributes and result types. The later
one is replaced by the earlier one only where the earlier one dominates it,
and never into a combine region (pt.reduce, pt.scan), whose body must stay
self-contained.
"""
from __future__ import annotations

from typing import Hashable, Optional

from pantile.ir import Module, Operation, Type
from pantile.ir.core import erase_ops
from pantile.ir.ops import COMMUTATIVE
from pantile.ir.printer import format_attr_dict

from .analysis.dominance import DominanceInfo
from .manager import AnalysisManager, Pass, register
from .rewrite import CONTROL_FLOW, is_pure, live_ops


def expression_key(op: Operation) -> Hashable:
    """What makes two pure ops interchangeable."""
    operands = [id(v) for v in op.operands]
    if op.opdef.has(COMMUTATIVE):
        operands.sort()
    # types compare equal whatever their layouts, which the key must tell apart
    results = tuple((r.type, _layout_text(r.type)) for r in op.results)
    return (op.name, tuple(operands), format_attr_dict(op.attributes), results)


def _layout_text(t: Type) -> Optional[str]:
    layout = getattr(t, "layout", None)
    return None if layout is None else str(layout)


def _same_combine_scope(earlier: Operation, later: Operation) -> bool:
    """True when only control-flow ops lie between `later` and the block of `earlier`."""
    cur = later.parent_op
    while cur is not None and cur is not earlier.parent_op:
        if cur.name not in CONTROL_FLOW:
            return False
        cur = cur.parent_op
    return True


@register
class CSE(Pass):
    """Replaces each pure op by an identical one that dominates it."""

    name = "cse"
    requires = ("dominance",)
    preserves = ("callgraph",)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Eliminate common subexpressions in every function."""
        dom: DominanceInfo = analyses.get("dominance")
        seen: dict[Hashable, list[Operation]] = {}
        replaced: list[Operation] = []
        for op in live_ops(module):
            if not op.results or op.regions or not is_pure(op):
                continue
            candidates = seen.setdefault(expression_key(op), [])
            for earlier in candidates:
                if dom.op_dominates(earlier, op) and _same_combine_scope(earlier, op):
                    for r, v in zip(op.results, earlier.results):
                        r.replace_all_uses_with(v)
                    replaced.append(op)
                    break
            else:
                candidates.append(op)
        erase_ops(replaced)     # at the end, all at once: a long kernel loses thousands of duplicate constants
