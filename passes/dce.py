"""The `dce` pass: dead code elimination.

Removes ops whose results are unused and that write nothing (pure ops,
non-volatile loads, scf.for/scf.if without effects), loop-carried values of
scf.for that only feed themselves, unused results of scf.if, and functions
that are neither kernels nor called.
"""
from __future__ import annotations

from pantile.ir import Module, Operation, Value

from .manager import AnalysisManager, Pass, register
from .rewrite import is_removable, live_ops


def _erase_dead_ops(module: Module) -> bool:
    changed = False
    for op in reversed(list(live_ops(module))):  # users before what they use
        if op.parent is not None and is_removable(op) and not any(r.uses for r in op.results):
            op.erase()
            changed = True
    return changed


def _rebuild_without(op: Operation, keep: list[int], operands: list[Value]) -> Operation:
    """A copy of `op` holding only results `keep` and the given operands; it takes over the regions."""
    new = Operation(op.name, operands, [op.results[i].type for i in keep], dict(op.attributes), (), op.loc)
    for region in op.regions:
        new.add_region(region)
    op.regions = []
    op.parent.insert(op.parent.ops.index(op), new)
    for new_index, old_index in enumerate(keep):
        op.results[old_index].replace_all_uses_with(new.results[new_index])
    op.erase()
    return new


def _closes_on_itself(arg: Value, term: Operation, index: int, body_ops: set[Operation]) -> bool:
    """True when `arg` only feeds removable ops of the loop body whose values only reach yield operand `index`."""
    frontier, seen = [arg], set()
    while frontier:
        value = frontier.pop()
        for use in value.uses:
            user = use.owner
            if user is term and use.index == index:
                continue
            if user not in body_ops or not is_removable(user) or user.regions:
                return False
            if user not in seen:
                seen.add(user)
                frontier.extend(user.results)
    return True


def _prune_for(op: Operation) -> bool:
    body = op.regions[0].entry
    term = body.terminator
    body_ops = set(body.ops)
    dead = [i for i, r in enumerate(op.results)
            if not r.uses and _closes_on_itself(body.args[i + 1], term, i, body_ops)]
    if not dead:
        return False
    keep = [i for i in range(len(op.results)) if i not in dead]
    term.set_operands([term.operands[i] for i in keep])
    for i in reversed(dead):
        for use in list(body.args[i + 1].uses):  # only dead ops of the body use it now
            use.owner.set_operand(use.index, op.inits[i])
        body.erase_arg(i + 1)
    _rebuild_without(op, keep, [op.lb, op.ub, op.step] + [op.inits[i] for i in keep])
    return True


def _prune_if(op: Operation) -> bool:
    keep = [i for i, r in enumerate(op.results) if r.uses]
    if len(keep) == len(op.results):
        return False
    for region in op.regions:
        term = region.entry.terminator
        term.set_operands([term.operands[i] for i in keep])
    _rebuild_without(op, keep, list(op.operands))
    return True


def _erase_unused_functions(module: Module) -> bool:
    if not any(fn.attributes.get("kernel") for fn in module.functions()):
        return False  # a module without kernels is a library: every function may be used from outside
    called = {op.attributes["callee"] for op in module.walk() if op.name == "func.call"}
    dead = [fn for fn in module.functions()
            if not fn.attributes.get("kernel") and fn.attributes["sym_name"] not in called]
    for fn in dead:
        fn.erase()
    return bool(dead)


@register
class DCE(Pass):
    """Removes what nothing observable depends on."""

    name = "dce"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Delete dead ops, loop-carried values, branch results and functions until none is left."""
        changed = True
        while changed:
            changed = _erase_dead_ops(module)
            for op in list(live_ops(module)):
                if op.name == "scf.for":
                    changed |= _prune_for(op)
                elif op.name == "scf.if":
                    changed |= _prune_if(op)
            changed |= _erase_unused_functions(module)
