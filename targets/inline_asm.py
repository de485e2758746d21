"""The check that refuses tl.inline_asm_elementwise on a target without inline assembly, at the user's line.

Inline assembly is written for one instruction set, so only a target whose capability record names an
assembly language (`capabilities.inline_asm`) takes it; every other target runs this check first.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pantile.passes.manager import register

from .capability_check import CapabilityCheck


@register
@dataclass
class CheckInlineAsm(CapabilityCheck):
    """Raise at the first pt.inline_asm when the target's capabilities.inline_asm is empty."""

    name: ClassVar[str] = "check-inline-asm"
    op_name: ClassVar[str] = "pt.inline_asm"
    capability: ClassVar[str] = "inline_asm"

    def refusal(self) -> str:
        """Inline assembly is for one instruction set: say so and what to do."""
        return (f"inline_asm_elementwise is not supported on the {self.arch} target (capabilities.inline_asm is "
                "empty): inline assembly is written for one instruction set; write it with tl operations, or run "
                "it on a target whose capabilities.inline_asm names its assembly")
