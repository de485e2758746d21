"""What a fleet node offers, as Ray custom resources: one per target it executes and one per target it validates.

A resource's quantity is how many cases of that kind the node runs at once: its slots, or for a target whose
kernels run on devices, its number of devices. A case is placed by asking for one unit of the resource of its
target in the best tier the cluster offers.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from pantile.runtime.availability import missing_for
from pantile.targets.base import VALIDATE
from pantile.targets.registry import all_targets, get_target

from ..runner import EXECUTED, VALIDATED

_PREFIX = {EXECUTED: "pantile-executes:", VALIDATED: "pantile-validates:"}


def resource(tier: str, arch: str) -> str:
    """The resource a node offers to run `arch`'s cases in `tier` ('pantile-executes:cuda:sm_90a')."""
    return _PREFIX[tier] + arch


def installed_archs() -> list[str]:
    """Every arch of every installed target family, as conformance covers them."""
    return [arch for target in all_targets() for arch in target.family_archs()]


def node_offers(slots: int, archs: Optional[Sequence[str]] = None, execute: bool = True) -> dict[str, float]:
    """The resources this machine offers: to execute each arch whose kernels run here (unless `execute` is
    False: a node for the validated tier only), and to validate each arch whose offline tools are here.
    `archs` limits the offer (default: every installed arch)."""
    offers = {}
    for arch in archs or installed_archs():
        target = get_target(arch)
        if execute and target.unavailable() is None:
            offers[resource(EXECUTED, arch)] = float(len(target.devices()) or slots)
        if not missing_for(target.requirements(), VALIDATE):
            offers[resource(VALIDATED, arch)] = float(slots)
    return offers


def node_gpus(archs: Optional[Sequence[str]] = None, execute: bool = True) -> int:
    """The GPUs a node offers to Ray ('GPU' resources: Ray gives each GPU task one and makes only that one
    visible to it): the devices of the GPU targets it executes."""
    if not execute:
        return 0
    targets = [get_target(arch) for arch in archs or installed_archs()]
    return max((len(t.devices()) for t in targets if t.capabilities.needs_gpu and t.unavailable() is None),
               default=0)


def best_tier(arch: str, offered: Iterable[str]) -> Optional[str]:
    """The best tier some node of the cluster offers for `arch` (`offered`: the resources of its live nodes),
    or None where no node offers it."""
    offered = set(offered)
    return next((tier for tier in (EXECUTED, VALIDATED) if resource(tier, arch) in offered), None)
