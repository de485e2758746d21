"""The `lower-tensor-memory` pass: block pointers and tensor descriptors to masked `pt.load`/`pt.store`.

Every value of a block-pointer or tensor-descriptor type is replaced by its parts (base pointer, shape,
strides and, for block pointers, offsets), also where scf.for, scf.if and scf.while carry it; each tile
access becomes a block of pointers base + sum((offset_d + i_d) * stride_d), computed in i64, with a mask
over the dimensions it checks. This works on every target.

A target with tile-copy hardware (TMA) runs it with `keep_copyable_tiles`: a 2-D `pt.desc_load` of a
descriptor the kernel takes as an argument (its `pt.make_tensor_desc` names the parameter) or makes once per
program (a `pt.make_tensor_desc` at the top level of the kernel), and a 2-D `pt.desc_store` of a descriptor
argument, then stay, so that the target can copy the tile whole (a load in its pipelining, a store from shared
memory); the target lowers the accesses it does not copy with `lower_kept_tiles`, as this pass would have.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar, Optional, Sequence

from pantile.ir import BlockArgument, BlockType, Builder, Module, Operation, ScalarType, TensorDescType, Type, Value
from pantile.ir.core import Block
from pantile.ir.dialect_tensor_memory import part_types, tile_of

from .manager import AnalysisManager, DiagnosticError, Pass, register

_I1, _I32, _I64 = ScalarType("i1"), ScalarType("i32"), ScalarType("i64")


@dataclass
class Parts:
    """The runtime parts of a block pointer or tensor descriptor."""

    base: Value
    shape: list[Value]
    strides: list[Value]
    offsets: list[Value]                  # empty for a tensor descriptor

    def flat(self) -> list[Value]:
        """The parts in the order part_types gives."""
        return [self.base, *self.shape, *self.strides, *self.offsets]


def from_flat(t: Type, values: Sequence[Value]) -> Parts:
    """Parts of type `t` from values in part_types order."""
    rank = len(tile_of(t).dims)
    base, rest = values[0], list(values[1:])
    offsets = [] if isinstance(t, TensorDescType) else rest[2 * rank:]
    return Parts(base, rest[:rank], rest[rank:2 * rank], offsets)


class _Lowering:
    """One run over a module: the parts of every rewritten value, and the ops to remove at the end."""

    def __init__(self, keep_copyable_tiles: bool = False) -> None:
        self.parts: dict[Value, Parts] = {}
        self.dead: list[Operation] = []
        self.keep_copyable_tiles = keep_copyable_tiles
        self.kept: set[Operation] = set()      # descriptors of the accesses kept, kept with them

    def keeps(self, op: Operation) -> bool:
        """Whether `op` stays: a kept tile access (is_copyable_tile), when such accesses are kept."""
        return self.keep_copyable_tiles and is_copyable_tile(op)

    # values ----------------------------------------------------------------------------------
    def flat(self, values: Sequence[Value]) -> list[Value]:
        """`values` with every block pointer or descriptor replaced by its parts."""
        out: list[Value] = []
        for v in values:
            out.extend(self.parts[v].flat() if tile_of(v.type) is not None else [v])
        return out

    def bind_results(self, old: Sequence[Value], new: Sequence[Value]) -> None:
        """Map the results of a replaced op to the flattened results of its replacement."""
        i = 0
        for v in old:
            types = part_types(v.type)
            if types is None:
                v.replace_all_uses_with(new[i])
                i += 1
            else:
                self.parts[v] = from_flat(v.type, new[i:i + len(types)])
                i += len(types)

    def expand_args(self, block: Block) -> None:
        """Replace each block-pointer or descriptor argument of `block` by arguments for its parts."""
        args: list[BlockArgument] = []
        for a in block.args:
            types = part_types(a.type)
            if types is None:
                args.append(a)
                continue
            new = [BlockArgument(t, block, 0) for t in types]
            self.parts[a] = from_flat(a.type, new)
            args.extend(new)
        for i, a in enumerate(args):
            a.index = i
        block.args = args

    # ops -------------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        """Lower every op of `block`, nested regions included."""
        for op in list(block.ops):
            self.op(op)

    def op(self, op: Operation) -> None:
        rule = _RULES.get(op.name)
        if self.keeps(op) or op.name == "pt.async_tile_copy":     # a target's tile copy keeps its descriptor
            self.kept.add(op.operands[0].owner)
        elif rule is not None:
            rule(self, op, Builder.before_op(op))
            self.dead.append(op)
        elif op.name in ("scf.for", "scf.if", "scf.while"):
            self.control_flow(op)
        elif op.name in ("scf.yield", "scf.condition"):
            op.set_operands(self.flat(op.operands))
        else:
            if any(tile_of(v.type) is not None for v in [*op.operands, *op.results]):
                raise DiagnosticError(op.loc, f"a block pointer or tensor descriptor cannot be used by {op.name}; "
                                              "pass it only to functions that are inlined (remove noinline=True)")
            for r in op.regions:
                for b in r.blocks:
                    self.block(b)

    def control_flow(self, op: Operation) -> None:
        """Rebuild a structured control-flow op carrying parts instead of block pointers and descriptors."""
        for r in op.regions:
            self.expand_args(r.entry)
            self.block(r.entry)
        regions, op.regions = op.regions, []
        types = [t for r in op.results for t in (part_types(r.type) or [r.type])]
        new = Operation(op.name, self.flat(op.operands), types, op.attributes, regions, op.loc)
        Builder.before_op(op).insert(new)
        self.bind_results(op.results, new.results)
        self.dead.append(op)

    # tiles -----------------------------------------------------------------------------------
    def tile(self, b: Builder, parts: Parts, offsets: Sequence[Value], tile: BlockType,
             checked: Sequence[int]) -> tuple[Value, Optional[Value]]:
        """The block of element pointers of the tile at `offsets`, and the mask of its in-bounds elements
        over the `checked` dimensions (None when none is checked).

        The tile's corner is a scalar (base + sum(offset_d * stride_d)) and each element's place in the tile
        a block (i_d * stride_d) that does not depend on the offsets; the checks compare i_d with the scalars
        -offset_d and shape_d - offset_d. So where the offsets change in a loop, only scalars change and the
        blocks stay loop-invariant (hoisted by licm)."""
        dims, rank = tile.dims, len(tile.dims)
        corner = parts.base
        for d in range(rank):
            step = b.value("pt.mul", [_to_i64(b, offsets[d]), _to_i64(b, parts.strides[d])], _I64)
            corner = b.value("pt.addptr", [corner, step], corner.type)
        mask = place = None
        for d in range(rank):
            shape_d = tuple(n if k == d else 1 for k, n in enumerate(dims))
            index = _along(b, _range64(b, dims[d]), d, rank)
            step = _broadcast(b, b.value("pt.mul", [index, _splat(b, _to_i64(b, parts.strides[d]), shape_d)],
                                         index.type), dims)
            place = step if place is None else _add(b, place, step)
            if d in checked:
                offset = _to_i64(b, offsets[d])
                low = b.value("pt.neg", [offset], _I64)
                high = b.value("pt.sub", [_to_i64(b, parts.shape[d]), offset], _I64)
                inside = b.value("pt.and", [_cmp(b, "ge", index, _splat(b, low, shape_d)),
                                            _cmp(b, "lt", index, _splat(b, high, shape_d))], BlockType(shape_d, _I1))
                inside = _broadcast(b, inside, dims)
                mask = inside if mask is None else b.value("pt.and", [mask, inside], inside.type)
        ptrs = b.value("pt.splat", [corner], BlockType(dims, corner.type))
        return b.value("pt.addptr", [ptrs, place], ptrs.type), mask

    def load(self, op: Operation, b: Builder, parts: Parts, offsets: Sequence[Value], checked: Sequence[int],
             padding: Optional[str]) -> None:
        tile = op.result.type
        ptrs, mask = self.tile(b, parts, offsets, tile, checked)
        operands = [ptrs]
        if mask is not None:
            operands.append(mask)
            if padding:
                value = float("nan") if padding == "nan" else 0
                operands.append(b.value("pt.constant", [], tile, value=value))
        attrs = {k: op.attributes[k] for k in ("cache", "evict", "volatile") if op.attributes.get(k)}
        op.result.replace_all_uses_with(b.create("pt.load", operands, [tile], attrs).result)

    def store(self, op: Operation, b: Builder, parts: Parts, value: Value, offsets: Sequence[Value],
              checked: Sequence[int]) -> None:
        ptrs, mask = self.tile(b, parts, offsets, value.type, checked)
        mask = [mask] if mask is not None else []
        if op.name == "pt.desc_atomic":
            b.create("pt.atomic_rmw", [ptrs, value, *mask], [value.type],
                     {"kind": op.attributes["kind"], "sem": "relaxed", "scope": "gpu"})
            return
        attrs = {k: op.attributes[k] for k in ("cache", "evict") if op.attributes.get(k)}
        b.create("pt.store", [ptrs, value, *mask], [], attrs)


# helpers that build index arithmetic --------------------------------------------------------------
def _to_i64(b: Builder, v: Value) -> Value:
    return v if v.type == _I64 else b.value("pt.cast", [v], _I64)


def _splat(b: Builder, v: Value, shape: tuple[int, ...]) -> Value:
    return b.value("pt.splat", [v], BlockType(shape, v.type))


def _range64(b: Builder, n: int) -> Value:
    r = b.value("pt.make_range", [], BlockType((n,), _I32), start=0, end=n)
    return b.value("pt.cast", [r], BlockType((n,), _I64))


def _add(b: Builder, x: Value, y: Value) -> Value:
    return b.value("pt.add", [x, y], x.type)


def _cmp(b: Builder, predicate: str, x: Value, y: Value) -> Value:
    return b.value("pt.cmp", [x, y], BlockType(x.type.shape, _I1), predicate=predicate)


def _along(b: Builder, v: Value, d: int, rank: int) -> Value:
    """A rank-1 block as dimension `d` of a rank-`rank` block (size 1 elsewhere)."""
    for axis in [0] * d + list(range(d + 1, rank)):
        shape = v.type.shape[:axis] + (1,) + v.type.shape[axis:]
        v = b.value("pt.expand_dims", [v], BlockType(shape, v.type.scalar), axis=axis)
    return v


def _broadcast(b: Builder, v: Value, dims: tuple[int, ...]) -> Value:
    return v if v.type.shape == dims else b.value("pt.broadcast", [v], BlockType(dims, v.type.scalar))


# one rule per op ----------------------------------------------------------------------------------
def _make_block_ptr(lw: _Lowering, op: Operation, b: Builder) -> None:
    lw.parts[op.result] = from_flat(op.result.type, [op.base, *op.parts])


def _advance(lw: _Lowering, op: Operation, b: Builder) -> None:
    p = lw.parts[op.ptr]
    lw.parts[op.result] = Parts(p.base, p.shape, p.strides, [_add(b, o, d) for o, d in zip(p.offsets, op.offsets)])


def _block_load(lw: _Lowering, op: Operation, b: Builder) -> None:
    p = lw.parts[op.ptr]
    lw.load(op, b, p, p.offsets, op.attributes.get("boundary_check", ()), op.attributes.get("padding"))


def _block_store(lw: _Lowering, op: Operation, b: Builder) -> None:
    p = lw.parts[op.ptr]
    lw.store(op, b, p, op.value, p.offsets, op.attributes.get("boundary_check", ()))


def _desc_load(lw: _Lowering, op: Operation, b: Builder) -> None:
    lw.load(op, b, lw.parts[op.desc], op.offsets, range(len(op.offsets)), op.desc.type.padding)


def _desc_store(lw: _Lowering, op: Operation, b: Builder) -> None:
    lw.store(op, b, lw.parts[op.desc], op.value, op.offsets, range(len(op.offsets)))


def _desc_field(lw: _Lowering, op: Operation, b: Builder) -> None:
    p = lw.parts[op.desc]
    op.result.replace_all_uses_with(getattr(p, op.attributes["field"])[op.attributes["dim"]])


_RULES: dict[str, Callable[[_Lowering, Operation, Builder], None]] = {
    "pt.make_block_ptr": _make_block_ptr, "pt.make_tensor_desc": _make_block_ptr, "pt.advance": _advance,
    "pt.block_load": _block_load, "pt.block_store": _block_store,
    "pt.desc_load": _desc_load, "pt.desc_store": _desc_store, "pt.desc_atomic": _desc_store,
    "pt.desc_field": _desc_field,
}


def argument_descriptor(desc: Value) -> Optional[Operation]:
    """The pt.make_tensor_desc of a descriptor the kernel takes as argument `desc` comes from, or None."""
    owner = getattr(desc, "owner", None)
    if isinstance(owner, Operation) and owner.name == "pt.make_tensor_desc" and owner.attributes.get("argument"):
        return owner
    return None


def copyable_descriptor(desc: Value) -> Optional[Operation]:
    """The pt.make_tensor_desc of a descriptor whose tiles a target may copy whole, or None: a kernel argument's,
    or one the kernel makes once per program (at the top level of its function, outside loops and branches)."""
    owner = getattr(desc, "owner", None)
    if not isinstance(owner, Operation) or owner.name != "pt.make_tensor_desc":
        return None
    parent = owner.parent_op
    return owner if owner.attributes.get("argument") or (parent is not None and parent.name == "func.func") \
        else None


def is_copyable_tile(op: Operation) -> bool:
    """True for a 2-D pt.desc_load of a copyable descriptor or a 2-D pt.desc_store of a descriptor argument: the
    accesses a target with tile copies may move whole (a store needs the host's tensor map)."""
    if op.name not in ("pt.desc_load", "pt.desc_store") or len(op.offsets) != 2:
        return False
    return (copyable_descriptor if op.name == "pt.desc_load" else argument_descriptor)(op.desc) is not None


def lower_kept_tiles(module: Module, keep: Callable[[Operation], bool] = lambda op: False) -> None:
    """Lower the tile accesses `lower-tensor-memory{keep_copyable_tiles}` kept, but those `keep` says stay, and
    the descriptors no access uses any more."""
    lw = _Lowering()
    makes = set()
    for op in list(module.walk()):
        if is_copyable_tile(op) and not keep(op):
            make = op.desc.owner
            if make.result not in lw.parts:
                lw.parts[make.result] = from_flat(make.result.type, [make.base, *make.parts])
            _RULES[op.name](lw, op, Builder.before_op(op))
            op.erase()
            makes.add(make)
    for make in makes:
        if not make.result.uses:
            make.erase()


@register
@dataclass
class LowerTensorMemory(Pass):
    """Rewrites block pointers and tensor descriptors into masked loads and stores through pointer blocks."""

    name: ClassVar[str] = "lower-tensor-memory"

    keep_copyable_tiles: bool = False      # keep the 2-D tile accesses is_copyable_tile names (tile copies)

    def apply(self, module: Module, analyses: AnalysisManager) -> None:
        """Lower every function of `module`."""
        lw = _Lowering(self.keep_copyable_tiles)
        called = {op.attributes["callee"] for op in module.walk() if op.name == "func.call"}
        for func in module.functions():
            entry = func.regions[0].entry
            signature = func.attributes["function_type"]
            if any(tile_of(t) is not None for t in (*signature.inputs, *signature.results)):
                # Every call of it was inlined (a call left would be reported below): nothing can reach it.
                if func.attributes["sym_name"] not in called:
                    lw.dead.append(func)
                continue
            lw.block(entry)
        for op in reversed(lw.dead):
            if op in lw.kept:
                continue
            for inner in op.walk():
                inner.drop_operands()
            op.detach()


__all__ = ["LowerTensorMemory", "Parts", "argument_descriptor", "copyable_descriptor", "is_copyable_tile",
           "lower_kept_tiles"]
