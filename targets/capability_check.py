"""A pass that refuses, at the user's line, an op the target's capability record says it cannot run.

A subclass names the op and the capability; the target's record decides, so no target is named here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pantile.ir import Module
from pantile.passes.manager import AnalysisManager, DiagnosticError, Pass


@dataclass
class CapabilityCheck(Pass):
    """Raise DiagnosticError at the first `op_name` op when the target's `capability` is empty or False."""

    op_name: ClassVar[str] = ""
    capability: ClassVar[str] = ""

    arch: str = ""       # the target whose capability record decides
    modifies: ClassVar[bool] = False

    def refusal(self) -> str:
        """What the error says: what is unsupported, where, and what to do."""
        raise NotImplementedError

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Raise DiagnosticError at the first `op_name` op the target cannot take."""
        from .registry import get_target   # the registry loads targets, which import the checks
        if getattr(get_target(self.arch).capabilities, self.capability):
            return
        for op in module.walk():
            if op.name == self.op_name:
                raise DiagnosticError(op.loc, self.refusal())
