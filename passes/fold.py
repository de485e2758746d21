"""The `fold` pass: constant folding with the folders attached to the op definitions (ir.fold)."""
from __future__ import annotations

from pantile.ir import Module

from .greedy import apply_greedily
from .manager import AnalysisManager, Pass, register


@register
class Fold(Pass):
    """Replaces ops whose operands are constants by their value, and drops the constants left unused."""

    name = "fold"
    preserves = ("callgraph",)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Fold every op of `module` to a fixed point."""
        apply_greedily(module, {})
