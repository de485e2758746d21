"""A directed graph for the pass manager's order and the call graph: nodes and edges with attributes, kept in
insertion order, a topological order that breaks ties by a key, and one cycle. (Written here rather than taken
from networkx, whose import cost a cold compile ~0.1 s, a sixth of it, for these few lines.)"""
from __future__ import annotations

import heapq
from typing import Any, Callable, Hashable, Iterator, Optional


class CycleError(ValueError):
    """The graph has a cycle, so it has no topological order."""


class Edges:
    """A graph's edges: iterating gives (u, v) in insertion order, `edges[u, v]` the edge's attributes."""

    def __init__(self, successors: dict[Hashable, dict[Hashable, dict]]) -> None:
        self._successors = successors

    def __iter__(self) -> Iterator[tuple[Hashable, Hashable]]:
        return ((u, v) for u, targets in self._successors.items() for v in targets)

    def __len__(self) -> int:
        return sum(len(targets) for targets in self._successors.values())

    def __getitem__(self, edge: tuple[Hashable, Hashable]) -> dict:
        u, v = edge
        return self._successors[u][v]


class DiGraph:
    """Nodes (`nodes[n]`: the node's attributes) and directed edges (`edges[u, v]`: the edge's attributes)."""

    def __init__(self) -> None:
        self.nodes: dict[Hashable, dict[str, Any]] = {}
        self._successors: dict[Hashable, dict[Hashable, dict]] = {}
        self._predecessors: dict[Hashable, dict[Hashable, None]] = {}
        self.edges = Edges(self._successors)

    def add_node(self, node: Hashable, **attrs: Any) -> None:
        """Add `node` (if new) and set its attributes."""
        if node not in self.nodes:
            self.nodes[node] = {}
            self._successors[node] = {}
            self._predecessors[node] = {}
        self.nodes[node].update(attrs)

    def add_edge(self, u: Hashable, v: Hashable, **attrs: Any) -> None:
        """Add the edge u -> v (and its nodes, if new) and set its attributes."""
        self.add_node(u)
        self.add_node(v)
        self._successors[u].setdefault(v, {}).update(attrs)
        self._predecessors[v][u] = None

    def has_edge(self, u: Hashable, v: Hashable) -> bool:
        """Whether the edge u -> v is in the graph."""
        return v in self._successors.get(u, ())

    def predecessors(self, node: Hashable) -> Iterator[Hashable]:
        """The nodes with an edge to `node`."""
        return iter(self._predecessors[node])

    def topological_order(self, key: Callable[[Hashable], Any]) -> list[Hashable]:
        """Every node after the nodes with edges to it; of the nodes free to come next, the least by `key` (then the
        first added). CycleError where there is no such order."""
        position = {node: i for i, node in enumerate(self.nodes)}
        waiting = {node: len(sources) for node, sources in self._predecessors.items()}
        ready = [(key(node), position[node], node) for node, count in waiting.items() if not count]
        heapq.heapify(ready)
        order = []
        while ready:
            node = heapq.heappop(ready)[2]
            order.append(node)
            for target in self._successors[node]:
                waiting[target] -= 1
                if not waiting[target]:
                    heapq.heappush(ready, (key(target), position[target], target))
        if len(order) < len(self.nodes):
            raise CycleError("the graph has a cycle")
        return order

    def find_cycle(self) -> Optional[list[tuple[Hashable, Hashable]]]:
        """The edges of one cycle in order, the first a depth-first search in insertion order meets, or None."""
        done: set = set()
        for start in self.nodes:
            if start in done:
                continue
            path, on_path = [start], {start: 0}
            stack = [iter(self._successors[start])]
            while stack:
                for target in stack[-1]:
                    if target in on_path:
                        cycle = path[on_path[target]:]
                        return list(zip(cycle, cycle[1:] + [target]))
                    if target not in done:
                        on_path[target] = len(path)
                        path.append(target)
                        stack.append(iter(self._successors[target]))
                        break
                else:
                    stack.pop()
                    node = path.pop()
                    done.add(node)
                    del on_path[node]
        return None

    def reverse(self) -> "DiGraph":
        """A new graph with every edge turned around (nodes in the same order, attributes copied)."""
        reversed_graph = DiGraph()
        for node, attrs in self.nodes.items():
            reversed_graph.add_node(node, **attrs)
        for u, v in self.edges:
            reversed_graph.add_edge(v, u, **self.edges[u, v])
        return reversed_graph
