"""Pipelining buffers in shared memory: pt.local_alloc, pt.async_copy, pt.async_commit, pt.async_wait, pt.local_load.

A buffer's slots are placed as the matrix instruction reading them wants: the
target's operand swizzle when every pt.local_load of it feeds the same operand
of matrix-path dots, the default swizzle otherwise. Such a pt.local_load
becomes a SharedTile the dot reads in place; any other is read into registers.
Copies go through the target's `async_copy` hook a vector at a time (as wide
as the pointers' contiguity, the mask's constancy and the placement allow),
or as a load and a store where the target has no asynchronous copy that wide.
"""
from __future__ import annotations

import math

from llvmlite import ir as llir

from pantile.ir import Operation, Value

from . import dot, exchange, memory
from .shared_layout import swizzle_for
from .values import memory_form, nbytes, xor_offset

I32 = llir.IntType(32)
BUFFER_OPS = ("pt.local_alloc", "pt.async_copy", "pt.async_commit", "pt.async_wait", "pt.local_load",
              "pt.tile_barriers_init", "pt.async_tile_copy", "pt.tile_barrier_wait", "pt.tile_barriers_release")


def element_type(lw, buf: Value) -> llir.Type:
    return memory_form(lw.llvm_type(buf.type.pointee))


def buffer_bytes(lw, alloc: Operation) -> int:
    """Bytes of a pt.local_alloc buffer, rounded to the matrix operands' alignment (the swizzles count banks,
    or the tensor cores their swizzle pattern, from there)."""
    size = math.prod(alloc.attributes["shape"]) * nbytes(element_type(lw, alloc.results[0]))
    align = lw.hooks.matrix_operand_alignment
    return (size + align - 1) // align * align


# top-level ops after which no thread reads or copies into the buffers of the ops before them
SYNCHRONISING = ("pt.async_wait", "pt.tile_barriers_release", "pt.barrier")


def place_buffers(lw, ops: list[Operation]) -> tuple[dict[Value, int], int]:
    """Byte offsets of the pt.local_alloc buffers in the top-level ops `ops`, and the bytes they span. A buffer
    lives from its allocation to the last top-level op that uses it; it may take the place of a buffer whose
    life ended before a synchronising op (SYNCHRONISING) that precedes the allocation, as the buffers of causal
    attention's second loop take those of its first."""
    top = {o: i for i, op in enumerate(ops) for o in op.walk()}
    syncs = [i for i, op in enumerate(ops) if op.name in SYNCHRONISING]
    placed: list[tuple[int, int, int]] = []        # (offset, bytes, index of the last top-level op using it)
    offsets = {}
    for i, op in enumerate(ops):
        for alloc in (o for o in op.walk() if o.name == "pt.local_alloc"):
            size = buffer_bytes(lw, alloc)
            taken = [(at, n) for at, n, last in placed if not any(last < j < i for j in syncs)]
            offset = min(at for at in [0] + [a + n for a, n in taken]
                         if all(at + size <= a or a + n <= at for a, n in taken))
            res = alloc.results[0]
            placed.append((offset, size, max([i] + [top[u] for u in res.users])))
            offsets[res] = offset
    return offsets, max((a + n for a, n, _ in placed), default=0)


def _dot_uses(value: Value) -> list[tuple[Operation, int]]:
    return [(u, i) for u in value.users for i, v in enumerate(u.operands) if v is value]


def placement(lw, buf: Value):
    """Where element c of a slot sits (offsets in elements from the slot's start): row-major, or column by
    column where the buffer's `order` puts its first dimension first."""
    uses = [use for reader in buf.users if reader.name == "pt.local_load" for use in _dot_uses(reader.results[0])]
    contiguous = buf.owner.attributes.get("order", [1])[0]
    if _matrix_operands(lw, uses) and len({i for _, i in uses}) == 1:
        return dot.operand_swizzle(lw, *uses[0], contiguous)
    return swizzle_for(tuple(buf.owner.attributes["shape"][1:]), nbytes(element_type(lw, buf)), [], contiguous)


def _matrix_operands(lw, uses: list[tuple[Operation, int]]) -> bool:
    """True when every use is operand A or B of a dot on the target's matrix instruction."""
    return bool(uses) and all(u.name == "pt.dot" and i < 2 and dot.matrix_path(lw, u) for u, i in uses)


def slot_pointer(lw, buf: Value, slot: Value) -> llir.Value:
    """A pointer to slot `slot` of `buf`, in elements of the buffer."""
    b = lw.b
    elem = element_type(lw, buf)
    index = lw.values[slot]
    if index.type != I32:
        index = b.trunc(index, I32)
    per_slot = math.prod(buf.owner.attributes["shape"][1:])
    return b.gep(lw.values[buf], [b.mul(index, I32(per_slot))], source_etype=elem)


def _alloc(lw, op: Operation) -> None:
    res = op.results[0]
    lw.values[res] = lw.shared_at(lw.buffers[res], "buffer")


def _copy(lw, op: Operation) -> None:
    """Start copying the block into the slot; replicated threads leave it to one of them."""
    b = lw.b
    ptr, buf, slot, *mask = op.operands
    lay = lw.layout_of(ptr)
    elem = element_type(lw, buf)
    size = nbytes(elem)
    offsets = placement(lw, buf)
    vec = min(memory.vector_width(lw, op, lay, size),
              exchange.vector_width(lay, offsets, max(1, 16 // size)))
    hw = lw.hw_xor(lay, offsets)
    dst = slot_pointer(lw, buf, slot)
    ptrs = lw.regs(ptr)
    masks = lw.regs(mask[0]) if mask else None
    reg_offs = [offsets(c) for c in lay.register_coords()]
    typ = elem if vec == 1 else llir.VectorType(elem, vec)

    def emit() -> None:
        for r0 in range(0, lay.num_registers, vec):
            to = b.gep(dst, [xor_offset(b, hw, reg_offs[r0])], source_etype=elem)
            pred = masks[r0] if masks else None
            if not lw.hooks.async_copy(b, to, ptrs[r0], vec * size, pred):
                got = lw.hooks.masked_load(b, ptrs[r0], typ, pred, llir.Constant(typ, None), vec * size)
                b.store(got, to, align=vec * size)
    writer = lw.is_writer(lay)
    if writer is None:
        emit()
    else:
        with b.if_then(writer):
            emit()


def _commit(lw, op: Operation) -> None:
    lw.hooks.async_commit(lw.b)


def _wait(lw, op: Operation) -> None:
    lw.hooks.async_wait(lw.b, op.attributes["pending"])
    lw.hooks.matrix_operands_stored(lw.b)
    lw.barrier()


def _local_load(lw, op: Operation) -> None:
    """A SharedTile where only matrix-path dots read it, else the registers of the result's layout."""
    buf, slot = op.operands
    res = op.results[0]
    offsets = placement(lw, buf)
    base = slot_pointer(lw, buf, slot)
    elem = element_type(lw, buf)
    if _matrix_operands(lw, _dot_uses(res)):
        lw.values[res] = dot.SharedTile(base, res.type.shape, elem, offsets)
    else:
        lw.values[res] = exchange.load_from_shared(lw, lw.layout_of(res), base, lw.llvm_type(res.type), offsets)


HANDLERS = {"pt.local_alloc": _alloc, "pt.async_copy": _copy, "pt.async_commit": _commit,
            "pt.async_wait": _wait, "pt.local_load": _local_load}
