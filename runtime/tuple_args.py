"""Tuple arguments at launch (Triton 3's tuple parameters): a tuple of arrays, scalars, None, tl.constexprs and
tuples passed where a kernel takes a runtime value. Each leaf is an argument of its own, specialised as one would
be; the kernel is compiled with one parameter per leaf, named by its path (`xy.1.0` is `xy[1][0]`), and the
frontend puts the tuple back together from them."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from pantile.frontend.language.core import constexpr

KIND = "tuple"


def tuple_key(value: tuple, describe: Callable[[Any, str], tuple[tuple, Any, Optional[int]]], path: str
              ) -> tuple[tuple, tuple, tuple]:
    """The specialization key of tuple `value` (its structure and each leaf's key), the value with each leaf as the
    launcher takes it, and each leaf's address in the same structure; `describe(leaf, path)` gives those of a leaf
    (`path`: how the user names it, `xy[1][0]`)."""
    keys, values, addresses = [], [], []
    for j, v in enumerate(value):
        where = f"{path}[{j}]"
        if type(v) is tuple:
            key, v, address = tuple_key(v, describe, where)
        elif isinstance(v, constexpr):
            key, v, address = ("constexpr", v.value), v.value, None
        else:
            key, v, address = describe(v, where)
        keys.append(key)
        values.append(v)
        addresses.append(address)
    return (KIND, tuple(keys)), tuple(values), tuple(addresses)


def leaves(name: str, key: tuple) -> Iterator[tuple[str, tuple]]:
    """(parameter name, key) of each leaf of a tuple argument `name`, in order; an empty tuple is a leaf, a
    compile-time one."""
    items = key[1]
    if not items:
        yield name, ("constexpr", ())
    for j, k in enumerate(items):
        if k[0] == KIND:
            yield from leaves(f"{name}.{j}", k)
        else:
            yield f"{name}.{j}", k


def indexed_leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(index expression, leaf) of each leaf of a (nested) tuple value in order (`[1][0]`), an empty tuple taken
    as one; a value that is no tuple is its own leaf."""
    if type(value) is not tuple or not value:
        yield path, value
        return
    for j, v in enumerate(value):
        yield from indexed_leaves(v, f"{path}[{j}]")


def leaf_values(value: Any) -> list:
    """The leaves of a (nested) tuple value in order, an empty tuple taken as one."""
    return [leaf for _, leaf in indexed_leaves(value)]


def leaf_paths(value: tuple) -> list[str]:
    """The index expression of each leaf of a tuple, in order (`[1][0]`), an empty tuple taken as a leaf."""
    return [path for path, _ in indexed_leaves(value)]


def signature_leaves(name: str, entry: Any) -> Iterator[tuple[str, Any]]:
    """(leaf parameter, entry) of a compile() signature entry; a tuple of entries (nested) is a tuple parameter."""
    if type(entry) is not tuple:
        yield name, entry
        return
    for j, e in enumerate(entry):
        yield from signature_leaves(f"{name}.{j}", e)


def user_name(leaf: str) -> str:
    """How the user names a leaf parameter: `xy.1.0` is `xy[1][0]`."""
    name, *path = leaf.split(".")
    return name + "".join(f"[{p}]" for p in path)


__all__ = ["KIND", "indexed_leaves", "leaf_paths", "leaf_values", "leaves", "signature_leaves", "tuple_key",
           "user_name"]
