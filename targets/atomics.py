"""Which atomics a target supports, read from its capability record, and the error a kernel gets otherwise.

Every target runs `CheckAtomics` first in its pipeline, so an unsupported atomic is a CompilationError
at the user's line with the same wording everywhere, instead of a back-end failure.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Optional

from pantile.ir import Module, ScalarType
from pantile.passes.manager import AnalysisManager, DiagnosticError, Pass, register

from .atomic_types import FLOAT_TYPES, INTEGER_TYPES
from .base import Capabilities
FLOAT_ARITHMETIC = ("add", "fadd", "max", "min")     # float kinds that need the target's "fadd" capability
USER_NAMES = {"fadd": "add", "umax": "max", "umin": "min"}   # the tl.atomic_* function a kind comes from
NEEDS = {"poll": "load"}        # the capability kind an atomic needs where it is not its own (a poll reads atomically)
OP_KINDS = {"pt.atomic_cas": "cas", "pt.atomic_load": "load", "pt.atomic_store": "store", "pt.atomic_poll": "poll"}


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def supported_atomic_types(caps: Capabilities) -> str:
    """The element types atomics work on, as a user reads them ("f16, f32, f64 or an integer type")."""
    floats = [t for t in FLOAT_TYPES if t in caps.atomic_dtypes]
    ints = [t for t in INTEGER_TYPES if t in caps.atomic_dtypes]
    return _listed(floats + (["an integer type"] if len(ints) == len(INTEGER_TYPES) else ints))


def unsupported_atomic(caps: Capabilities, arch: str, kind: str, dtype: ScalarType) -> Optional[str]:
    """Why atomic `kind` (a pt.atomic_rmw kind, or one of OP_KINDS) on `dtype` cannot run on target `arch`, or
    None."""
    name = f"atomic_{USER_NAMES.get(kind, kind)}"
    if dtype.name not in caps.atomic_dtypes:
        return f"{name} on {dtype} is not supported on the {arch} target; use {supported_atomic_types(caps)}"
    if dtype.is_float and kind in FLOAT_ARITHMETIC:
        if "fadd" not in caps.atomic_kinds:
            return f"{name} on {dtype} needs float atomics, which the {arch} target does not have; use an integer type"
        return None
    if NEEDS.get(kind, kind) not in caps.atomic_kinds:
        return f"{name} is not supported on the {arch} target"
    return None


@register
@dataclass
class CheckAtomics(Pass):
    """Refuse, at the user's line, every atomic the target's capability record excludes."""

    name: ClassVar[str] = "check-atomics"
    modifies: ClassVar[bool] = False

    arch: str = ""       # the target whose capability record decides

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Raise DiagnosticError at the first unsupported atomic."""
        from .registry import get_target   # the registry loads targets, which import this module
        capabilities = get_target(self.arch).capabilities
        for op in module.walk():
            if op.name != "pt.atomic_rmw" and op.name not in OP_KINDS:
                continue
            kind = op.attributes["kind"] if op.name == "pt.atomic_rmw" else OP_KINDS[op.name]
            why = unsupported_atomic(capabilities, self.arch, kind, op.operands[0].type.scalar.pointee)
            if why is None and op.name == "pt.atomic_poll" and op.timeout is not None and not capabilities.clock:
                why = (f"atomic_poll with timeout_ns needs a clock, which kernels on the {self.arch} target cannot "
                       "read; leave timeout_ns out")
            if why:
                raise DiagnosticError(op.loc, why)
