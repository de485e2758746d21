"""Asynchronous copies into program-shared buffers, added by the software-pipelining pass.

- `pt.local_alloc {shape = [S, ...], order = [...]?}` -> `ptr<T, 3>`: a buffer of S slots in shared
  memory, live for the whole kernel; `order` lists a slot's dimensions fastest first (row-major when
  absent; `[0, 1]` stores a 2-D slot column by column).
- `pt.async_copy(ptr, buf, slot, mask?)`: start copying the block at `ptr` (a block of global pointers)
  into slot `slot` of `buf`; masked-off elements become zero. Targets without asynchronous copies copy
  at once.
- `pt.async_commit`: close the group of copies this thread started since the last commit.
- `pt.async_wait {pending = N}`: wait until at most N of this thread's groups are unfinished, then
  synchronise the program's threads (so every thread's copies are visible and earlier reads of a
  slot are done before it is written again).
- `pt.local_load(buf, slot)` -> block: the block in slot `slot`.

Whole-tile copies (a target's tile-copy unit, TMA on Hopper), completed through barriers in shared memory:
- `pt.tile_barriers_init(bars) {arrivals = N}`: make each slot of `bars` (a `pt.local_alloc` of i64
  [slots, 1]) a barrier whose phase completes after N tile copies arrived and their bytes landed, then
  synchronise the program.
- `pt.async_tile_copy(desc, buf, slot, bars, pred, offsets...)`: where `pred` holds, start copying the tile
  of tensor descriptor `desc` at `offsets` into slot `slot` of `buf` (elements outside the tensor: the
  descriptor's padding), arriving at barrier `slot` of `bars`; one thread of the program issues it. The
  descriptor's block is what one copy moves: the slot, or (a kernel parameter the target made of it, or a
  tensor map the kernel writes: dialect_tensor_map.py) a box the slot holds side by side along its last dimension
  (of a slot read column by column, `order = [0, 1]`: the tile as copied, its shape the slot's reversed).
- `pt.tile_barrier_wait(bars, slot, phase)`: wait until barrier `slot` has completed the phase of parity
  `phase` (its copies are visible to every thread that waited).
- `pt.tile_barriers_release(bars)`: synchronise the program, then the barriers' memory may be reused.
- `pt.async_tile_store(desc, value, offsets...)`: store block `value` as the tile of tensor descriptor `desc`
  at `offsets` (elements outside the tensor are dropped): the program writes it to shared memory, and one
  thread copies it out in boxes of the descriptor's block (a kernel parameter the target made of it), side
  by side along the last dimension; the shared memory is free again when the op is done.
"""
from __future__ import annotations

from .ops import ANY, BOOL, PTR, READS, SCALAR_INT, VALUE, WRITES, Attr, Constraint, Operand, Result, define
from .types import BlockType, PointerType, TensorDescType, i1, i64

SHARED_SPACE = 3
SHARED_PTR = Constraint("shared-memory pointer", lambda t: isinstance(t, PointerType) and t.addrspace == SHARED_SPACE)


def _slot_shape(buf) -> tuple:
    shape = buf.owner.attributes.get("shape") if hasattr(buf, "owner") and buf.owner.name == "pt.local_alloc" else None
    return tuple(shape[1:]) if shape else None


def _verify_alloc(op) -> str | None:
    shape = op.attributes["shape"]
    if len(shape) < 2 or any(d <= 0 for d in shape):
        return "shape must be [slots, block dims...] with positive sizes"
    order = op.attributes.get("order")
    if order is not None and sorted(order) != list(range(len(shape) - 1)):
        return f"order {list(order)} is not a permutation of the slot's {len(shape) - 1} dimensions"
    return None


def _verify_copy(op) -> str | None:
    ptr, buf, _, *mask = op.operands
    if not isinstance(ptr.type, BlockType):
        return "the source must be a block of pointers"
    if ptr.type.scalar.pointee != buf.type.pointee:
        return f"copies {ptr.type.scalar.pointee} into a buffer of {buf.type.pointee}"
    shape = _slot_shape(buf)
    if shape is not None and shape != ptr.type.shape:
        return f"block {list(ptr.type.shape)} does not fit slots of {list(shape)}"
    if mask and mask[0].type.shape != ptr.type.shape:
        return "mask must have the source's shape"
    return None


def _verify_local_load(op) -> str | None:
    buf = op.operands[0]
    res = op.results[0].type
    if not isinstance(res, BlockType) or res.scalar != buf.type.pointee:
        return f"result must be a block of {buf.type.pointee}"
    shape = _slot_shape(buf)
    if shape is not None and shape != res.shape:
        return f"result {list(res.shape)} is not a slot of {list(shape)}"
    return None


def _verify_tile_copy(op) -> str | None:
    desc, buf, slot, bars, pred, *offsets = op.operands
    if not isinstance(desc.type, TensorDescType):
        return "the source must be a tensor descriptor"
    tile = desc.type.block
    if tile.element != buf.type.pointee:
        return f"copies {tile.element} into a buffer of {buf.type.pointee}"
    shape = _slot_shape(buf)
    if shape is not None and buf.owner.attributes.get("order", [1])[0] == 0:
        shape = tuple(reversed(shape))          # slots read column by column hold the tile as copied
    if shape is not None and (len(shape) != len(tile.dims) or shape[:-1] != tile.dims[:-1] or
                              shape[-1] % tile.dims[-1]):
        return f"boxes of {list(tile.dims)} do not fill slots of {list(shape)}"
    if bars.type.pointee != i64:
        return "the barriers must be i64 words in shared memory"
    if pred.type != i1:
        return f"the predicate must be i1, got {pred.type}"
    if len(offsets) != len(tile.dims):
        return f"expects {len(tile.dims)} offsets, got {len(offsets)}"
    return None


def _verify_tile_store(op) -> str | None:
    desc, value, *offsets = op.operands
    if not isinstance(desc.type, TensorDescType) or not isinstance(value.type, BlockType):
        return "stores a block through a tensor descriptor"
    box = desc.type.block
    if value.type.element != box.element:
        return f"stores {value.type.element} through a descriptor of {box.element}"
    shape = value.type.shape
    if len(shape) != len(box.dims) or shape[:-1] != box.dims[:-1] or shape[-1] % box.dims[-1]:
        return f"boxes of {list(box.dims)} do not fill a block of {list(shape)}"
    if len(offsets) != len(box.dims):
        return f"expects {len(box.dims)} offsets, got {len(offsets)}"
    return None


def _verify_barriers(op) -> str | None:
    if op.operands[0].type.pointee != i64:
        return "the barriers must be i64 words in shared memory"
    return None


define("pt.local_alloc", results=(Result("buffer", SHARED_PTR),),
       attributes={"shape": Attr("ints"), "order": Attr("ints", required=False)},
       traits=(WRITES,), verify=_verify_alloc, doc="shared-memory buffer of slots, live for the whole kernel")
define("pt.async_copy", operands=(Operand("ptr", PTR), Operand("buffer", SHARED_PTR), Operand("slot", SCALAR_INT),
                                  Operand("mask", BOOL, "optional")),
       traits=(READS, WRITES), verify=_verify_copy, doc="start copying a block into a slot (masked-off: zero)")
define("pt.async_commit", traits=(WRITES,), doc="close this thread's group of started copies")
define("pt.async_wait", attributes={"pending": Attr("int")}, traits=(WRITES,),
       doc="wait until at most `pending` groups are unfinished, then synchronise the program")
define("pt.local_load", operands=(Operand("buffer", SHARED_PTR), Operand("slot", SCALAR_INT)),
       results=(Result("result"),), traits=(READS,), verify=_verify_local_load, doc="the block in one slot")

define("pt.tile_barriers_init", operands=(Operand("barriers", SHARED_PTR),),
       attributes={"arrivals": Attr("int")}, traits=(WRITES,), verify=_verify_barriers,
       doc="initialise one tile-copy barrier per slot, each phase `arrivals` copies, then synchronise")
define("pt.async_tile_copy", operands=(Operand("desc", ANY), Operand("buffer", SHARED_PTR), Operand("slot", SCALAR_INT),
                                       Operand("barriers", SHARED_PTR), Operand("pred", BOOL),
                                       Operand("offsets", SCALAR_INT, "variadic")),
       traits=(READS, WRITES), verify=_verify_tile_copy,
       doc="start copying a descriptor's tile into a slot, arriving at that slot's barrier")
define("pt.tile_barrier_wait", operands=(Operand("barriers", SHARED_PTR), Operand("slot", SCALAR_INT),
                                         Operand("phase", SCALAR_INT)),
       traits=(READS, WRITES), verify=_verify_barriers, doc="wait for a phase of one tile-copy barrier")
define("pt.tile_barriers_release", operands=(Operand("barriers", SHARED_PTR),), traits=(WRITES,),
       verify=_verify_barriers, doc="synchronise, then the barriers' memory may be reused")
define("pt.async_tile_store", operands=(Operand("desc", ANY), Operand("value", VALUE),
                                        Operand("offsets", SCALAR_INT, "variadic")),
       traits=(READS, WRITES), verify=_verify_tile_store,
       doc="store a block through a descriptor's boxes from shared memory; elements outside are dropped")

__all__ = ["SHARED_SPACE"]
