"""pantile.runtime: kernel launch, specialization, disk cache, target choice, autotuner, benchmarking.

As `triton.runtime`, it also offers `driver` (the active device), `OutOfResources`, `Config`, `autotune`,
`heuristics` and `JITFunction`.
"""
from pantile.frontend import JITFunction
from pantile.targets.base import OutOfResources

from . import driver
from .autotune import Config, autotune, heuristics

__all__ = ["Config", "JITFunction", "OutOfResources", "autotune", "driver", "heuristics"]
