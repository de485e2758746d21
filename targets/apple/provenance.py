"""Pointer provenance: every pointer of a kernel must point into one array argument, known at compile time.

Vulkan binds each array argument as its own storage buffer, and logical addressing cannot choose a buffer at
run time; logical.py then follows each pointer to its buffer. This pass finds, on pantile's IR after inlining,
the argument every pointer value derives from (through pointer arithmetic, splats and layout changes,
`tl.where`, loops and ifs), and refuses a value that can come from two arguments at the user's line.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pantile.ir import Module, PointerType
from pantile.ir.core import Operation, Value
from pantile.passes.manager import AnalysisManager, DiagnosticError, Pass
from pantile.targets.kernel_args import arg_specs, kernel_function

WHAT = {"scf.for": "a loop carries a pointer that", "scf.while": "a loop carries a pointer that",
        "scf.if": "an if gives a pointer that"}


def _is_pointer(v: Value) -> bool:
    return isinstance(v.type.scalar, PointerType)


def _edges(op: Operation) -> list[tuple[Value, Value, Operation]]:
    """(target, source, op to blame) pairs: the target points into whatever the source points into."""
    out: list[tuple[Value, Value, Operation]] = []
    if op.name == "scf.for":
        body = op.regions[0].entry
        inits = op.operands[3:]
        yields = body.terminator.operands
        for i, init in enumerate(inits):
            for target in (body.args[1 + i], op.results[i]):
                out += [(target, init, op), (target, yields[i], op)]
    elif op.name == "scf.if":
        for region in op.regions:
            out += [(r, y, op) for r, y in zip(op.results, region.entry.terminator.operands)]
    elif op.name == "scf.while":
        before, after = op.regions[0].entry, op.regions[1].entry
        cond = before.terminator.operands[1:]
        for i, init in enumerate(op.operands):
            out += [(before.args[i], init, op), (before.args[i], after.terminator.operands[i], op)]
        for i, value in enumerate(cond):
            out += [(after.args[i], value, op), (op.results[i], value, op)]
    elif not op.regions:
        out += [(r, v, op) for r in op.results if _is_pointer(r) for v in op.operands if _is_pointer(v)]
    return [(t, s, o) for t, s, o in out if _is_pointer(t)]


@dataclass
class CheckPointerProvenance(Pass):
    """Refuse, at the user's line, a pointer that may point into more than one array argument."""

    name: ClassVar[str] = "check-pointer-provenance"
    arch: str = ""      # the target named in the error

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Raise DiagnosticError where a pointer value derives from two array arguments."""
        func = kernel_function(module)
        names = [spec.name for spec in arg_specs(func)]
        roots: dict[Value, set[int]] = {a: {i} for i, a in enumerate(func.regions[0].entry.args) if _is_pointer(a)}
        edges = [e for op in module.walk() for e in _edges(op)]
        changed = True
        while changed:
            changed = False
            for target, source, op in edges:
                new = roots.get(source, set()) - roots.setdefault(target, set())
                if not new:
                    continue
                roots[target] |= new
                changed = True
                if len(roots[target]) > 1:
                    raise DiagnosticError(op.loc, self._message(op, sorted(roots[target]), names))

    def _message(self, op: Operation, args: list[int], names: list[str]) -> str:
        what = WHAT.get(op.name, "this selects a pointer that")
        listed = " and ".join(f"'{names[i]}'" for i in args)
        return (f"{what} may point into {listed}; on {self.arch} each array argument is a separate storage buffer "
                "chosen at compile time, so a pointer must stay within one argument: select the loaded values "
                "instead (tl.where(c, tl.load(p), tl.load(q)))")
