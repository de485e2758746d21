"""The `check-bounds` pass (debug builds): a `pt.check_bounds` before every load, store and atomic.

The check names the kernel argument whose array the pointer was made from, found by following pointers
back through pointer arithmetic, views, selects, the values loops and ifs carry and the arguments and
results of calls the inliner kept; where they could come from several arguments or none (a pointer made
from an integer or loaded from memory) it names none and the target checks the access against every array
argument. A target that runs this pass lowers the check
with the arrays' extents it is given at launch (targets/cpu/bounds.py), before the access happens.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Optional

from pantile.ir import BlockType, Builder, Module, Operation, PointerType, Value

from .manager import AnalysisManager, Pass, register

UNKNOWN = -1
# Ops whose pointer results point into the array of their first operand.
_FOLLOW_FIRST = ("pt.addptr", "pt.splat", "pt.broadcast", "pt.expand_dims", "pt.reshape", "pt.permute",
                 "pt.bitcast", "pt.split", "pt.multiple_of", "pt.max_contiguous", "pt.max_constancy")
_MASK_OPERAND = {"pt.load": 1, "pt.store": 2, "pt.atomic_rmw": 2, "pt.atomic_load": 1, "pt.atomic_store": 2}
ACCESSES = ("pt.load", "pt.store", "pt.atomic_rmw", "pt.atomic_cas", "pt.atomic_load", "pt.atomic_store",
            "pt.atomic_poll")


def _is_pointer(v: Value) -> bool:
    return isinstance(v.type.scalar if isinstance(v.type, BlockType) else v.type, PointerType)


class Provenance:
    """Which kernel argument each pointer value of a module points into (UNKNOWN: several or none)."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.of: dict[Value, int] = {}
        functions = module.functions()
        for func in functions:
            if func.attributes.get("kernel"):
                for k, a in enumerate(func.regions[0].blocks[0].args):
                    self._join(a, k)
        self.changed = True
        while self.changed:            # loops and calls carry pointers: until no value learns of another argument
            self.changed = False
            for func in functions:
                self._block(func.regions[0].blocks[0])

    def get(self, v: Value) -> Optional[int]:
        """The argument index `v` points into, UNKNOWN, or None for a value that is no pointer."""
        return self.of.get(v)

    def _join(self, v: Value, p: Optional[int]) -> None:
        if p is None or not _is_pointer(v):
            return
        old = self.of.get(v)
        new = p if old is None or old == p else UNKNOWN
        if new != old:
            self.of[v] = new
            self.changed = True

    def _block(self, block) -> None:
        for op in block.ops:
            self._op(op)

    def _flow(self, targets, sources) -> None:
        for t, s in zip(targets, sources):
            self._join(t, self.get(s))

    def _op(self, op: Operation) -> None:
        name = op.name
        if name in _FOLLOW_FIRST:
            for r in op.results:
                self._join(r, self.get(op.operands[0]))
        elif name in ("pt.join", "pt.cat", "pt.select"):
            for v in op.operands[1:] if name == "pt.select" else op.operands:
                self._join(op.results[0], self.get(v))
        elif name == "scf.for":
            body = op.regions[0].blocks[0]
            self._flow(body.args[1:], op.operands[3:])
            self._block(body)
            self._flow(body.args[1:], body.terminator.operands)
            self._flow(op.results, body.args[1:])
        elif name == "scf.if":
            for region in op.regions:
                for block in region.blocks:
                    self._block(block)
                    self._flow(op.results, block.terminator.operands)
        elif name == "func.call":
            callee = self.module.lookup(op.attributes["callee"])
            if callee is not None:
                entry = callee.regions[0].blocks[0]
                self._flow(entry.args, op.operands)
                returns = [o for o in callee.walk() if o.name == "func.return"]
                for ret in returns:
                    self._flow(op.results, ret.operands)
        elif name == "scf.while":
            before, after = op.regions[0].blocks[0], op.regions[1].blocks[0]
            self._flow(before.args, op.operands)
            self._block(before)
            carried = before.terminator.operands[1:]
            self._flow(after.args, carried)
            self._flow(op.results, carried)
            self._block(after)
            self._flow(before.args, after.terminator.operands)
        else:
            for r in op.results:
                self._join(r, UNKNOWN)
            for region in op.regions:
                for block in region.blocks:
                    self._block(block)


def access_name(op: Operation) -> str:
    """How errors name the access `op` makes: load, store, atomic_add, atomic_cas ..."""
    if op.name == "pt.atomic_rmw":
        return f"atomic_{op.attributes['kind']}"
    return op.name[3:]


@register
@dataclass
class CheckBounds(Pass):
    """Insert a pt.check_bounds before every load, store and atomic (the ops in ACCESSES)."""

    name: ClassVar[str] = "check-bounds"

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Check every access of every function against the argument its pointer comes from."""
        provenance = Provenance(module)
        for func in module.functions():
            for op in list(func.walk()):
                if op.name not in ACCESSES:
                    continue
                ptr = op.operands[0]
                index = _MASK_OPERAND.get(op.name)
                mask = op.operands[index:index + 1] if index is not None else []
                arg = provenance.get(ptr)
                Builder.before_op(op).create("pt.check_bounds", [ptr, *mask], (),
                                             {"access": access_name(op), "arg": UNKNOWN if arg is None else arg})
