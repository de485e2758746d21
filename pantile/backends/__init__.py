"""pantile.backends, as triton.backends: `backends`, one Backend (a compiler class and a driver class) per
installed target family, under the family's name; GPUTarget and BaseBackend are in .compiler, DriverBase in
.driver."""
from __future__ import annotations

from dataclasses import dataclass

from pantile.targets.registry import available_families

from .compiler import BaseBackend, GPUTarget
from .driver import DriverBase


@dataclass(frozen=True)
class Backend:
    """A registry entry: the family's compiler class and driver class."""

    compiler: type[BaseBackend]
    driver: type[DriverBase]


def _backend(name: str) -> Backend:
    return Backend(type(f"Backend_{name}", (BaseBackend,), {"family": name}),
                   type(f"Driver_{name}", (DriverBase,), {"family": name}))


backends: dict[str, Backend] = {name: _backend(name) for name in available_families()}

__all__ = ["Backend", "BaseBackend", "DriverBase", "GPUTarget", "backends"]
