"""Choosing the target of a launch: PANTILE_TARGET, then set_target/target(), then the arrays, then cpu."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

from pantile.targets.base import Target
from pantile.targets.environment import selected_arch
from pantile.targets.registry import available_families, get_target

DEFAULT = "cpu"
_global: list[Optional[str]] = [None]


class _Blocks(threading.local):
    """The archs of this thread's open `with target(...)` blocks, innermost last."""

    stack: tuple[str, ...] = ()    # a class default: a thread that opened none reads () without an AttributeError


_blocks = _Blocks()


def set_target(arch: Optional[str]) -> None:
    """Make `arch` (e.g. 'intel:spirv') the target of later launches in this process; None resets."""
    if arch is not None:
        get_target(arch)
    _global[0] = arch


@contextmanager
def target(arch: str) -> Iterator[Target]:
    """Launches inside the `with` block (on this thread) go to `arch`."""
    t = get_target(arch)
    outer = _blocks.stack
    _blocks.stack = outer + (arch,)
    try:
        yield t
    finally:
        _blocks.stack = outer


def explicit_target() -> Optional[str]:
    """The target named by PANTILE_TARGET, a `with target(...)` block, set_target, or else a variable that an
    installed target declares as its switch (set to 1; targets/environment.py), if any."""
    env = os.environ.get("PANTILE_TARGET")
    if env:
        return env
    stack = _blocks.stack
    if stack:
        return stack[-1]
    return _global[0] or selected_arch()


def choose_target(arrays: Sequence[Any]) -> Target:
    """The target a launch with these (non-numpy) array arguments runs on."""
    arch = explicit_target()
    if arch is not None:
        return get_target(arch)
    for a in arrays:
        for t in device_targets():
            if t.owns(a):
                return t
    return get_target(DEFAULT)


def device_targets() -> list[Target]:
    """The installed targets besides the default that can be made here: those whose arrays a launch may hold."""
    return [t for t in map(_device_target, available_families()) if t is not None and t.arch != DEFAULT]


def _device_target(family: str) -> Optional[Target]:
    try:
        return get_target(family)
    except Exception:  # a target whose runtime is missing here cannot own the array
        return None
