"""The check that refuses tl.inline_asm_elementwise on a target without inline assembly, at the user's line.

Inline assembly is written for one instruction set, so only a target whose capability record names an
assembly language (`capabilities.inline_asm`) takes it; every other target runs this check first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pantile.ir import Module
from pantile.passes.manager import AnalysisManager, DiagnosticError, Pass, register


@register
@dataclass
class CheckInlineAsm(Pass):
    """Raise at the first pt.inline_asm when the target's capabilities.inline_asm is empty."""

    name: ClassVar[str] = "check-inline-asm"

    arch: str = ""       # the target whose capability record decides

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Raise DiagnosticError at the first pt.inline_asm the target cannot take."""
        from .registry import get_target   # the registry loads targets, which import this module
        if get_target(self.arch).capabilities.inline_asm:
            return
        for op in module.walk():
            if op.name == "pt.inline_asm":
                raise DiagnosticError(op.loc, f"inline_asm_elementwise is not supported on the {self.arch} target "
                                              "(capabilities.inline_asm is empty): inline assembly is written for "
                                              "one instruction set; write it with tl operations, or run it on a "
                                              "target whose capabilities.inline_asm names its assembly")
