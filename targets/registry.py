"""Finds targets through the `pantile.targets` entry-point group, built-in ones included."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points
from typing import Callable

from .base import Target

GROUP = "pantile.targets"


@lru_cache(maxsize=None)
def factories() -> dict[str, Callable[[str], Target]]:
    """Family name -> `make_target(arch)` for every installed target."""
    found = {}
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep
    return found


def family(arch: str) -> str:
    """'cuda' for 'cuda:sm_90a', 'cpu' for 'cpu'."""
    return arch.split(":", 1)[0]


@lru_cache(maxsize=None)
def get_target(arch: str) -> Target:
    """The target object for `arch`, e.g. 'cpu' or 'cuda:sm_90a'."""
    eps = factories()
    fam = family(arch)
    if fam not in eps:
        known = ", ".join(sorted(eps)) or "none"
        raise ValueError(f"unknown target {arch!r}: installed target families are {known}")
    make = eps[fam].load()
    return make(arch)


def available_families() -> list[str]:
    """Names of the installed target families."""
    return sorted(factories())
