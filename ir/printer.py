"""Text form: MLIR-like generic syntax; `ir.parser` reads back exactly what this prints.

    %2 = "pt.add"(%0, %1) : (i32, i32) -> i32 loc("k.py":3:10)

Values are numbered %0, %1, ... in print order within each top-level op;
blocks are labelled ^bb0, ^bb1, ... within their region; attributes are
sorted by name; sequences print as [..], dictionaries as {k = v}, types as !T.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from .core import UNKNOWN_LOC, Block, Module, Operation, Value
from .types import Type


class Namer:
    """Assigns %N names to values in definition order."""

    def __init__(self) -> None:
        self.names: dict[Value, str] = {}

    def define(self, v: Value) -> str:
        """The name of `v`, given a new number when it has none yet."""
        if v not in self.names:
            self.names[v] = f"%{len(self.names)}"
        return self.names[v]

    def __getitem__(self, v: Value) -> str:
        return self.names.get(v, "%<undefined>")

    def number(self, op: Operation) -> "Namer":
        """Name every value defined in `op` in print order (results before regions), as Printer does."""
        for res in op.results:
            self.define(res)
        for r in op.regions:
            for b in r.blocks:
                for a in b.args:
                    self.define(a)
                for inner in b.ops:
                    self.number(inner)
        return self


def format_attr(v: Any) -> str:
    """The text of one attribute value."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, Type):
        return f"!{v}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(format_attr(x) for x in v) + "]"
    if isinstance(v, dict):
        return format_attr_dict(v)
    raise TypeError(f"cannot print attribute value {v!r}")


def format_attr_dict(d: dict) -> str:
    return "{" + ", ".join(f"{k} = {format_attr(d[k])}" for k in sorted(d)) + "}"


def format_loc(op: Operation) -> str:
    if op.loc == UNKNOWN_LOC:
        return ""
    return f" loc({json.dumps(op.loc.file)}:{op.loc.line}:{op.loc.col})"


def _sig(op: Operation) -> str:
    ins = "(" + ", ".join(str(v.type) for v in op.operands) + ")"
    outs = [str(r.type) for r in op.results]
    out = outs[0] if len(outs) == 1 else "(" + ", ".join(outs) + ")"
    return f"{ins} -> {out}"


class Printer:
    """Prints operations with a shared value numbering."""

    def __init__(self, namer: Optional[Namer] = None) -> None:
        self.namer = namer or Namer()
        self.lines: list[str] = []

    def op(self, op: Operation, indent: int = 0) -> None:
        pad = "  " * indent
        results = ""
        if op.results:
            names = [self.namer.define(r) for r in op.results]
            results = ", ".join(names) + " = "
        operands = ", ".join(self.namer[v] for v in op.operands)
        head = f'{pad}{results}"{op.name}"({operands})'
        if not op.regions:
            self.lines.append(head + self._tail(op))
            return
        self.lines.append(head + " ({")
        for i, region in enumerate(op.regions):
            if i:
                self.lines.append(pad + "}, {")
            for bi, block in enumerate(region.blocks):
                self.block(block, bi, indent)
        self.lines.append(pad + "})" + self._tail(op))

    def _tail(self, op: Operation) -> str:
        attrs = f" {format_attr_dict(op.attributes)}" if op.attributes else ""
        return f"{attrs} : {_sig(op)}{format_loc(op)}"

    def block(self, block: Block, index: int, indent: int) -> None:
        pad = "  " * indent
        args = ", ".join(f"{self.namer.define(a)}: {a.type}" for a in block.args)
        self.lines.append(f"{pad}^bb{index}" + (f"({args})" if block.args else "") + ":")
        for inner in block.ops:
            self.op(inner, indent + 1)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def print_module(module: Module) -> str:
    """The whole module: its top-level ops, each numbered from %0."""
    out = []
    for op in module.ops:
        p = Printer()
        p.op(op)
        out.append(p.text())
    return "".join(out)


def print_op(op: Operation) -> str:
    """One op (with its regions), named as it is in its enclosing top-level op."""
    top = op
    while top.parent_op is not None:
        top = top.parent_op
    p = Printer(Namer().number(top) if top is not op else Namer())
    p.op(op)
    return p.text().rstrip("\n")
