"""Tensor maps a kernel builds for itself: the descriptor a target's tile-copy unit (TMA) reads, written by the
program into global scratch memory, for a tensor descriptor made in the kernel (tl.make_tensor_descriptor).

- `pt.make_tensor_map(slot, base, shape..., strides...)` -> `tensordesc<block<box x T>>`: write at `slot` (a
  global `ptr<i8>`, 128 bytes, 128-byte aligned, this program's own) the tensor map of the tensor of `shape`
  (i32) and `strides` (i64, in elements) at `base`, copied in boxes of the result's block, and make it visible
  to the tile-copy unit; the result is that map, read by `pt.async_tile_copy` as a kernel's tensor-map
  parameter is. Elements outside the tensor read as the result's padding.
"""
from __future__ import annotations

from .dialect_tensor_memory import check_base, check_parts
from .ops import ANY, INT, PTR, WRITES, Operand, Result, define
from .types import PointerType, ScalarType, TensorDescType

TENSOR_MAP_BYTES = 128
GLOBAL_SPACE = 1
_I8, _I32, _I64 = ScalarType("i8"), ScalarType("i32"), ScalarType("i64")


def _verify_make_tensor_map(op) -> str | None:
    t = op.results[0].type
    if not isinstance(t, TensorDescType):
        return "result must be a tensordesc"
    slot, base, *parts = op.operands
    if slot.type != PointerType(_I8, GLOBAL_SPACE):
        return f"slot must be a global ptr<i8>, got {slot.type}"
    return check_base(base, t.block) or check_parts(parts, [("shape", _I32), ("strides", _I64)], len(t.block.dims))


define("pt.make_tensor_map",
       operands=(Operand("slot", PTR), Operand("base", PTR), Operand("parts", INT, "variadic")),
       results=(Result("result", ANY),), traits=(WRITES,), verify=_verify_make_tensor_map,
       doc="write the tile-copy unit's map of base, shape..., strides... at slot; the result reads it")

__all__ = ["TENSOR_MAP_BYTES"]
