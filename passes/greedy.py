"""Greedy rewriting to a fixed point: fold ops, apply patterns, erase pure ops left unused."""
from __future__ import annotations

from typing import Callable

from pantile.ir import Builder, Module, Operation, Value

from .rewrite import const_value, is_pure, live_ops, make_constant, replace_op

Pattern = Callable[[Operation], bool]
MAX_SWEEPS = 64


def fold_op(op: Operation) -> bool:
    """Replace `op` by what its folder computes from constant operands; True when it changed the IR."""
    d = op.opdef
    if d is None or d.fold is None:
        return False
    folded = d.fold(op, [const_value(v) for v in op.operands])
    if folded is None or folded is op.results[0]:
        return False
    if not isinstance(folded, Value):
        folded = make_constant(Builder.before_op(op), folded, op.results[0].type, loc=op.loc)
    replace_op(op, [folded])
    return True


def erase_if_dead(op: Operation) -> bool:
    """Erase a pure op none of whose results is used; True when erased."""
    if op.results and is_pure(op) and not any(r.uses for r in op.results):
        op.erase()
        return True
    return False


def apply_greedily(module: Module, patterns: dict[str, list[Pattern]]) -> bool:
    """Fold, rewrite with `patterns` (by op name) and clean up until nothing changes; True if anything did."""
    changed_any = False
    for _ in range(MAX_SWEEPS):
        changed = False
        for op in live_ops(module):
            if erase_if_dead(op) or fold_op(op) or any(p(op) for p in patterns.get(op.name, ())):
                changed = True
        changed_any |= changed
        if not changed:
            return changed_any
    raise RuntimeError(f"rewriting did not converge after {MAX_SWEEPS} sweeps")
