"""IR structure: values with use lists, operations, blocks, regions, modules."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional, Sequence

from .types import Type


@dataclass(frozen=True)
class Location:
    """A position in the user's source: file, line and column (1-based)."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


UNKNOWN_LOC = Location("-", 0, 0)


@dataclass(eq=False)
class Use:
    """One use of a value: the operand `index` of operation `owner`."""

    owner: "Operation"
    index: int


class Value:
    """An SSA value: an operation result or a block argument."""

    def __init__(self, type: Type) -> None:
        self.type = type
        # An insertion-ordered set (dict keys), so that dropping one use costs O(1) however many a
        # value has (a constant shared by thousands of ops).
        self.uses: dict[Use, None] = {}

    def replace_all_uses_with(self, other: "Value") -> None:
        """Point every use of self at `other`."""
        if other is self:
            return
        uses, self.uses = self.uses, {}
        for use in uses:
            use.owner.operands[use.index] = other
        other.uses.update(uses)

    @property
    def has_uses(self) -> bool:
        return bool(self.uses)

    @property
    def users(self) -> list["Operation"]:
        return [u.owner for u in self.uses]


class OpResult(Value):
    """Result number `index` of operation `owner`."""

    def __init__(self, type: Type, owner: "Operation", index: int) -> None:
        super().__init__(type)
        self.owner = owner
        self.index = index


class BlockArgument(Value):
    """Argument number `index` of block `owner`."""

    def __init__(self, type: Type, owner: "Block", index: int) -> None:
        super().__init__(type)
        self.owner = owner
        self.index = index


class Operation:
    """An operation: name, operands, results, attributes, regions, location."""

    def __init__(self, name: str, operands: Sequence[Value] = (), result_types: Sequence[Type] = (),
                 attributes: Optional[dict[str, Any]] = None, regions: Sequence["Region"] = (),
                 loc: Location = UNKNOWN_LOC) -> None:
        self.name = name
        self.operands: list[Value] = []
        self._operand_uses: list[Use] = []     # the Use held by each operand's value, by operand index
        for v in operands:
            self._add_operand(v)
        self.results = [OpResult(t, self, i) for i, t in enumerate(result_types)]
        self.attributes: dict[str, Any] = dict(attributes or {})
        self.regions: list[Region] = []
        for r in regions:
            self.add_region(r)
        self.loc = loc
        self.parent: Optional[Block] = None

    # operands -------------------------------------------------------------
    def _add_operand(self, v: Value) -> None:
        if not isinstance(v, Value):
            raise TypeError(f"operand of {self.name} must be a Value, got {type(v).__name__}")
        use = Use(self, len(self.operands))
        v.uses[use] = None
        self.operands.append(v)
        self._operand_uses.append(use)

    def set_operand(self, index: int, v: Value) -> None:
        """Replace operand `index` with `v`, keeping use lists right."""
        use = self._operand_uses[index]
        del self.operands[index].uses[use]
        self.operands[index] = v
        v.uses[use] = None

    def set_operands(self, values: Sequence[Value]) -> None:
        """Replace the whole operand list."""
        self.drop_operands()
        for v in values:
            self._add_operand(v)

    def drop_operands(self) -> None:
        """Remove every operand (and the uses they hold)."""
        for old, use in zip(self.operands, self._operand_uses):
            del old.uses[use]
        self.operands = []
        self._operand_uses = []

    # regions --------------------------------------------------------------
    def add_region(self, region: "Region") -> "Region":
        region.parent = self
        self.regions.append(region)
        return region

    # convenience ----------------------------------------------------------
    @property
    def result(self) -> OpResult:
        """The single result."""
        if len(self.results) != 1:
            raise ValueError(f"{self.name} has {len(self.results)} results, not 1")
        return self.results[0]

    @property
    def parent_op(self) -> Optional["Operation"]:
        """The operation whose region holds this one."""
        if self.parent is None or self.parent.parent is None:
            return None
        return self.parent.parent.parent

    @property
    def opdef(self):
        """The registered definition of this op (see ir.ops)."""
        from .ops import lookup
        return lookup(self.name)

    def __getattr__(self, attr: str) -> Any:
        # Only reached when normal lookup fails: the op's declared operand and result names
        # (`op.lhs`, `load.mask`, `dot.acc`), generated by ir.ops.define.
        name = self.__dict__.get("name")
        if name is not None and not attr.startswith("_"):
            from .ops import accessor
            get = accessor(name, attr)
            if get is not None:
                return get(self)
        raise AttributeError(f"{type(self).__name__} {name or ''} has no attribute or declared operand "
                             f"or result {attr!r}")

    def walk(self) -> Iterator["Operation"]:
        """This op, then every op nested in its regions (pre-order)."""
        yield self
        for r in self.regions:
            for b in r.blocks:
                for op in list(b.ops):
                    yield from op.walk()

    def is_ancestor_of(self, other: "Operation") -> bool:
        """True when `other` is nested (at any depth) inside this op."""
        p = other.parent_op
        while p is not None:
            if p is self:
                return True
            p = p.parent_op
        return False

    def erase(self) -> None:
        """Remove from the parent block; results must have no uses."""
        erase_ops([self])

    def detach(self) -> "Operation":
        """Remove from the parent block without touching operands or uses."""
        if self.parent is not None:
            self.parent.ops.remove(self)
            self.parent = None
        return self

    def move_before(self, other: "Operation") -> None:
        """Move this op just before `other` (in any block)."""
        self.detach()
        blk = other.parent
        blk.ops.insert(blk.ops.index(other), self)
        self.parent = blk

    def clone(self, value_map: Optional[dict[Value, Value]] = None) -> "Operation":
        """A deep copy; operands are remapped through `value_map` (updated with the results)."""
        vm = value_map if value_map is not None else {}
        new = Operation(self.name, [vm.get(v, v) for v in self.operands],
                        [r.type for r in self.results], dict(self.attributes), (), self.loc)
        for r in self.regions:
            new.add_region(r.clone(vm))
        for old, nr in zip(self.results, new.results):
            vm[old] = nr
        return new

    def __repr__(self) -> str:
        return f"<Operation {self.name} at {self.loc}>"


def erase_ops(ops: Sequence[Operation]) -> None:
    """Remove `ops` (their results unused) from their blocks, each block's list rebuilt once: removing them one
    at a time scans the block for each, quadratic in a long kernel."""
    doomed: dict[int, tuple["Block", set[int]]] = {}
    for op in ops:
        for r in op.results:
            if r.uses:
                raise ValueError(f"cannot erase {op.name}: result still used")
        for inner in list(op.walk())[::-1]:
            inner.drop_operands()
        if op.parent is not None:
            doomed.setdefault(id(op.parent), (op.parent, set()))[1].add(id(op))
            op.parent = None
    for block, ids in doomed.values():
        block.ops = [o for o in block.ops if id(o) not in ids]


class Block:
    """A list of operations with typed block arguments."""

    def __init__(self, arg_types: Sequence[Type] = ()) -> None:
        self.args: list[BlockArgument] = [BlockArgument(t, self, i) for i, t in enumerate(arg_types)]
        self.ops: list[Operation] = []
        self.parent: Optional[Region] = None

    def add_arg(self, t: Type) -> BlockArgument:
        a = BlockArgument(t, self, len(self.args))
        self.args.append(a)
        return a

    def erase_arg(self, index: int) -> None:
        """Remove an unused argument and renumber the rest."""
        if self.args[index].uses:
            raise ValueError("cannot erase a block argument that is still used")
        del self.args[index]
        for i, a in enumerate(self.args):
            a.index = i

    def append(self, op: Operation) -> Operation:
        op.parent = self
        self.ops.append(op)
        return op

    def insert(self, index: int, op: Operation) -> Operation:
        op.parent = self
        self.ops.insert(index, op)
        return op

    @property
    def terminator(self) -> Optional[Operation]:
        return self.ops[-1] if self.ops else None

    @property
    def parent_op(self) -> Optional[Operation]:
        return self.parent.parent if self.parent is not None else None

    def clone_into(self, region: "Region", vm: dict[Value, Value]) -> "Block":
        nb = Block([a.type for a in self.args])
        for a, na in zip(self.args, nb.args):
            vm[a] = na
        region.append(nb)
        for op in self.ops:
            nb.append(op.clone(vm))
        return nb


class Region:
    """A list of blocks owned by an operation (one block under structured control flow)."""

    def __init__(self, blocks: Sequence[Block] = ()) -> None:
        self.blocks: list[Block] = []
        self.parent: Optional[Operation] = None
        for b in blocks:
            self.append(b)

    def append(self, b: Block) -> Block:
        b.parent = self
        self.blocks.append(b)
        return b

    @property
    def entry(self) -> Block:
        return self.blocks[0]

    def clone(self, vm: dict[Value, Value]) -> "Region":
        r = Region()
        for b in self.blocks:
            b.clone_into(r, vm)
        return r


class Module:
    """A list of top-level operations (func.func) plus free-form attributes."""

    def __init__(self, ops: Sequence[Operation] = ()) -> None:
        self.body = Block()
        self.attributes: dict[str, Any] = {}
        for op in ops:
            self.body.append(op)

    @property
    def ops(self) -> list[Operation]:
        return self.body.ops

    def walk(self) -> Iterator[Operation]:
        for op in list(self.body.ops):
            yield from op.walk()

    def functions(self) -> list[Operation]:
        return [op for op in self.body.ops if op.name == "func.func"]

    def lookup(self, sym_name: str) -> Optional[Operation]:
        for op in self.body.ops:
            if op.attributes.get("sym_name") == sym_name:
                return op
        return None

    def clone(self) -> "Module":
        vm: dict[Value, Value] = {}
        m = Module([op.clone(vm) for op in self.body.ops])
        m.attributes = dict(self.attributes)
        return m

    def __str__(self) -> str:
        from .printer import print_module
        return print_module(self)
