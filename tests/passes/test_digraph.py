"""The pass manager's and the call graph's directed graph (passes/digraph.py)."""
import pytest

from pantile.passes.digraph import CycleError, DiGraph


def _graph(*edges, nodes=()):
    graph = DiGraph()
    for node in nodes:
        graph.add_node(node)
    for u, v in edges:
        graph.add_edge(u, v)
    return graph


def test_topological_order_takes_the_least_key_among_the_nodes_free_to_come_next():
    graph = _graph(("a", "c"), ("b", "c"), ("c", "d"), nodes="dcba")
    rank = {"a": 2, "b": 1, "c": 0, "d": 3}
    assert graph.topological_order(key=rank.get) == ["b", "a", "c", "d"]
    assert _graph(nodes="xyz").topological_order(key=lambda n: 0) == ["x", "y", "z"]   # ties: the first added


def test_a_cycle_has_no_order_and_is_found_edge_by_edge():
    graph = _graph(("a", "b"), ("b", "c"), ("c", "b"), ("c", "d"))
    with pytest.raises(CycleError):
        graph.topological_order(key=str)
    assert graph.find_cycle() == [("b", "c"), ("c", "b")]
    assert _graph(("f", "f")).find_cycle() == [("f", "f")]
    assert _graph(("a", "b"), ("a", "c"), ("b", "c")).find_cycle() is None


def test_edges_keep_their_attributes_and_reverse_turns_them_around():
    graph = _graph(("k", "leaf"))
    graph.add_edge("k", "mid", calls=[1])
    graph.edges["k", "mid"]["calls"].append(2)
    assert list(graph.edges) == [("k", "leaf"), ("k", "mid")] and len(graph.edges) == 2
    assert graph.edges["k", "mid"] == {"calls": [1, 2]} and graph.has_edge("k", "mid")
    assert not graph.has_edge("mid", "k") and list(graph.predecessors("mid")) == ["k"]
    flipped = graph.reverse()
    assert list(flipped.edges) == [("leaf", "k"), ("mid", "k")] and flipped.edges["mid", "k"] == {"calls": [1, 2]}
