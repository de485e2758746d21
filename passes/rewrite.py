"""Helpers the passes share: constants, effects, replacing ops, walking live IR."""
from __future__ import annotations

from typing import Iterator, Optional, Union

from pantile.ir import Block, Builder, Location, Module, Operation, Type, Value
from pantile.ir.ops import TERMINATOR, WRITES

Number = Union[bool, int, float]

# Region ops whose regions see the values around them; other region ops (pt.reduce,
# pt.scan) keep a self-contained combine region, and func.func is isolated.
CONTROL_FLOW = ("scf.for", "scf.if", "scf.while")


def const_value(v: Value) -> Optional[Number]:
    """The Python value of `v` when it is a `pt.constant` (the splat value for blocks), else None."""
    owner = getattr(v, "owner", None)
    if isinstance(owner, Operation) and owner.name == "pt.constant":
        return owner.attributes["value"]
    return None


def make_constant(builder: Builder, value: Number, t: Type, loc: Optional[Location] = None) -> Value:
    """A new `pt.constant` of type `t` holding `value` (0 or 1 for i1, a float for float types)."""
    scalar = t.scalar
    if scalar.is_bool:
        value = int(bool(value))
    elif scalar.is_int:
        value = int(value)
    else:
        value = float(value)
    return builder.create("pt.constant", [], [t], {"value": value}, loc=loc).result


def is_pure(op: Operation) -> bool:
    """True for ops without side effects and without memory reads (may be CSE'd, hoisted, removed)."""
    d = op.opdef
    if d is None or not d.is_pure or d.has(TERMINATOR):
        return False
    return all(is_pure(inner) or inner.opdef.has(TERMINATOR)
               for r in op.regions for b in r.blocks for inner in b.ops)


def has_writes(op: Operation) -> bool:
    """True when `op` or anything nested in it writes memory, calls a function or is unknown."""
    for inner in op.walk():
        d = inner.opdef
        if d is None or d.has(WRITES) or inner.name == "func.call" or inner.attributes.get("volatile"):
            return True
    return False


def is_removable(op: Operation) -> bool:
    """True when `op` may be erased once its results are unused: no writes, terminates, not a terminator."""
    d = op.opdef
    if d is None or d.has(TERMINATOR) or op.name in ("func.func", "scf.while"):
        return False
    return not has_writes(op)


def replace_op(op: Operation, values: list[Value]) -> None:
    """Point the uses of `op`'s results at `values`, then erase `op`."""
    for r, v in zip(op.results, values):
        r.replace_all_uses_with(v)
    op.erase()


def is_attached(op: Operation, module: Module) -> bool:
    """True while `op` is still part of `module` (not erased, not inside an erased op)."""
    cur = op
    while cur.parent is not module.body:
        block = cur.parent
        if block is None or block.parent is None or block.parent.parent is None:
            return False
        cur = block.parent.parent
    return True


def live_ops(module: Module) -> Iterator[Operation]:
    """Every op of `module` in pre-order, skipping ops erased while iterating."""
    for op in list(module.walk()):
        if is_attached(op, module):
            yield op


def defined_outside(value: Value, op: Operation) -> bool:
    """True when `value` is defined outside of `op`'s regions."""
    owner = value.owner
    defining_op = owner if isinstance(owner, Operation) else owner.parent_op
    if defining_op is None:
        return True
    return defining_op is not op and not op.is_ancestor_of(defining_op)


def clone_block_before(block: Block, before: Operation, value_map: dict[Value, Value]) -> list[Value]:
    """Copy `block`'s ops but its terminator before `before`; return the terminator's operands, mapped."""
    builder = Builder.before_op(before)
    for op in block.ops[:-1]:
        builder.insert(op.clone(value_map))
    return [value_map.get(v, v) for v in block.terminator.operands]
