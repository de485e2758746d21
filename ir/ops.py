"""Ops declared as data: operand/result constraints, attributes, traits, verifier, folder.

Every dialect module (`dialect_pt`, `dialect_scf`) calls `define` once per op.
Each declared operand and result becomes a named accessor of the op (`op.lhs`,
`load.mask`, `dot.acc`, `for_op.inits`): the value for a plain one, the value or
None for an optional one, a list for a variadic one.
The generic verifier (ir.verifier) checks the declared constraints; `verify`
adds the op's own type rules and returns an error message or None.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .types import BlockType, PointerType, ScalarType, Type

# Traits -------------------------------------------------------------------
PURE = "pure"                  # no side effects: may be CSE'd, hoisted, removed when unused
COMMUTATIVE = "commutative"
TERMINATOR = "terminator"
READS = "reads"                # reads memory
WRITES = "writes"              # writes memory or has another visible effect
ELEMENTWISE = "elementwise"    # operands and results share one shape
SAME_OPERAND_TYPES = "same_operand_types"
SAME_OPERANDS_AND_RESULT = "same_operands_and_result"
ISOLATED = "isolated"          # regions see no values from outside (func.func)


@dataclass(frozen=True)
class Constraint:
    """A named predicate on a type, e.g. 'int' or 'float'."""

    name: str
    check: Callable[[Type], bool]

    def __call__(self, t: Type) -> bool:
        return self.check(t)


def _elem(pred: Callable[[Type], bool]) -> Callable[[Type], bool]:
    return lambda t: pred(t.scalar)


def _is_int(t: Type) -> bool:
    return isinstance(t, ScalarType) and t.is_int


def _is_float(t: Type) -> bool:
    return isinstance(t, ScalarType) and t.is_float


def _is_ptr(t: Type) -> bool:
    """A pointer to elements; a pointer to a block (a block pointer) is a value of its own kind."""
    return isinstance(t, PointerType) and not isinstance(t.pointee, BlockType)


ANY = Constraint("any type", lambda t: not isinstance(t, type(None)))
INT = Constraint("integer", _elem(_is_int))
FLOAT = Constraint("float", _elem(_is_float))
NUMERIC = Constraint("integer or float", _elem(lambda t: _is_int(t) or _is_float(t)))
BOOL = Constraint("i1", _elem(lambda t: t == ScalarType("i1")))
PTR = Constraint("pointer", _elem(_is_ptr))
INT_OR_PTR = Constraint("integer or pointer", _elem(lambda t: _is_int(t) or _is_ptr(t)))
VALUE = Constraint("integer, float or pointer", _elem(lambda t: _is_int(t) or _is_float(t) or _is_ptr(t)))
SCALAR_INT = Constraint("integer scalar", _is_int)
SCALAR_I32 = Constraint("i32", lambda t: t == ScalarType("i32"))
SCALAR_BOOL = Constraint("i1 scalar", lambda t: t == ScalarType("i1"))
BLOCK = Constraint("block", lambda t: isinstance(t, BlockType))


@dataclass(frozen=True)
class Operand:
    """A declared operand: name, constraint, and arity ('one', 'optional', 'variadic')."""

    name: str
    constraint: Constraint = ANY
    arity: str = "one"


@dataclass(frozen=True)
class Result:
    """A declared result: name, constraint, and arity ('one' or 'variadic')."""

    name: str
    constraint: Constraint = ANY
    arity: str = "one"


@dataclass(frozen=True)
class Attr:
    """A declared attribute: kind ('int', 'float', 'number', 'bool', 'str', 'type', 'ints',
    'dicts', 'any'), whether it is required, and the allowed values for enum strings."""

    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpDef:
    """Everything the core knows about an op."""

    name: str
    operands: tuple[Operand, ...] = ()
    results: tuple[Result, ...] = ()
    attributes: dict[str, Attr] = field(default_factory=dict)
    regions: int = 0
    traits: frozenset[str] = frozenset()
    verify: Optional[Callable[[Any], Optional[str]]] = None
    fold: Optional[Callable[[Any, list], Any]] = None
    doc: str = ""
    terminators: tuple[str, ...] = ()   # the op that must end each region; () accepts any terminator

    def has(self, trait: str) -> bool:
        return trait in self.traits

    def accessor(self, name: str) -> Optional[Callable[[Any], Any]]:
        """The generated getter for operand or result `name` of this op, or None."""
        return accessor(self.name, name)

    @property
    def is_pure(self) -> bool:
        return PURE in self.traits


_REGISTRY: dict[str, OpDef] = {}
_ACCESSORS: dict[str, dict[str, Callable[[Any], Any]]] = {}
# Attributes every Operation has of its own; a declared name may not hide them. `result` and `results`
# are allowed because a declared result of that name means the same thing.
_OPERATION_FIELDS = frozenset({"name", "operands", "attributes", "regions", "loc", "parent", "opdef",
                               "walk", "erase", "clone", "detach", "parent_op", "set_operand"})


def assign_segments(decls: tuple, n: int) -> Optional[list[tuple[int, int]]]:
    """The (start, stop) index range each declaration covers among `n` values, or None when `n` does not
    fit; optional declarations fill in order, a variadic one takes the rest."""
    ones = sum(d.arity == "one" for d in decls)
    optionals = sum(d.arity == "optional" for d in decls)
    variadic = any(d.arity == "variadic" for d in decls)
    if n < ones or (not variadic and n > ones + optionals):
        return None
    extra = n - ones
    fill_optional = min(extra, optionals)
    spans, at = [], 0
    for d in decls:
        if d.arity == "one":
            take = 1
        elif d.arity == "optional":
            take = 1 if fill_optional > 0 else 0
            fill_optional -= take
        else:
            take = extra - min(extra, optionals)
        spans.append((at, at + take))
        at += take
    return spans


def _getter(decls: tuple, index: int, field_name: str) -> Callable[[Any], Any]:
    """A getter for declaration `index` of `decls` in an op's `field_name` list ('operands'/'results'):
    the value for arity 'one', the value or None for 'optional', a list for 'variadic'."""
    arity = decls[index].arity
    if all(d.arity == "one" for d in decls[:index + 1]):
        return lambda op: getattr(op, field_name)[index]   # its position does not depend on the count
    spans_of: dict[int, Optional[list]] = {}

    def get(op):
        values = getattr(op, field_name)
        n = len(values)
        if n not in spans_of:
            spans_of[n] = assign_segments(decls, n)
        spans = spans_of[n]
        if spans is None:
            raise ValueError(f"{op.name} has {n} {field_name}, which do not fit its declaration")
        start, stop = spans[index]
        if arity == "variadic":
            return values[start:stop]
        if arity == "optional":
            return values[start] if stop > start else None
        return values[start]
    return get


def _accessors(name: str, operands: tuple, results: tuple) -> dict[str, Callable[[Any], Any]]:
    table: dict[str, Callable[[Any], Any]] = {}
    for field_name, decls in (("operands", operands), ("results", results)):
        for i, d in enumerate(decls):
            if d.name in _OPERATION_FIELDS or d.name in table:
                raise ValueError(f"op {name}: {field_name[:-1]} name {d.name!r} clashes with another name "
                                 "of the op; choose another")
            table[d.name] = _getter(decls, i, field_name)
    return table


def define(name: str, operands: tuple = (), results: tuple = (), attributes: Optional[dict] = None,
           regions: int = 0, traits: tuple = (), verify=None, fold=None, doc: str = "",
           terminators: tuple = ()) -> OpDef:
    """Register an op definition; each name is defined once."""
    if name in _REGISTRY:
        raise ValueError(f"op {name} defined twice")
    if terminators and len(terminators) != regions:
        raise ValueError(f"op {name} needs one terminator name per region")
    d = OpDef(name, tuple(operands), tuple(results), dict(attributes or {}), regions,
              frozenset(traits), verify, fold, doc, tuple(terminators))
    _ACCESSORS[name] = _accessors(name, d.operands, d.results)
    _REGISTRY[name] = d
    return d


def accessor(op_name: str, name: str) -> Optional[Callable[[Any], Any]]:
    """The generated getter for operand or result `name` of op `op_name`, or None."""
    _load_dialects()
    return _ACCESSORS.get(op_name, {}).get(name)


def lookup(name: str) -> Optional[OpDef]:
    """The definition of op `name`, or None when unregistered."""
    if not _loaded:     # asked for every op by every pass: no call once the dialects are in
        _load_dialects()
    return _REGISTRY.get(name)


def all_ops() -> dict[str, OpDef]:
    """Every registered op definition by name."""
    _load_dialects()
    return dict(_REGISTRY)


def set_folder(name: str, fold: Callable) -> None:
    """Attach a folder to an already defined op (used by ir.fold)."""
    _REGISTRY[name] = OpDef(**{**_REGISTRY[name].__dict__, "fold": fold})


_loaded = False


def _load_dialects() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        from . import (dialect_async, dialect_pt, dialect_scf, dialect_tensor_map, dialect_tensor_memory,  # noqa: F401
                       fold)  # (they register ops)
