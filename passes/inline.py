"""The `inline` pass: replaces each func.call of a function in the module by the callee's body.

Functions are processed bottom-up over the call graph, so a callee is fully
inlined before its callers copy it. Recursion cannot be inlined (and no
target supports it): it is reported at the call that closes the cycle.
Functions marked `noinline` keep their calls, unless a target that cannot call
functions asks for everything inlined.
"""
from __future__ import annotations

from pantile.ir import Module, Operation

from .analysis.callgraph import CallGraph
from .manager import AnalysisManager, DiagnosticError, Pass, register
from .rewrite import clone_block_before


def inline_call(call: Operation, callee: Operation) -> None:
    """Copy `callee`'s body before `call`, binding its arguments to the call's operands."""
    entry = callee.regions[0].entry
    returned = clone_block_before(entry, call, dict(zip(entry.args, call.operands)))
    for result, value in zip(call.results, returned):
        result.replace_all_uses_with(value)
    call.erase()


@register
class Inline(Pass):
    """Inlines every call of a module function that is not `noinline`."""

    name = "inline"
    requires = ("callgraph",)

    def __init__(self, keep_noinline: bool = True) -> None:
        self.keep_noinline = keep_noinline     # False: inline `noinline` functions too (targets without calls)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Inline calls bottom-up; raise DiagnosticError on recursion."""
        graph: CallGraph = analyses.get("callgraph")
        cycle = graph.cycle()
        if cycle is not None:
            closing = graph.graph.edges[cycle[-2], cycle[-1]]["calls"][0]
            raise DiagnosticError(closing.loc, f"recursive call of '{cycle[-1]}' ({' -> '.join(cycle)}); "
                                               "pantile functions cannot recurse: rewrite it as a loop")
        for name in graph.bottom_up():
            for op in list(graph.functions[name].walk()):
                callee = graph.functions.get(op.attributes.get("callee", "")) if op.name == "func.call" else None
                if callee is not None and not (self.keep_noinline and callee.attributes.get("noinline")):
                    inline_call(op, callee)
