"""Finds targets through the `pantile.targets` entry-point group, built-in ones included."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points

from .base import Target

GROUP = "pantile.targets"


@lru_cache(maxsize=None)
def _built_in() -> dict[str, EntryPoint]:
    """Family name -> entry point of pantile's own targets: one distribution's list, read without
    scanning every installed package (that scan costs ~10 ms of a cold start)."""
    try:
        return {ep.name: ep for ep in distribution("pantile").entry_points if ep.group == GROUP}
    except PackageNotFoundError:
        return {}


@lru_cache(maxsize=None)
def factories() -> dict[str, EntryPoint]:
    """Family name -> entry point (`make_target(arch)`) of every installed target; a built-in family
    wins over another package's of the same name."""
    return {**{ep.name: ep for ep in entry_points(group=GROUP)}, **_built_in()}


def family(arch: str) -> str:
    """'cuda' for 'cuda:sm_90a', 'cpu' for 'cpu'."""
    return arch.split(":", 1)[0]


@lru_cache(maxsize=None)
def get_target(arch: str) -> Target:
    """The target object for `arch`, e.g. 'cpu' or 'cuda:sm_90a'."""
    fam = family(arch)
    ep = _built_in().get(fam) or factories().get(fam)
    if ep is None:
        known = ", ".join(sorted(factories())) or "none"
        raise ValueError(f"unknown target {arch!r}: installed target families are {known}")
    return ep.load()(arch)


def available_families() -> list[str]:
    """Names of the installed target families."""
    return sorted(factories())
