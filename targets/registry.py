"""Finds targets through the `pantile.targets` entry-point group, built-in ones included."""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points

from .base import CONTRACT_VERSION, Target
from .dlpack import kDLCPU

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
    target = ep.load()(arch)
    if fam not in _built_in():
        _check_contract(fam, ep, target)
    _made[arch] = target
    return target


_made: dict[str, Target] = {}


def reload() -> None:
    """Forget every target made and read the installed entry points again (after a target package is
    installed or removed in a running process)."""
    for cached in (_built_in, factories, get_target, host_target):
        cached.cache_clear()


def made_targets() -> list[Target]:
    """The targets this process has made so far (those that may have work queued)."""
    return list(_made.values())


def _declared_contract_version(target: Target) -> int | None:
    """The contract_version the plug-in's own classes state; None when it only inherits pantile's."""
    for cls in type(target).__mro__:
        if "contract_version" in cls.__dict__:
            return None if cls.__module__.split(".")[0] == "pantile" else cls.__dict__["contract_version"]
    return None


class ContractVersionError(ValueError):
    """A plug-in target was written for another version of the target contract."""


def _check_contract(fam: str, ep: EntryPoint, target: Target) -> None:
    """Refuse a plug-in that states no contract version, or one other than CONTRACT_VERSION."""
    dist = getattr(ep, "dist", None)
    where = f"{dist.name} {dist.version}" if dist is not None else ep.value
    declared = _declared_contract_version(target)
    if declared == CONTRACT_VERSION:
        return
    if declared is None:
        raise ContractVersionError(
            f"target family {fam!r} (from {where}) does not declare which target contract it was written for; "
            f"its Target class must set `contract_version = {CONTRACT_VERSION}` (pantile.targets.base."
            f"CONTRACT_VERSION) once it has been checked against docs/adding-a-target.md")
    raise ContractVersionError(
        f"target family {fam!r} (from {where}) was written for target contract version {declared!r}, but this "
        f"pantile implements version {CONTRACT_VERSION}: install a release of {where.split()[0]} written for "
        f"contract version {CONTRACT_VERSION}, or a pantile that implements version {declared!r}")


def available_families() -> list[str]:
    """Names of the installed target families."""
    return sorted(factories())


@lru_cache(maxsize=None)
def host_target() -> Target:
    """The target of a launch that names none and holds only host arrays: the first of pantile's own targets
    (in pyproject.toml's entry-point order) that owns host memory (DLPack device type kDLCPU)."""
    for fam in _built_in():
        target = get_target(fam)
        if kDLCPU in target.dlpack_device_types:
            return target
    raise ValueError("no installed target runs kernels on host arrays (DLPack device type kDLCPU); reinstall "
                     "pantile")


def all_targets() -> list[Target]:
    """One target per installed family (its default arch), by family name."""
    return [get_target(f) for f in available_families()]
