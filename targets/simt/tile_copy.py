"""Whole-tile copies of tensor descriptors (TMA on Hopper), into pipelining slots and out of shared memory: which
loads and stores a target copies, the box each copy moves, and the lowering of pt.tile_barriers_init,
pt.async_tile_copy, pt.tile_barrier_wait, pt.tile_barriers_release and pt.async_tile_store.

A tile is copied whole when the matrix instruction reading it wants it in one of the tile-copy unit's swizzle
modes (shared_layout.Swizzled.mode: blocks of one 32-, 64- or 128-byte swizzle row along the last dimension,
each block row-major), so that the unit writes it where the instruction reads it: one box of [rows, block]
per block. A tile the dots read transposed (a pt.permute [1, 0] its only user, as attention's Kᵀ) is copied
as it lies into a slot read column by column, where the instruction wants that (a K-major B). Elsewhere the
load stays an ordinary load of pointers (lower-tensor-memory), copied by pt.async_copy where it is pipelined,
as before: a tile no matrix instruction reads, a tensor the unit cannot address (a base or row stride that is
not a multiple of 16 bytes, an innermost stride other than 1), a tile whose first column is not proven a multiple
of 16 bytes into its row (the copy would be an illegal instruction), or
padding='nan' (TMA's NaN fill is named NAN_REQUEST_ZERO_FMA, and that the matrix products of it are NaN,
as the padding means, is not established).

A stored tile is written to shared memory in one of those swizzle modes, chosen once its layout is known
(`stored_placement`): the one whose writes from the registers cost the fewest shared-memory transactions,
the widest (fewest boxes) among equals. f16 accumulators of wgmma take the 128-byte swizzle, whose eight
phases spread a warp's eight rows over every bank; f32 ones the 32-byte swizzle, as in the 128- and 64-byte
ones each two of their rows would share banks. The boxes are copied out one by one; the unit drops what
lies outside the tensor, as a descriptor store does, but only in whole 16-byte chunks, and only for boxes that
start inside it (passes.GuardTileStores stores the others through pointers): a tensor whose rows are
not proven a multiple of 16 bytes long (a view of the first 70 of 80 f32 columns) would have the chunk that
straddles its last column written whole, so its tiles keep the store through pointers, as do rows narrower
than the 32-byte swizzle and tensors the unit cannot address. The rule of what the unit can address is the loads'
(`copied_box`), whichever way the tile goes.
"""
from __future__ import annotations

import math
from typing import Any, Optional

from llvmlite import ir as llir

from pantile.ir import BlockType, Operation, Value
from pantile.passes.pipeline_loads import transposed_by
from pantile.passes.rewrite import const_value
from pantile.passes.tensor_memory import copyable_descriptor, is_copyable_tile

from .async_copy import element_type, placement, slot_pointer
from .dot import chained, layouts_of
from .exchange import store_to_shared, vector_width
from .linear_layout import LinearLayout
from .shared_layout import LINE_BYTES, Swizzled, Transposed, wavefronts
from .values import memory_form, nbytes

I32 = llir.IntType(32)
I8 = llir.IntType(8)
BARRIER_BYTES = 8


def element_bytes(tile: BlockType) -> int:
    """Bytes of one element of `tile` in memory."""
    return max(1, tile.element.bitwidth // 8)


def box_of(place: Any) -> Optional[tuple[int, int]]:
    """(rows, block) of the boxes that fill a 2-D tile placed by `place`, when it is a swizzle mode of the
    tile-copy unit (of a Transposed placement: its stored tile, as copied); else None."""
    if isinstance(place, Transposed):
        place = place.stored
    if not isinstance(place, Swizzled) or len(place.shape) != 2:
        return None
    width_bytes = place.width * place.elem_bytes
    if width_bytes not in (32, 64, 128) or place != Swizzled.mode(place.shape, place.elem_bytes, width_bytes):
        return None
    return place.shape[0], place.width


def stored_placement(tile: BlockType, layout: Optional[LinearLayout] = None) -> Optional[Swizzled]:
    """Where a 2-D `tile` stored whole is written in shared memory: the swizzle mode whose writes from
    `layout` cost the fewest transactions, the widest among equals (without a layout, the widest); None where
    rows are narrower than the 32-byte mode."""
    size = element_bytes(tile)
    spans = [s for s in (LINE_BYTES, 64, 32) if s <= tile.shape[-1] * size]
    modes = [Swizzled.mode(tile.shape, size, s) for s in spans]
    if layout is None or not modes:
        return modes[0] if modes else None
    return min(modes, key=lambda place: write_wavefronts(layout, place, size))


def write_wavefronts(layout: LinearLayout, place: Swizzled, size: int) -> int:
    """Shared-memory transactions of warp 0 writing the block held in `layout` at `place` (elements of `size`
    bytes), vectorised as store_to_shared writes it."""
    vec = vector_width(layout, place, max(1, 16 // size))
    lanes = [lane for lane in range(layout.num_lanes) if not lane & layout.replicated_mask("lane")]
    return sum(wavefronts([place(layout.apply(r, lane, 0)) * size for lane in lanes], vec * size)
               for r in range(0, layout.num_registers, vec))


def _dot_uses(value: Value) -> list[tuple[Operation, int]]:
    return [(u, i) for u in value.users for i, v in enumerate(u.operands) if v is value]


def _placement(hooks: Any, tile: BlockType, uses: list[tuple[Operation, int]], num_warps: int,
               contiguous_dim: int = 1) -> Any:
    """The one placement every use (operand A or B of a pt.dot on the target's matrix instruction) wants for
    `tile`, stored row-major (`contiguous_dim` 1) or column by column (0), or None: a dot on FMAs (one that does
    not tile into the instruction, as a chained tf32 one of 16 rows on 4 warps) wants no placement."""
    places = set()
    for dot, operand in uses:
        if dot.name != "pt.dot" or operand > 1 or layouts_of(hooks.dot_layouts, dot, num_warps) is None:
            return None
        a, b = dot.operands[:2]
        try:
            places.add(hooks.operand_swizzle(operand, tile.shape, element_bytes(tile), num_warps, a.type.shape[0],
                                             b.type.shape[1], chained(dot), contiguous_dim=contiguous_dim,
                                             element=tile.element.name))
        except (NotImplementedError, ValueError):
            return None
    return places.pop() if len(places) == 1 else None


def _proven_bytes(facts: Any, count: Value, tile: BlockType) -> int:
    """The bytes of `count` elements of `tile` are a multiple of this (axis info)."""
    return (facts.divisibility_bytes(count) or (1,))[0] * element_bytes(tile)


def copied_box(hooks: Any, access: Operation, facts: Any, num_warps: int) -> Optional[tuple[int, int]]:
    """The box the target copies the tile of `access` (a pt.desc_load or pt.desc_store kept by
    lower-tensor-memory) in, or None where it goes through pointers."""
    if not is_copyable_tile(access) or hooks.tensor_map_type is None:
        return None
    make = copyable_descriptor(access.desc)
    loads = access.name == "pt.desc_load"
    if loads and make.result.type.padding != "zero":
        return None
    tile = access.results[0].type if loads else access.value.type
    width, outer, inner = make.parts[1:]                    # the rows' length, then the strides
    base = (facts.divisibility_bytes(make.base) or (1,))[0]
    column = _proven_bytes(facts, access.offsets[1], tile)
    row = None if loads else _proven_bytes(facts, width, tile)
    if const_value(inner) != 1 or not hooks.tile_copy_addressable(tile.element.name, base,
                                                                  _proven_bytes(facts, outer, tile), column, row):
        return None
    permute = transposed_by(access.results[0]) if loads else None
    if permute is not None:
        read = permute.results[0]
        place = _placement(hooks, read.type, _dot_uses(read), num_warps, contiguous_dim=0)
        box = box_of(place) if isinstance(place, Transposed) else None
    else:
        place = _placement(hooks, tile, _dot_uses(access.results[0]), num_warps) if loads else stored_placement(tile)
        box = box_of(place)
    return box if box is not None and max(box) <= hooks.max_tile_box else None


def buffer_box(hooks: Any, buf: Value, num_warps: int) -> Optional[tuple[int, int]]:
    """The box of the tile copies into pipelining buffer `buf`, from the dots that read its slots."""
    tile = None
    uses = []
    for reader in buf.users:
        if reader.name == "pt.local_load":
            tile = reader.results[0].type
            uses += _dot_uses(reader.results[0])
    contiguous = buf.owner.attributes.get("order", [1])[0]
    return box_of(_placement(hooks, tile, uses, num_warps, contiguous)) if tile is not None else None


# lowering ------------------------------------------------------------------------------------------


def _barrier(lw, bars: Value, slot: llir.Value) -> llir.Value:
    """A shared pointer to barrier `slot` of `bars`."""
    b = lw.b
    index = slot if slot.type == I32 else b.trunc(slot, I32)
    return b.gep(lw.values[bars], [b.mul(index, I32(BARRIER_BYTES))], source_etype=I8)


def _init(lw, op: Operation) -> None:
    """Thread 0 initialises every slot's barrier; the program synchronises after."""
    bars = op.operands[0]
    with lw.b.if_then(lw.first_thread()):
        for s in range(bars.owner.attributes["shape"][0]):
            lw.hooks.tile_barrier_init(lw.b, _barrier(lw, bars, I32(s)), op.attributes["arrivals"])
        lw.hooks.tile_barriers_initialised(lw.b)
    lw.barrier()


def _copy(lw, op: Operation) -> None:
    """Where the predicate holds, thread 0 arrives at the slot's barrier expecting the tile's bytes and starts
    one box copy per swizzle block, each into that block's place in the slot."""
    from .lower import LoweringError
    desc, buf, slot, bars, pred, row, col = op.operands
    b = lw.b
    place = placement(lw, buf)
    box = box_of(place)
    if box is None or tuple(desc.type.block.dims) != box:
        raise LoweringError(f"pt.async_tile_copy: the slots of the buffer are placed as {place}, which boxes of "
                            f"{list(desc.type.block.dims)} do not fill")
    rows, width = box
    place = place.stored if isinstance(place, Transposed) else place        # the tile as copied
    tile_bytes = math.prod(place.shape) * place.elem_bytes
    dst = slot_pointer(lw, buf, slot)
    bar = _barrier(lw, bars, lw.values[slot])
    row_v, col_v = (lw.values[v] for v in (row, col))
    with b.if_then(b.and_(lw.first_thread(), lw.values[pred])):
        lw.hooks.tile_expect(b, bar, tile_bytes)
        for k in range(place.shape[1] // width):
            to = b.gep(dst, [I32(k * rows * width)], source_etype=element_type(lw, buf))
            lw.hooks.tile_copy(b, lw.values[desc], to, [b.add(col_v, I32(k * width)), row_v], bar)


def _wait(lw, op: Operation) -> None:
    bars, slot, phase = op.operands
    value = lw.values[phase]
    lw.hooks.tile_barrier_wait(lw.b, _barrier(lw, bars, lw.values[slot]),
                               value if value.type == I32 else lw.b.trunc(value, I32))


def _release(lw, op: Operation) -> None:
    """Every thread is past its waits; thread 0 invalidates the barriers; their memory is free after."""
    bars = op.operands[0]
    lw.barrier()
    with lw.b.if_then(lw.first_thread()):
        for s in range(bars.owner.attributes["shape"][0]):
            lw.hooks.tile_barrier_release(lw.b, _barrier(lw, bars, I32(s)))
    lw.barrier()


def _store(lw, op: Operation) -> None:
    """Every thread writes its elements of the tile to scratch memory where the boxes' swizzle puts them and
    makes them visible to the tile-copy unit; after a barrier thread 0 copies the boxes out and waits until
    they have been read; a barrier then frees the scratch memory."""
    from .lower import LoweringError
    desc, value, row, col = op.operands
    b = lw.b
    rows, width = desc.type.block.dims
    place = Swizzled.mode(value.type.shape, element_bytes(value.type), width * element_bytes(value.type))
    if box_of(place) != (rows, width):
        raise LoweringError(f"pt.async_tile_store: boxes of {[rows, width]} are not a swizzle mode of a "
                            f"{value.type} tile")
    mem = memory_form(lw.llvm_type(value.type))
    base = lw.use_scratch(math.prod(place.shape) * nbytes(mem))
    lw.barrier()                               # earlier readers of the scratch memory are done
    store_to_shared(lw, lw.regs(value), lw.layout_of(value), base, lw.llvm_type(value.type), place)
    lw.hooks.tile_store_fence(b)
    lw.barrier()
    row_v, col_v = (lw.values[v] for v in (row, col))
    with b.if_then(lw.first_thread()):
        for k in range(place.shape[1] // width):
            src = b.gep(base, [I32(k * rows * width)], source_etype=mem)
            lw.hooks.tile_store(b, lw.values[desc], src, [b.add(col_v, I32(k * width)), row_v])
        lw.hooks.tile_stores_read(b)
    lw.barrier()


HANDLERS = {"pt.tile_barriers_init": _init, "pt.async_tile_copy": _copy, "pt.tile_barrier_wait": _wait,
            "pt.tile_barriers_release": _release, "pt.async_tile_store": _store}
