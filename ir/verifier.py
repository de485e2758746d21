"""Checks IR against the op definitions and the structural rules, MLIR style.

For each op, in walk order (an op before the ops nested in it), the checks
run in this order and the first failure is raised: registration, operands
(count, arity, constraints), results, attributes (required, kind, choices,
unknown), regions (count, one block each, ending in the declared
terminator), terminator placement, traits (ELEMENTWISE,
SAME_OPERANDS_AND_RESULT, SAME_OPERAND_TYPES), dominance (ISOLATED ops see
nothing from outside), symbol uniqueness, then the op's own `verify`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, Callable, Optional, Sequence, Union

from .core import Block, Module, Operation, OpResult, Value
from .ops import (ELEMENTWISE, ISOLATED, SAME_OPERAND_TYPES, SAME_OPERANDS_AND_RESULT, TERMINATOR, OpDef,
                  Operand, Result, assign_segments, lookup)
from .printer import Namer, format_attr, print_op
from .types import Type


class VerificationError(Exception):
    """Invalid IR: `FILE:LINE:COL: error: 'OPNAME' op MESSAGE`, then the printed op."""

    def __init__(self, op: Operation, message: str) -> None:
        super().__init__(f"{op.loc}: error: '{op.name}' op {message}\n{print_op(op)}")
        self.op, self.loc, self.message = op, op.loc, message


def verify(module_or_op: Union[Module, Operation]) -> None:
    """Raise VerificationError for the first invalid op, in walk order."""
    tops = module_or_op.ops if isinstance(module_or_op, Module) else [module_or_op]
    positions: dict[Block, dict[Operation, int]] = {}
    for top in tops:
        for op in top.walk():
            message = _check(op, positions)
            if message is not None:
                raise VerificationError(op, message)


def _check(op: Operation, positions: dict[Block, dict[Operation, int]]) -> Optional[str]:
    d = lookup(op.name)
    if d is None:
        return "is not a registered operation"
    # The type checks depend only on the op and its types: most ops repeat a signature seen before.
    checks = _ALL_CHECKS
    if _types_pass(op.name, tuple(v.type for v in op.operands), tuple(r.type for r in op.results)):
        checks = _UNTYPED_CHECKS
    for check in checks:
        message = check(op, d)
        if message is not None:
            return message
    message = _check_dominance(op, positions) or _check_symbol(op)
    if message is None and d.verify is not None:
        message = d.verify(op)
    return message


# operands and results ---------------------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _assign(decls: Sequence[Union[Operand, Result]], n: int, word: str) -> tuple[list, Optional[str]]:
    """The declaration each of `n` values belongs to, or a message about the count."""
    spans = assign_segments(tuple(decls), n)
    if spans is None:
        ones = sum(d.arity == "one" for d in decls)
        optionals = sum(d.arity == "optional" for d in decls)
        if any(d.arity == "variadic" for d in decls):
            want = f"at least {_plural(ones, word)}"
        elif optionals:
            want = f"{ones} to {_plural(ones + optionals, word)}"
        else:
            want = _plural(ones, word)
        return [], f"expects {want}, got {n}"
    return [d for d, (start, stop) in zip(decls, spans) for _ in range(start, stop)], None


def _check_values(values: Sequence[Value], decls: Sequence[Union[Operand, Result]], word: str) -> Optional[str]:
    assigned, message = _assign(decls, len(values), word)
    if message is not None:
        return message
    for i, (v, d) in enumerate(zip(values, assigned)):
        if not d.constraint(v.type):
            return f"{word} #{i} ({d.name}) must be {d.constraint.name}, got {v.type}"
    return None


def _check_operands(op: Operation, d: OpDef) -> Optional[str]:
    return _check_values(op.operands, d.operands, "operand")


def _check_results(op: Operation, d: OpDef) -> Optional[str]:
    return _check_values(op.results, d.results, "result")


# attributes -----------------------------------------------------------------------

def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


_ATTR_KINDS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "int": ("an integer", _is_int),
    "float": ("a float", lambda v: isinstance(v, float)),
    "number": ("a number", lambda v: _is_int(v) or isinstance(v, float)),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "str": ("a string", lambda v: isinstance(v, str)),
    "type": ("a type", lambda v: isinstance(v, Type)),
    "ints": ("a list of integers", lambda v: isinstance(v, (list, tuple)) and all(map(_is_int, v))),
    "strs": ("a list of strings", lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v)),
    "dicts": ("a list of dictionaries",
              lambda v: isinstance(v, (list, tuple)) and all(isinstance(x, dict) for x in v)),
    "any": ("any value", lambda v: True),
}


def _check_attributes(op: Operation, d: OpDef) -> Optional[str]:
    for name, attr in d.attributes.items():
        if attr.required and name not in op.attributes:
            return f"requires attribute '{name}'"
    for name in sorted(op.attributes):
        value = op.attributes[name]
        attr = d.attributes.get(name)
        if attr is None:
            return f"has unknown attribute '{name}'"
        what, accepts = _ATTR_KINDS[attr.kind]
        if not accepts(value):
            return f"attribute '{name}' must be {what}, got {_show(value)}"
        if attr.choices and value not in attr.choices:
            return (f"attribute '{name}' must be one of {', '.join(map(json.dumps, attr.choices))}; "
                    f"got {_show(value)}")
    return None


def _show(value: Any) -> str:
    try:
        return format_attr(value)
    except TypeError:
        return repr(value)


# regions and terminators ----------------------------------------------------------

def _check_regions(op: Operation, d: OpDef) -> Optional[str]:
    if len(op.regions) != d.regions:
        return f"expects {_plural(d.regions, 'region')}, got {len(op.regions)}"
    for i, region in enumerate(op.regions):
        if len(region.blocks) != 1:
            return f"region #{i} must have exactly one block, got {len(region.blocks)}"
        last = region.blocks[0].terminator
        found = f"'{last.name}'" if last is not None else "an empty block"
        if d.terminators:
            if last is None or last.name != d.terminators[i]:
                return f"region #{i} must end in '{d.terminators[i]}', found {found}"
        elif last is None or last.opdef is None or not last.opdef.has(TERMINATOR):
            return f"region #{i} must end in a terminator, found {found}"
    return None


def _check_placement(op: Operation, d: OpDef) -> Optional[str]:
    if not d.has(TERMINATOR) or op.parent is None:
        return None
    if op.parent.parent_op is None:
        return "is a terminator and must end a region of an operation"
    if op.parent.terminator is not op:
        return "is a terminator and must be the last operation in its block"
    return None


# traits ----------------------------------------------------------------------------

def _type_list(values: Sequence[Value]) -> str:
    return ", ".join(str(v.type) for v in values)


def _check_traits(op: Operation, d: OpDef) -> Optional[str]:
    values = list(op.operands) + list(op.results)
    if d.has(ELEMENTWISE) and len({v.type.shape for v in values}) > 1:
        return "operands and results must have the same shape, got " + ", ".join(
            str(list(v.type.shape)) for v in values)
    if d.has(SAME_OPERANDS_AND_RESULT) and len({v.type for v in values}) > 1:
        return f"requires the same type for all operands and results, got {_type_list(values)}"
    if d.has(SAME_OPERAND_TYPES) and len({v.type for v in op.operands}) > 1:
        return f"requires all operands to have the same type, got {_type_list(op.operands)}"
    return None


@lru_cache(maxsize=65536)
def _types_pass(name: str, operands: tuple[Type, ...], results: tuple[Type, ...]) -> bool:
    """True when the operands, results and traits of a `name` op with these types are valid."""
    typed = lambda types: [SimpleNamespace(type=t) for t in types]  # noqa: E731
    signature = SimpleNamespace(operands=typed(operands), results=typed(results))
    d = lookup(name)
    return all(check(signature, d) is None for check in (_check_operands, _check_results, _check_traits))


_ALL_CHECKS: tuple[Callable[[Operation, OpDef], Optional[str]], ...] = (
    _check_operands, _check_results, _check_attributes, _check_regions, _check_placement, _check_traits)
_UNTYPED_CHECKS = (_check_attributes, _check_regions, _check_placement)


# dominance and symbols ---------------------------------------------------------------

def _position(op: Operation, positions: dict[Block, dict[Operation, int]]) -> int:
    block = op.parent
    if block not in positions:
        positions[block] = {o: i for i, o in enumerate(block.ops)}
    return positions[block][op]


def _why_not_dominated(v: Value, user: Operation, positions: dict[Block, dict[Operation, int]]) -> Optional[str]:
    """Why the definition of `v` does not dominate its use by `user`, or None when it does."""
    def_op = v.owner if isinstance(v, OpResult) else None
    def_block = def_op.parent if def_op is not None else v.owner
    if def_block is None:
        return "is defined by an operation that is no longer in the IR"
    isolated_by: Optional[Operation] = None
    cur = user
    while cur.parent is not None:
        if cur.parent is def_block:
            if isolated_by is not None:
                return f"is defined outside the enclosing '{isolated_by.name}', which is isolated from above"
            if def_op is cur:
                return "is used inside the operation that defines it"
            if def_op is not None and _position(def_op, positions) > _position(cur, positions):
                return "is used before its definition"
            return None
        outer = cur.parent.parent_op
        if outer is None:
            break
        if isolated_by is None and outer.opdef is not None and outer.opdef.has(ISOLATED):
            isolated_by = outer
        cur = outer
    return "is defined in a region that does not enclose this use"


def _check_dominance(op: Operation, positions: dict[Block, dict[Operation, int]]) -> Optional[str]:
    for i, v in enumerate(op.operands):
        why = _why_not_dominated(v, op, positions)
        if why is not None:
            top = op
            while top.parent_op is not None:
                top = top.parent_op
            return f"operand #{i} ({Namer().number(top)[v]}) {why}"
    return None


def _check_symbol(op: Operation) -> Optional[str]:
    name = op.attributes.get("sym_name")
    block = op.parent
    if name is None or block is None or block.parent is not None:
        return None
    for other in block.ops:
        if other is op:
            return None
        if other.attributes.get("sym_name") == name:
            return f"redefines symbol {json.dumps(name)}"
    return None
