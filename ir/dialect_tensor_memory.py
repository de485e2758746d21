"""Block pointers and tensor descriptors: tiles of a strided tensor in global memory, declared as data.

A block pointer (`ptr<block<B x T>>`, Triton's `tt.make_tensor_ptr`) holds a base pointer, the tensor's
shape and strides (i64) and the tile's offsets (i32); `pt.advance` moves the offsets. A tensor descriptor
(`tensordesc<block<B x T>>`, Triton's `tt.make_tensor_descriptor`) holds a base pointer, the shape (i32)
and strides (i64); each load and store names the tile's offsets.

Semantics every target implements: element (i0, .., in) of the tile lives at base + sum((offset_d + i_d) *
stride_d). `pt.block_load`/`pt.block_store` check bounds (0 <= offset_d + i_d < shape_d) only on the
dimensions listed in `boundary_check`: a load gives `padding` there ('zero' or 'nan'; undefined without
it), a store skips them. `pt.desc_load`/`pt.desc_store`/`pt.desc_atomic` check every dimension; a load
gives the descriptor's padding. The target-neutral pass `lower-tensor-memory` rewrites all of them into
`pt.load`/`pt.store` with masks; a target with tile-copy hardware may lower them itself instead.
"""
from __future__ import annotations

from .dialect_pt import RMW_KINDS
from .ops import ANY, INT, NUMERIC, PTR, READS, PURE, VALUE, WRITES, Attr, Operand, Result, define
from .types import BlockType, PointerType, ScalarType, TensorDescType, Type, block_pointee

PADDING = ("zero", "nan")
_I32, _I64 = ScalarType("i32"), ScalarType("i64")


def tile_of(t: Type) -> BlockType | None:
    """The tile a block pointer or tensor descriptor type moves, or None for other types."""
    return t.block if isinstance(t, TensorDescType) else block_pointee(t)


def part_types(t: Type) -> list[Type] | None:
    """The runtime parts a block pointer or descriptor type stands for, in order: base pointer, shape, strides
    and (block pointers only) offsets; None for any other type. A lowering that expands such values into
    parts, and a kernel argument that arrives as parts, use this order."""
    tile = tile_of(t)
    if tile is None:
        return None
    rank = len(tile.dims)
    if isinstance(t, TensorDescType):
        return [PointerType(tile.element)] + [_I32] * rank + [_I64] * rank
    return [PointerType(tile.element, t.addrspace)] + [_I64] * (2 * rank) + [_I32] * rank


def check_parts(values, groups: list[tuple[str, Type]], rank: int) -> str | None:
    """`values` must be `rank` scalars of each (name, type) group in turn."""
    if len(values) != rank * len(groups):
        names = ", ".join(name for name, _ in groups)
        return f"expects {rank} values each for {names} (rank {rank}), got {len(values)} in all"
    for g, (name, t) in enumerate(groups):
        for d, v in enumerate(values[g * rank:(g + 1) * rank]):
            if v.type != t:
                return f"{name}[{d}] must be {t}, got {v.type}"
    return None


def check_base(base, tile: BlockType) -> str | None:
    """`base` must point to the tile's element type."""
    if base.type != PointerType(tile.element, base.type.addrspace):
        return f"base must be a pointer to {tile.element}, got {base.type}"
    return None


def _check_dims(op, name: str, rank: int) -> str | None:
    dims = list(op.attributes.get(name, ()))
    if len(set(dims)) != len(dims) or any(not 0 <= d < rank for d in dims):
        return f"{name} {dims} must list distinct dimensions of a rank-{rank} tile"
    return None


def _verify_make_block_ptr(op) -> str | None:
    tile = block_pointee(op.results[0].type)
    if tile is None:
        return "result must be a block pointer ptr<block<...>>"
    rank = len(tile.dims)
    base, *parts = op.operands
    order = sorted(op.attributes["order"])
    if order != list(range(rank)):
        return f"order {list(op.attributes['order'])} is not a permutation of {rank} dimensions"
    return check_base(base, tile) or check_parts(parts, [("shape", _I64), ("strides", _I64), ("offsets", _I32)],
                                                   rank)


def _verify_advance(op) -> str | None:
    ptr, *offsets = op.operands
    tile = block_pointee(ptr.type)
    if tile is None or op.results[0].type != ptr.type:
        return "operand and result must be the same block pointer type"
    return check_parts(offsets, [("offsets", _I32)], len(tile.dims))


def _verify_block_load(op) -> str | None:
    tile = block_pointee(op.operands[0].type)
    if tile is None:
        return "operand must be a block pointer"
    if op.results[0].type != tile:
        return f"result must be {tile}"
    if op.attributes.get("padding") and not op.attributes.get("boundary_check"):
        return "padding needs boundary_check"
    return _check_dims(op, "boundary_check", len(tile.dims))


def _verify_block_store(op) -> str | None:
    ptr, value = op.operands
    tile = block_pointee(ptr.type)
    if tile is None:
        return "operand must be a block pointer"
    if value.type != tile:
        return f"stored value must be {tile}"
    return _check_dims(op, "boundary_check", len(tile.dims))


def _verify_make_desc(op) -> str | None:
    t = op.results[0].type
    if not isinstance(t, TensorDescType):
        return "result must be a tensordesc"
    base, *parts = op.operands
    return check_base(base, t.block) or check_parts(parts, [("shape", _I32), ("strides", _I64)],
                                                      len(t.block.dims))


def _verify_desc_load(op) -> str | None:
    desc, *offsets = op.operands
    if not isinstance(desc.type, TensorDescType):
        return "operand must be a tensordesc"
    if op.results[0].type != desc.type.block:
        return f"result must be {desc.type.block}"
    return check_parts(offsets, [("offsets", _I32)], len(desc.type.block.dims))


def _verify_desc_store(op) -> str | None:
    desc, value, *offsets = op.operands
    if not isinstance(desc.type, TensorDescType):
        return "operand must be a tensordesc"
    if value.type != desc.type.block:
        return f"stored value must be {desc.type.block}"
    return check_parts(offsets, [("offsets", _I32)], len(desc.type.block.dims))


_MEM_ATTRS = {"cache": Attr("str", required=False, choices=("", "ca", "cg", "cv")),
              "evict": Attr("str", required=False, choices=("", "evict_normal", "evict_first", "evict_last"))}
_CHECK = {"boundary_check": Attr("ints", required=False)}

define("pt.make_block_ptr", operands=(Operand("base", PTR), Operand("parts", INT, "variadic")),
       results=(Result("result", ANY),), attributes={"order": Attr("ints")}, traits=(PURE,),
       verify=_verify_make_block_ptr, doc="block pointer from base, shape..., strides..., offsets...")
define("pt.advance", operands=(Operand("ptr", ANY), Operand("offsets", INT, "variadic")),
       results=(Result("result", ANY),), traits=(PURE,), verify=_verify_advance,
       doc="the block pointer moved by offsets (one per dimension)")
define("pt.block_load", operands=(Operand("ptr", ANY),), results=(Result("result", VALUE),),
       attributes={**_MEM_ATTRS, **_CHECK, "padding": Attr("str", required=False, choices=PADDING),
                   "volatile": Attr("bool", required=False)},
       traits=(READS,), verify=_verify_block_load, doc="load the tile a block pointer points to")
define("pt.block_store", operands=(Operand("ptr", ANY), Operand("value", VALUE)), attributes={**_MEM_ATTRS, **_CHECK},
       traits=(WRITES,), verify=_verify_block_store, doc="store a tile through a block pointer")
define("pt.make_tensor_desc", operands=(Operand("base", PTR), Operand("parts", INT, "variadic")),
       results=(Result("result", ANY),), attributes={"argument": Attr("str", required=False)}, traits=(PURE,),
       verify=_verify_make_desc,
       doc="tensor descriptor from base, shape..., strides... (`argument`: the kernel parameter it arrives as)")
define("pt.desc_load", operands=(Operand("desc", ANY), Operand("offsets", INT, "variadic")),
       results=(Result("result", VALUE),), traits=(READS,), verify=_verify_desc_load,
       doc="load the tile at offsets; elements outside the tensor are the descriptor's padding")
def _verify_desc_field(op) -> str | None:
    desc = op.operands[0].type
    if not isinstance(desc, TensorDescType):
        return "operand must be a tensordesc"
    field, dim = op.attributes["field"], op.attributes["dim"]
    if not 0 <= dim < len(desc.block.dims):
        return f"dim {dim} out of range for a rank-{len(desc.block.dims)} descriptor"
    want = _I32 if field == "shape" else _I64
    if op.results[0].type != want:
        return f"result must be {want}"
    return None


define("pt.desc_field", operands=(Operand("desc", ANY),), results=(Result("result", INT),),
       attributes={"field": Attr("str", choices=("shape", "strides")), "dim": Attr("int")}, traits=(PURE,),
       verify=_verify_desc_field, doc="one size (i32) or stride (i64) of the tensor a descriptor describes")
define("pt.desc_atomic",
       operands=(Operand("desc", ANY), Operand("value", NUMERIC), Operand("offsets", INT, "variadic")),
       attributes={"kind": Attr("str", choices=RMW_KINDS)}, traits=(READS, WRITES), verify=_verify_desc_store,
       doc="atomic read-modify-write (relaxed, gpu scope) of the tile at offsets; elements outside are skipped")
define("pt.desc_store", operands=(Operand("desc", ANY), Operand("value", VALUE), Operand("offsets", INT, "variadic")),
       traits=(WRITES,), verify=_verify_desc_store, doc="store the tile at offsets; elements outside are dropped")

__all__ = ["PADDING", "check_base", "check_parts", "part_types", "tile_of"]
