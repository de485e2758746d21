"""What every installed target (built-in or plug-in) can do on this machine, for `targets` and `doctor`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pantile.runtime.availability import EXECUTES, Install, install, install_command, tier
from pantile.targets.base import COMPILE, Requirement
from pantile.targets.registry import factories, get_target


@dataclass(frozen=True)
class TargetReport:
    """One target family: its default arch, where it comes from, its requirements and its tier here."""

    arch: str                            # the family's archs that pantile covers, e.g. "cuda:sm_80, cuda:sm_90a"
    source: str                          # "built-in" or "plug-in DIST VERSION"
    requirements: tuple[Requirement, ...]
    tier: str


def _source(entry_point) -> str:
    dist = getattr(entry_point, "dist", None)
    if dist is None or dist.name == "pantile":
        return "built-in"
    return f"plug-in {dist.name} {dist.version}"


def survey() -> list[TargetReport]:
    """A report for every family in the `pantile.targets` entry-point group, sorted by name."""
    reports = []
    for family, entry_point in sorted(factories().items()):
        try:
            target = get_target(family)
            reqs = tuple(target.requirements())
            arch = ", ".join(target.family_archs())
        except Exception as err:   # a plug-in that fails to load is reported, not allowed to end the command
            reqs = (Requirement(f"the target's package ({entry_point.value})", COMPILE,
                                missing=f"loading it failed: {type(err).__name__}: {err}"),)
            arch = family
        reports.append(TargetReport(arch, _source(entry_point), reqs, tier(reqs)))
    return reports


def requirement_lines(req: Requirement, how: Install, show_found: bool) -> list[str]:
    """Indented lines for one requirement: missing ones with the command that provides them; found ones
    (with `show_found`) with what was found."""
    if req.ok:
        return [f"  ok       {req.what} (to {req.needed_for}): {req.found}"] if show_found else []
    action = install_command(req, how)
    return [f"  missing  {req.what} (to {req.needed_for}): {req.missing}"] + \
        ([f"           to get it: {action}"] if action else [])


def report_lines(reports: list[TargetReport], show_found: bool = False, how: Optional[Install] = None) -> list[str]:
    """The table of targets, each followed by its requirement lines."""
    how = how or install()
    width = max([len(r.arch) for r in reports] + [len("target")]) + 2
    lines = [f"{'target':<{width}}{'here':<15}from"]
    for r in reports:
        lines.append(f"{r.arch:<{width}}{r.tier:<15}{r.source}")
        for req in r.requirements:
            lines += requirement_lines(req, how, show_found)
    return lines


def works(reports: list[TargetReport]) -> str:
    """One line: which targets can execute here."""
    running = [r.arch for r in reports if r.tier == EXECUTES]
    return f"kernels execute here on: {', '.join(running) or 'no target'}"
