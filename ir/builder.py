"""Builder: creates operations at an insertion point."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

from .core import UNKNOWN_LOC, Block, Location, Operation, Region, Value
from .types import Type


class Builder:
    """Inserts new operations into a block, before `before` or at the end."""

    def __init__(self, block: Optional[Block] = None, before: Optional[Operation] = None,
                 loc: Location = UNKNOWN_LOC) -> None:
        self.block = block
        self.before = before
        self.loc = loc

    @classmethod
    def at_end(cls, block: Block, loc: Location = UNKNOWN_LOC) -> "Builder":
        return cls(block, None, loc)

    @classmethod
    def before_op(cls, op: Operation, loc: Optional[Location] = None) -> "Builder":
        return cls(op.parent, op, loc if loc is not None else op.loc)

    def insert(self, op: Operation) -> Operation:
        """Insert an existing (detached) operation at the insertion point."""
        if self.before is not None:
            self.block.insert(self.block.ops.index(self.before), op)
        else:
            self.block.append(op)
        return op

    def create(self, name: str, operands: Sequence[Value] = (), result_types: Sequence[Type] = (),
               attributes: Optional[dict[str, Any]] = None, regions: Sequence[Region] = (),
               loc: Optional[Location] = None) -> Operation:
        """Create op `name` at the insertion point and return it."""
        op = Operation(name, operands, result_types, attributes, regions, loc if loc is not None else self.loc)
        return self.insert(op)

    def value(self, name: str, operands: Sequence[Value], result_type: Type, **attributes: Any) -> Value:
        """Create a single-result op and return its result."""
        return self.create(name, operands, [result_type], attributes).result

    def constant(self, value: Any, type: Type) -> Value:
        return self.value("pt.constant", [], type, value=value)

    @contextmanager
    def at(self, block: Block, before: Optional[Operation] = None) -> Iterator["Builder"]:
        """Temporarily move the insertion point."""
        saved = self.block, self.before
        self.block, self.before = block, before
        try:
            yield self
        finally:
            self.block, self.before = saved

    @contextmanager
    def location(self, loc: Location) -> Iterator["Builder"]:
        saved = self.loc
        self.loc = loc
        try:
            yield self
        finally:
            self.loc = saved
