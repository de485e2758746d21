"""What a target can do on this machine, and the exact commands that install what it lacks.

A target lists its requirements as data (pantile.targets.base.Requirement); this module turns them into a tier
(can execute / can validate / can compile / unavailable) and into commands for how pantile itself is installed:
an editable clone gets `pip install -e '.[extra]'` run in the clone, a wheel gets `pip install 'pantile[extra]'`.
"""
from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from pantile import __version__
from pantile.targets.base import COMPILE, EXECUTE, VALIDATE, Requirement, Target

EXECUTES, VALIDATES, COMPILES, UNAVAILABLE = "can execute", "can validate", "can compile", "unavailable"
# Each tier, most capable first, with the kinds of work whose requirements must all be met for it.
_TIER_NEEDS = ((EXECUTES, (COMPILE, EXECUTE)), (VALIDATES, (COMPILE, VALIDATE)), (COMPILES, (COMPILE,)))


class TargetUnavailable(RuntimeError):
    """A target cannot do what was asked on this machine; the message says what is missing and how to get it."""

    __module__ = "pantile"   # shown as pantile.TargetUnavailable, the public name


@dataclass(frozen=True)
class Install:
    """How this pantile is installed: from a source clone (editable) or as a wheel."""

    clone: Optional[Path]        # the clone's root, or None for a wheel
    python: str                  # the interpreter to run pip with, as a user types it

    def pip(self, args: Sequence[str]) -> str:
        """The command line that runs pip install with `args` for this interpreter (in the clone, for a clone)."""
        line = f"{self.python} -m pip install {' '.join(shlex.quote(a) for a in args)}"
        return f"cd {shlex.quote(str(self.clone))} && {line}" if self.clone else line


def install() -> Install:
    """How the running pantile is installed: a clone when its package folder sits beside a pyproject.toml."""
    root = Path(__file__).resolve().parent.parent
    clone = root if (root / "pyproject.toml").is_file() and (root / "pantile").is_dir() else None
    exe = Path(sys.executable)
    if clone is not None and exe.absolute().is_relative_to(clone):
        python = str(exe.absolute().relative_to(clone))
    elif shutil.which("python3") and Path(shutil.which("python3")).resolve() == exe.resolve():
        python = "python3"
    else:
        python = str(exe)
    return Install(clone, python)


def install_command(req: Requirement, how: Optional[Install] = None) -> str:
    """The command (or, where no command can help, the advice) that provides `req` for this install."""
    how = how or install()
    if req.extra:
        spec = f".[{req.extra}]" if how.clone else f"pantile[{req.extra}]=={__version__}"
        return how.pip(["-e", spec] if how.clone else [spec])
    if req.pip:
        return how.pip(req.pip)
    if req.apt:
        if shutil.which("apt-get") is None:
            return f"install {' '.join(req.apt)} with your system's package manager"
        sudo = "" if os.geteuid() == 0 else "sudo "
        return f"{sudo}apt-get install -y {' '.join(req.apt)}"
    return req.advice


def tier(requirements: Sequence[Requirement]) -> str:
    """The most a target with these requirements can do here."""
    missing = {r.needed_for for r in requirements if not r.ok}
    for name, needs in _TIER_NEEDS:
        if not missing.intersection(needs):
            return name
    return UNAVAILABLE


def missing_for(requirements: Sequence[Requirement], work: str) -> list[Requirement]:
    """The missing requirements that stop `work` (COMPILE, VALIDATE or EXECUTE)."""
    return [r for r in requirements if not r.ok and r.needed_for in (COMPILE, work)]


def describe_missing(req: Requirement, how: Optional[Install] = None) -> list[str]:
    """Two lines: what is missing and why, then the command (or advice) that provides it."""
    action = install_command(req, how)
    return [f"{req.what}: {req.missing}"] + ([f"  to get it: {action}"] if action else [])


def require_execution(target: Target) -> None:
    """Raise TargetUnavailable, in a few lines naming what is missing and the command that installs it,
    when kernels cannot execute on `target` here."""
    why = target.unavailable()
    if why is None:
        return
    missing = missing_for(target.requirements(), EXECUTE)
    lines = [f"target {target.arch} cannot execute kernels on this machine" + ("" if missing else f": {why}")]
    lines += [f"  {line}" for r in missing for line in describe_missing(r)]
    raise TargetUnavailable("\n".join(lines))
