"""Dominance for structured IR, from `networkx.immediate_dominators` over each block's op graph.

Regions here hold straight-line blocks (control flow is structured: scf ops
carry their own regions), so each block is a graph entry -> op0 -> op1 -> ...
A value dominates an op when its definition dominates the ancestor of that op
which sits in the defining block, and no isolated op (func.func) lies between.
"""
from __future__ import annotations

from typing import Optional

from pantile.ir import Block, BlockArgument, Module, Operation, Value
from pantile.ir.ops import ISOLATED

from ..manager import Analysis, register

_ENTRY = "entry"


class DominanceInfo:
    """Answers dominance queries; trees are built per block on first use."""

    def __init__(self) -> None:
        self._intervals: dict[Block, dict[object, tuple[int, int]]] = {}

    def _block_intervals(self, block: Block) -> dict[object, tuple[int, int]]:
        """Pre/post numbers of each node of the block's dominator tree (a dominates b iff a's interval holds b's)."""
        if block not in self._intervals:
            import networkx as nx  # deferred: ~0.1 s to import, which kernels loaded from the disk cache never pay
            graph = nx.DiGraph()
            graph.add_node(_ENTRY)
            prev: object = _ENTRY
            for op in block.ops:
                graph.add_edge(prev, op)
                prev = op
            idom = nx.immediate_dominators(graph, _ENTRY)
            tree = nx.DiGraph((parent, child) for child, parent in idom.items() if child is not parent)
            tree.add_node(_ENTRY)
            intervals: dict[object, tuple[int, int]] = {}
            counter = 0
            for u, v, kind in nx.dfs_labeled_edges(tree, _ENTRY):
                if kind == "forward":
                    intervals[v] = (counter, 0)
                elif kind == "reverse":
                    intervals[v] = (intervals[v][0], counter)
                counter += 1
            self._intervals[block] = intervals
        return self._intervals[block]

    def op_dominates(self, a: Operation, b: Operation) -> bool:
        """True when `a` runs before `b` on every path (a != b), `b` possibly nested deeper."""
        anc = self._ancestor_in(b, a.parent)
        if anc is None or anc is a:
            return False
        iv = self._block_intervals(a.parent)
        (a_in, a_out), (b_in, b_out) = iv[a], iv[anc]
        return a_in <= b_in and b_out <= a_out

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
