"""Environment variables that select a target (switches such as VARIABLE=1), declared by the targets themselves.

A target's distribution names each such variable in the entry-point group `pantile.target_environment`,
`VARIABLE = "module:attribute"`, where the attribute is the arch the variable selects when it is set to 1, true,
yes or on. Finding that group means reading every installed distribution's metadata (about 10 ms), so the
table of variables is kept in pantile's cache folder, keyed by the modification times of the folders on
sys.path (installing or removing a distribution changes its folder's): a process of an unchanged installation
reads one small file instead, once. The variables themselves are read once per process, at its first launch.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Mapping, Optional

from .cache_dir import cache_root

GROUP = "pantile.target_environment"
TRUE = frozenset({"1", "true", "yes", "on"})


def _folders() -> list[str]:
    """The folders on sys.path (the working folder, which changes with every file written there, aside)."""
    return [entry for entry in sys.path if entry]


def installation_key() -> str:
    """A digest of the folders on sys.path and their modification times."""
    h = hashlib.sha256()
    for entry in _folders():
        try:
            stamp = os.stat(entry).st_mtime_ns
        except OSError:
            continue
        h.update(f"{entry}\0{stamp}\0".encode())
    return h.hexdigest()[:32]


def table_file() -> str:
    """The table's file name: one per sys.path, so environments sharing a cache folder keep their own."""
    return f"target_environment-{hashlib.sha256(chr(0).join(_folders()).encode()).hexdigest()[:16]}.json"


def _scan() -> list[list[str]]:
    return sorted([ep.name, ep.value] for ep in entry_points(group=GROUP))


@lru_cache(maxsize=None)
def selectors() -> tuple[tuple[str, str], ...]:
    """(variable, "module:attribute" of the arch it selects) for every variable an installed target declares."""
    path = cache_root(os.environ) / table_file()
    key = installation_key()
    try:
        saved = json.loads(path.read_text())
        if saved["key"] == key:
            return tuple((str(var), str(ref)) for var, ref in saved["selectors"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = _scan()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"key": key, "selectors": found}))
        os.replace(tmp, path)
    except OSError:     # a read-only cache folder: scan again next time
        pass
    return tuple((var, ref) for var, ref in found)


@lru_cache(maxsize=None)
def _arch(variable: str, ref: str) -> str:
    return EntryPoint(variable, ref, GROUP).load()


def arch_selected_by(environ: Mapping[str, str]) -> Optional[str]:
    """The arch that a selecting variable set in `environ` names (the first in name order), or None."""
    for variable, ref in selectors():
        if environ.get(variable, "").strip().lower() in TRUE:
            return _arch(variable, ref)
    return None


@lru_cache(maxsize=None)
def selected_arch() -> Optional[str]:
    """The arch this process's environment selects, read once (at the first launch: a launch must not pay for
    reading variables); `selected_arch.cache_clear()` reads it again."""
    return arch_selected_by(os.environ)


__all__ = ["GROUP", "selectors", "selected_arch", "arch_selected_by", "installation_key"]
