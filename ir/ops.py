"""Ops declared as data: operand/result constraints, attributes, traits, verifier, folder.

Every dialect module (`dialect_pt`, `dialect_scf`) calls `define` once per op.
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


ANY = Constraint("any type", lambda t: not isinstance(t, type(None)))
INT = Constraint("integer", _elem(_is_int))
FLOAT = Constraint("float", _elem(_is_float))
NUMERIC = Constraint("integer or float", _elem(lambda t: _is_int(t) or _is_float(t)))
BOOL = Constraint("i1", _elem(lambda t: t == ScalarType("i1")))
PTR = Constraint("pointer", _elem(lambda t: isinstance(t, PointerType)))
VALUE = Constraint("integer, float or pointer",
                   _elem(lambda t: _is_int(t) or _is_float(t) or isinstance(t, PointerType)))
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

    @property
    def is_pure(self) -> bool:
        return PURE in self.traits


_REGISTRY: dict[str, OpDef] = {}


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
    _REGISTRY[name] = d
    return d


def lookup(name: str) -> Optional[OpDef]:
    """The definition of op `name`, or None when unregistered."""
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
        from . import dialect_pt, dialect_scf, fold  # noqa: F401  (they register ops)
