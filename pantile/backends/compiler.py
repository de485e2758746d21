"""pantile.backends.compiler, as triton.backends.compiler: GPUTarget (what a target is, in Triton's words) and
BaseBackend, the compiler of one installed target family."""
from __future__ import annotations

from typing import Any, ClassVar

from pantile.runtime.cache import compiler_version
from pantile.runtime.driver import GPUTarget, gpu_target
from pantile.targets.base import CompileOptions, Target
from pantile.targets.registry import get_target


class BaseBackend:
    """The compiler of the pantile target family `family` (Triton's BaseBackend), made for one GPUTarget."""

    family: ClassVar[str] = ""

    def __init__(self, target: GPUTarget) -> None:
        if not self.supports_target(target):
            raise ValueError(f"the {self.family!r} backend does not compile for {target}; "
                             f"pick the backend whose supports_target() accepts it")
        self.target = target

    @classmethod
    def supports_target(cls, target: GPUTarget) -> bool:
        """True for a GPUTarget of this backend's family whose architecture the family compiles for."""
        return target.backend == cls.family and target_of(target) is not None

    def pantile_target(self) -> Target:
        """The pantile target this backend compiles for."""
        return target_of(self.target)

    def hash(self) -> str:
        """What identifies this compiler's output: pantile's version and the target's arch."""
        return f"{compiler_version()}-{self.pantile_target().arch}"

    def parse_options(self, options: dict[str, Any]) -> CompileOptions:
        """The compile options of a launch's keywords (num_warps, num_stages, debug, maxnreg); others are
        ignored, as Triton's backends ignore another backend's options."""
        return CompileOptions(num_warps=options.get("num_warps", 4), num_stages=options.get("num_stages", 3),
                              debug=bool(options.get("debug", False)), max_registers=options.get("maxnreg"))


def target_of(target: GPUTarget) -> Target | None:
    """The pantile target of a GPUTarget: the arch of its family that says the same backend and arch, or None."""
    try:
        default = get_target(target.backend)
    except ValueError:
        return None
    for arch in (default.arch, *default.family_archs()):
        t = get_target(arch)
        if gpu_target(t)[:2] == (target.backend, target.arch):
            return t
    return None


__all__ = ["BaseBackend", "GPUTarget", "target_of"]
