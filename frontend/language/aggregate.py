"""Aggregates (Triton's tl.aggregate): a class whose instances kernels build and pass around as one value, a tuple
of named fields (tensors, compile-time values, tuples or other aggregates) with methods.

Kernels call the class to build an instance (its own `__init__` runs at compile time, or one that takes the fields
in order, with the class's defaults); fields are fixed once it returns. Methods are @jit functions (called with
the instance as first argument, like any helper) or @constexpr_function ones. A @jit helper takes and returns
aggregates and tuples: `flatten` lists the tensors inside such a value, which travel as the call's operands and
results, and `rebuild` puts the same structure back together around new tensors.
"""
from __future__ import annotations

import inspect
from typing import Any, Callable, Iterator, Optional

from ..errors import LanguageError
from .core import tensor, unwrap

_INITIALIZED = "__pantile_initialized__"


class BoundJitMethod:
    """A @jit method looked up on an aggregate instance: the code generator calls it with the instance first."""

    def __init__(self, receiver: Any, fn: Any) -> None:
        self.receiver = receiver
        self.fn = fn


class _JitMethod:
    """A @jit function in an aggregate class's body, bound to the instance it is looked up on."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn

    def __get__(self, obj: Any, owner: type) -> Any:
        return self.fn if obj is None else BoundJitMethod(obj, self.fn)


def _fields(cls: type) -> tuple[dict[str, Any], dict[str, Any]]:
    """The annotated fields of `cls` and of the aggregates it derives from (oldest first), and their defaults."""
    fields: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    for base in reversed(cls.__mro__[1:]):
        if base is object:
            continue
        if not is_aggregate(base):
            raise TypeError(f"aggregate {cls.__name__} derives from {base.__name__}, which is not an aggregate; "
                            f"an aggregate derives only from other aggregates")
        fields.update(base.__aggregate_fields__)
        defaults.update(base.__aggregate_defaults__)
    for name, annotation in inspect.get_annotations(cls).items():
        fields[name] = annotation
        if name in cls.__dict__ and not callable(cls.__dict__[name]):
            defaults[name] = cls.__dict__[name]
    return fields, defaults


def _fields_init(cls: type, fields: dict[str, Any], defaults: dict[str, Any]) -> Any:
    """An __init__ taking the fields in order (those with defaults may be left out)."""
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        bound = __init__.__signature__.bind(self, *args, **kwargs)
        bound.apply_defaults()
        for name in fields:
            setattr(self, name, bound.arguments[name])
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    params += [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                 default=defaults.get(n, inspect.Parameter.empty)) for n in fields]
    __init__.__signature__ = inspect.Signature(params)
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def aggregate(cls: type) -> type:
    """Decorator (Triton's tl.aggregate): make `cls`, with its annotated fields, a value kernels build, pass to
    @jit helpers and get back from them, and whose @jit methods they call."""
    from ..jit import JITFunction   # noqa: PLC0415  (the @jit machinery imports the language)
    fields, defaults = _fields(cls)
    namespace = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    for name, value in namespace.items():
        if isinstance(value, JITFunction):
            namespace[name] = _JitMethod(value)
    user_init = cls.__dict__.get("__init__")
    init = user_init if user_init is not None else _fields_init(cls, fields, defaults)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        missing = [n for n in fields if n not in self.__dict__]
        if missing:
            raise LanguageError(f"{cls.__name__}.__init__ did not set field '{missing[0]}'",
                                f"set every field of {cls.__name__} ({', '.join(fields)}) in __init__")
        object.__setattr__(self, _INITIALIZED, True)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in fields:
            raise LanguageError(f"{cls.__name__} has no field '{name}'",
                                f"declare it in the class body with a type annotation, e.g. {name}: tl.tensor")
        if self.__dict__.get(_INITIALIZED):
            raise LanguageError(f"cannot assign to field '{name}' of {cls.__name__}: an aggregate is fixed once built",
                                f"build a new {cls.__name__} with the changed field")
        object.__setattr__(self, name, unwrap(value))

    def __repr__(self) -> str:
        return f"{cls.__name__}({', '.join(f'{n}={self.__dict__.get(n)!r}' for n in fields)})"

    __init__.__signature__ = inspect.signature(init)
    methods = tuple(m.fn for m in namespace.values() if isinstance(m, _JitMethod))
    namespace.update(__init__=__init__, __setattr__=__setattr__, __repr__=__repr__, __pantile_builtin__=True,
                     __aggregate_fields__=dict(fields), __aggregate_defaults__=dict(defaults),
                     __aggregate_methods__=methods, __aggregate_source__=_source(cls))
    return type(cls.__name__, cls.__bases__, namespace)


def _source(cls: type) -> str:
    """The class's source, which kernels' cache keys include (its fields, defaults and helper code)."""
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError):   # defined where Python keeps no source: its names stand for it
        return repr(sorted(cls.__dict__))


def is_aggregate(value: Any) -> bool:
    """True for aggregate classes and their instances."""
    return hasattr(value, "__aggregate_fields__")


class _Const:
    """A compile-time leaf of a structure: equal to another when their reprs are (as specializations compare)."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.key = repr(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Const) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def flatten(value: Any, leaf_key: Optional[Callable[[tensor], Any]] = None) -> tuple[list[tensor], Any]:
    """The tensors inside `value` (a tensor, or a tuple or aggregate holding tensors and compile-time values, nested),
    in order, and its structure: hashable, each tensor replaced by `leaf_key(tensor)` (None without one)."""
    leaves: list[tensor] = []

    def walk(v: Any) -> Any:
        if isinstance(v, tensor):
            leaves.append(v)
            return ("tensor", leaf_key(v) if leaf_key else None)
        if isinstance(v, tuple):
            return ("tuple", type(v), tuple(walk(x) for x in v))
        if is_aggregate(v) and not isinstance(v, type):
            return ("aggregate", type(v), tuple((n, walk(v.__dict__[n])) for n in type(v).__aggregate_fields__))
        return ("const", _Const(v))
    return leaves, walk(value)


def rebuild(structure: Any, leaves: Iterator[tensor]) -> Any:
    """The value `structure` (from `flatten`) describes, with the next of `leaves` in place of each tensor."""
    kind = structure[0]
    if kind == "tensor":
        return next(leaves)
    if kind == "tuple":
        items = [rebuild(s, leaves) for s in structure[2]]
        return tuple(items) if structure[1] is tuple else structure[1](*items)
    if kind == "aggregate":
        obj = object.__new__(structure[1])
        for name, s in structure[2]:
            object.__setattr__(obj, name, rebuild(s, leaves))
        object.__setattr__(obj, _INITIALIZED, True)
        return obj
    return structure[1].value


__all__ = ["BoundJitMethod", "aggregate", "flatten", "is_aggregate", "rebuild"]
