"""Choosing the target of a launch: PANTILE_TARGET, then set_target/target(), then the arrays' own device (by
its DLPack device type, through the targets' `owns`), then the host target."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

from pantile.targets.base import Target
from pantile.targets.dlpack import HOST_TYPES, describe, device_of
from pantile.targets.environment import selected_arch
from pantile.targets.registry import available_families, get_target, host_target

_global: list[Optional[str]] = [None]
# PANTILE_TARGET is read at every launch (a program or a test may set it between two). os.environ.get of an unset
# variable costs ~1.5 us (a KeyError raised and caught inside the mapping); os.environ's own table of encoded
# names, which every change through os.environ updates, answers in ~0.04 us.
_ENVIRON, _TARGET_VARIABLE = os.environ._data, os.environ.encodekey("PANTILE_TARGET")  # type: ignore[attr-defined]


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
    env = _ENVIRON.get(_TARGET_VARIABLE)
    if env:
        return os.environ.decodevalue(env)  # type: ignore[attr-defined]
    stack = _blocks.stack
    if stack:
        return stack[-1]
    return _global[0] or selected_arch()


def choose_target(arrays: Sequence[Any]) -> Target:
    """The target a launch with these (non-numpy) array arguments runs on."""
    return place_launch(arrays)[0]


def place_launch(arrays: Sequence[Any]) -> tuple[Target, bool]:
    """The target a launch with these (non-numpy) array arguments runs on, and whether that target owns every one
    of them (then the addresses the launch read from them are the target's own pointer values)."""
    arch = explicit_target()
    target = get_target(arch) if arch is not None else None
    owned = True
    for a in arrays:   # owner_of, with its cache read here first: a launch asks this of every array it passes
        try:
            found = _owners[type(a), a.device]
        except (KeyError, AttributeError, TypeError):
            found = owner_of(a)
        if found is None:           # host memory (or an array no target claims) is no target's own
            owned = False
        elif target is None:
            target = found
        elif found.name != target.name:   # by family: a reloaded registry makes new target objects
            owned = False
    if target is None:
        return host_target(), not arrays
    return target, owned


_owners: dict[tuple, Optional[Target]] = {}


def launch_target(*arrays: Any) -> Target:
    """The target a launch with these arrays (numpy, torch, ...) would run on here."""
    return choose_target(arrays)


def owner_of(array: Any) -> Optional[Target]:
    """The installed device target that uses `array` in place, or None. Decided once per array type and
    framework device object where the type has a DLPack device (the answer depends on nothing else)."""
    if not hasattr(type(array), "__dlpack_device__"):
        return _find_owner(array)
    try:
        key = (type(array), array.device)
        return _owners[key]
    except KeyError:
        found = _owners[key] = _find_owner(array)
        return found
    except (AttributeError, TypeError):   # no framework device object, or an unhashable one
        return _find_owner(array)


def _find_owner(array: Any) -> Optional[Target]:
    for t in device_targets():
        if t.owns(array):
            return t
    return None


def device_memory(array: Any, device_array: Any) -> Optional[str]:
    """Where `array` lives when that is not host memory (its framework's device, else its DLPack device), or
    None for host memory. `device_array` is what a target tells of it (runtime.args.device_array)."""
    device = device_of(array)
    if device is not None:
        return None if device[0] in HOST_TYPES else str(getattr(array, "device", None) or describe(device))
    if hasattr(array, "__cuda_array_interface__"):
        return "a GPU (__cuda_array_interface__)"
    return device_array.device if device_array is not None else None


def device_targets() -> list[Target]:
    """The installed targets besides the host one that can be made here: those whose arrays a launch may hold."""
    host = host_target()
    return [t for t in map(_device_target, available_families()) if t is not None and t.name != host.name]


def _device_target(family: str) -> Optional[Target]:
    try:
        return get_target(family)
    except Exception:  # a target whose runtime is missing here cannot own the array
        return None
