"""Call graph: a networkx DiGraph of func.func symbols with an edge per caller -> callee pair."""
from __future__ import annotations

from typing import Optional

from pantile.ir import Module, Operation

from ..manager import Analysis, register


class CallGraph:
    """Functions of a module as nodes; edges carry the func.call ops (attribute `calls`)."""

    def __init__(self, module: Module) -> None:
        import networkx as nx  # deferred: ~0.1 s to import, which kernels loaded from the disk cache never pay
        self.graph = nx.DiGraph()
        self.functions: dict[str, Operation] = {}
        for fn in module.functions():
            name = fn.attributes["sym_name"]
            self.functions[name] = fn
            self.graph.add_node(name)
        for fn in module.functions():
            for op in fn.walk():
                if op.name == "func.call" and op.attributes["callee"] in self.functions:
                    edge = (fn.attributes["sym_name"], op.attributes["callee"])
                    if not self.graph.has_edge(*edge):
                        self.graph.add_edge(*edge, calls=[])
                    self.graph.edges[edge]["calls"].append(op)

    def callers(self, name: str) -> list[str]:
        """Functions that call `name`."""
        return sorted(self.graph.predecessors(name))

    def cycle(self) -> Optional[list[str]]:
        """One recursion cycle as [f, g, ..., f], or None when the graph is acyclic."""
        import networkx as nx
        try:
            edges = nx.find_cycle(self.graph)
        except nx.NetworkXNoCycle:
            return None
        return [a for a, _ in edges] + [edges[0][0]]

    def bottom_up(self) -> list[str]:
        """Callees before their callers (module order where the graph allows); needs an acyclic graph."""
        import networkx as nx
        position = {name: i for i, name in enumerate(self.functions)}
        return list(nx.lexicographical_topological_sort(self.graph.reverse(copy=False),
                                                        key=lambda n: position[n]))


@register
class CallGraphAnalysis(Analysis):
    """The module's call graph."""

    name = "callgraph"

    def compute(self, module: Module) -> CallGraph:
        """A CallGraph of `module`."""
        return CallGraph(module)
