"""Dominance for structured IR.

Regions here hold straight-line blocks (control flow is structured: scf ops
carry their own regions), so a block's dominator tree is the chain of its ops
in order, and one op of a block dominates another exactly when it comes first.
A value dominates an op when its definition dominates the ancestor of that op
which sits in the defining block, and no isolated op (func.func) lies between.
"""
from __future__ import annotations

from typing import Optional

from pantile.ir import Block, BlockArgument, Module, Operation, Value
from pantile.ir.ops import ISOLATED

from ..manager import Analysis, register


class DominanceInfo:
    """Answers dominance queries; each block's op positions are numbered on first use."""

    def __init__(self) -> None:
        self._positions: dict[Block, dict[Operation, int]] = {}

    def _position_in(self, block: Block) -> dict[Operation, int]:
        """The position of each op of `block` (numbered once: the passes asking do not reorder ops)."""
        positions = self._positions.get(block)
        if positions is None:
            positions = self._positions[block] = {op: i for i, op in enumerate(block.ops)}
        return positions

    def op_dominates(self, a: Operation, b: Operation) -> bool:
        """True when `a` runs before `b` on every path (a != b), `b` possibly nested deeper."""
        anc = self._ancestor_in(b, a.parent)
        if anc is None or anc is a:
            return False
        positions = self._position_in(a.parent)
        return positions[a] < positions[anc]

    def dominates(self, value: Value, user: Operation) -> bool:
        """True when `value` is available at `user`."""
        if isinstance(value, BlockArgument):
            return self._ancestor_in(user, value.owner) is not None
        return self.op_dominates(value.owner, user)

    @staticmethod
    def _ancestor_in(op: Operation, block: Optional[Block]) -> Optional[Operation]:
        """`op` or its ancestor that lies directly in `block`, unless an isolated op comes first."""
        cur: Optional[Operation] = op
        while cur is not None and cur.parent is not block:
            parent = cur.parent_op
            if parent is not None and parent.opdef is not None and parent.opdef.has(ISOLATED):
                return None
            cur = parent
        return cur


@register
class Dominance(Analysis):
    """Dominance of values over ops in structured IR."""

    name = "dominance"

    def compute(self, module: Module) -> DominanceInfo:
        """A DominanceInfo for `module` (trees are built lazily per block)."""
        return DominanceInfo()
