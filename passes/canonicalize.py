"""The `canonicalize` pass: algebraic and structural simplifications, plus folding.

Each pattern looks at one op and rewrites it in place, returning True when it
changed the IR. Float identities are limited to those exact for every input
(x * 1.0, x / 1.0): x + 0.0 is not x when x is -0.0.
"""
from __future__ import annotations

from typing import Optional

from pantile.ir import Builder, Module, Operation, ScalarType, Value

from .greedy import Pattern, apply_greedily
from .manager import AnalysisManager, Pass, register
from .rewrite import const_value, make_constant, replace_op


def _is(v: Value, number: int) -> bool:
    c = const_value(v)
    return c is not None and c == number


def _is_int(op: Operation) -> bool:
    return op.results[0].type.scalar.is_int


def _to_value(op: Operation, value: Value) -> bool:
    replace_op(op, [value])
    return True


def _to_constant(op: Operation, number: int) -> bool:
    c = make_constant(Builder.before_op(op), number, op.results[0].type, loc=op.loc)
    return _to_value(op, c)


def _rebuild(op: Operation, name: str, operand: Value, attributes: Optional[dict] = None) -> bool:
    """Replace `op` by a new single-operand op `name` with the same result type."""
    new = Builder.before_op(op).create(name, [operand], [op.results[0].type], attributes, loc=op.loc)
    return _to_value(op, new.result)


def _producer(v: Value, name: str) -> Optional[Operation]:
    owner = getattr(v, "owner", None)
    return owner if isinstance(owner, Operation) and owner.name == name else None


def _add(op: Operation) -> bool:
    a, b = op.operands
    if _is_int(op) and _is(b, 0):
        return _to_value(op, a)
    if _is_int(op) and _is(a, 0):
        return _to_value(op, b)
    return False


def _add_into_dot(op: Operation) -> bool:
    """d + dot(a, b, 0) -> dot(a, b, d) when nothing else reads the dot (as Triton combines them): the
    matrix instruction accumulates into d, and no second accumulator block is live."""
    for mine, other in ((0, 1), (1, 0)):
        dot = _producer(op.operands[mine], "pt.dot")
        if dot is not None and len(dot.results[0].uses) == 1 and _is(dot.acc, 0) \
                and op.operands[other].type == dot.results[0].type:
            new = Builder.before_op(op).create("pt.dot", [dot.operands[0], dot.operands[1], op.operands[other]],
                                               [dot.results[0].type], dict(dot.attributes), loc=dot.loc)
            replace_op(op, [new.result])
            dot.erase()
            return True
    return False


def _addptr(op: Operation) -> bool:
    """A pointer moved by zero elements is the pointer."""
    return _to_value(op, op.operands[0]) if _is(op.operands[1], 0) else False


def _sub(op: Operation) -> bool:
    a, b = op.operands
    if _is_int(op) and _is(b, 0):
        return _to_value(op, a)
    if _is_int(op) and a is b:
        return _to_constant(op, 0)
    return False


def _mul(op: Operation) -> bool:
    a, b = op.operands
    if _is(b, 1):
        return _to_value(op, a)
    if _is(a, 1):
        return _to_value(op, b)
    if _is_int(op) and (_is(a, 0) or _is(b, 0)):
        return _to_constant(op, 0)
    return False


def _div(op: Operation) -> bool:
    a, b = op.operands
    return _to_value(op, a) if _is(b, 1) else False


def _rem(op: Operation) -> bool:
    return _to_constant(op, 0) if _is_int(op) and _is(op.rhs, 1) else False


def _and(op: Operation) -> bool:
    a, b = op.operands
    if a is b:
        return _to_value(op, a)
    if _is(a, 0) or _is(b, 0):
        return _to_constant(op, 0)
    return False


def _or_xor(op: Operation) -> bool:
    a, b = op.operands
    if a is b:
        return _to_value(op, a) if op.name == "pt.or" else _to_constant(op, 0)
    if _is(b, 0):
        return _to_value(op, a)
    if _is(a, 0):
        return _to_value(op, b)
    return False


def _shift(op: Operation) -> bool:
    a, b = op.operands
    return _to_value(op, a) if _is(b, 0) else False


def _involution(op: Operation) -> bool:
    """neg(neg(x)) and not(not(x)) are x."""
    inner = _producer(op.operands[0], op.name)
    return _to_value(op, inner.operands[0]) if inner is not None else False


def _cmp(op: Operation) -> bool:
    a, b = op.operands
    floating = isinstance(a.type.scalar, ScalarType) and a.type.scalar.is_float
    if a is b and not floating:  # integers and pointers equal themselves; a float NaN does not
        return _to_constant(op, op.attributes["predicate"] in ("eq", "le", "ge"))
    return False


def _same_type(op: Operation) -> bool:
    """A shape op or cast that changes nothing is its operand."""
    x = op.operands[0]
    return _to_value(op, x) if x.type == op.results[0].type else False


def _of_splat(op: Operation) -> bool:
    """broadcast, expand_dims and reshape of a splat are one splat."""
    splat = _producer(op.operands[0], "pt.splat")
    return _rebuild(op, "pt.splat", splat.operands[0]) if splat is not None else False


def _collapse(op: Operation) -> bool:
    """broadcast of broadcast and reshape of reshape are one op from the first source."""
    inner = _producer(op.operands[0], op.name)
    return _rebuild(op, op.name, inner.operands[0], dict(op.attributes)) if inner is not None else False


def _identity_permute(op: Operation) -> bool:
    order = list(op.attributes["order"])
    return _to_value(op, op.operands[0]) if order == sorted(order) else False


def _if_constant(op: Operation) -> bool:
    """scf.if with a constant condition becomes the taken branch."""
    cond = const_value(op.cond)
    if cond is None:
        return False
    block = op.regions[0 if cond else 1].entry
    term = block.terminator
    for inner in list(block.ops[:-1]):
        inner.move_before(op)
    values = list(term.operands)
    for r, v in zip(op.results, values):
        r.replace_all_uses_with(v)
    op.erase()
    return True


def _for_zero_trip(op: Operation) -> bool:
    """scf.for whose constant bounds give no iteration yields its initial values."""
    lb, ub, step = const_value(op.lb), const_value(op.ub), const_value(op.step)
    if lb is None or ub is None or step is None or step <= 0 or lb < ub:
        return False
    for r, v in zip(op.results, op.inits):
        r.replace_all_uses_with(v)
    op.erase()
    return True


def _for_unchanged_carried(op: Operation) -> bool:
    """A carried value the body yields unchanged is its initial value throughout: stop carrying it."""
    body = op.regions[0].entry
    yielded = body.terminator.operands
    keep = [i for i, (arg, v) in enumerate(zip(body.args[1:], yielded)) if v is not arg]
    if len(keep) == len(yielded):
        return False
    inits = op.inits
    for i, (arg, result) in enumerate(zip(body.args[1:], op.results)):
        if i not in keep:
            arg.replace_all_uses_with(inits[i])
            result.replace_all_uses_with(inits[i])
    body.terminator.set_operands([yielded[i] for i in keep])
    for i in reversed(range(len(yielded))):
        if i not in keep:
            body.erase_arg(i + 1)
    regions, op.regions = op.regions, []
    new = Builder.before_op(op).create("scf.for", [op.lb, op.ub, op.step] + [inits[i] for i in keep],
                                       [op.results[i].type for i in keep], op.attributes, regions, loc=op.loc)
    for j, i in enumerate(keep):
        op.results[i].replace_all_uses_with(new.results[j])
    op.erase()
    return True


PATTERNS: dict[str, list[Pattern]] = {
    "pt.add": [_add, _add_into_dot], "pt.addptr": [_addptr], "pt.sub": [_sub], "pt.mul": [_mul], "pt.div": [_div], "pt.rem": [_rem],
    "pt.and": [_and], "pt.or": [_or_xor], "pt.xor": [_or_xor], "pt.shl": [_shift], "pt.shr": [_shift],
    "pt.neg": [_involution], "pt.not": [_involution], "pt.cmp": [_cmp],
    "pt.cast": [_same_type], "pt.broadcast": [_same_type, _of_splat, _collapse],
    "pt.expand_dims": [_of_splat], "pt.reshape": [_same_type, _of_splat, _collapse],
    "pt.permute": [_identity_permute],
    "scf.if": [_if_constant], "scf.for": [_for_zero_trip, _for_unchanged_carried],
}


@register
class Canonicalize(Pass):
    """Simplifies the IR with PATTERNS and the op folders until nothing changes."""

    name = "canonicalize"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Rewrite `module` to its canonical form."""
        apply_greedily(module, PATTERNS)
