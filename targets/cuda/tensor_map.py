"""CUtensorMap kernel arguments: what cuTensorMapEncodeTiled is given for a TensorDescriptor whose tile loads a
kernel makes with TMA (sm_90a), worked out without the driver so that it can be checked offline.

The kernel declares such an argument as a tensordesc whose block is the TMA box it copies: [rows, width], the
width one swizzle span of the shared layout the loads fill (32, 64 or 128 bytes, the swizzle mode named by
the box's row size; none where a row is 16 bytes). The host gives the driver the tensor's base address,
its sizes and byte strides innermost first, and that box; elements outside the tensor read zero (only
padding='zero' descriptors are copied: TMA's NaN fill is named NAN_REQUEST_ZERO_FMA, and that the tensor
cores' products of it are NaN, as padding='nan' means, is not established). Launching imports nothing of
the compiler: this module needs only the argument's type.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

# CUtensorMapDataType by IR element type; 8- and 16-bit integer and fp8 tiles move as their bits
DATA_TYPES = {"u8": 0, "i8": 0, "f8e4m3": 0, "f8e5m2": 0, "u16": 1, "i16": 1, "u32": 2, "i32": 3, "u64": 4,
              "i64": 5, "f16": 6, "f32": 7, "f64": 8, "bf16": 9}
SWIZZLES = {0: 0, 32: 1, 64: 2, 128: 3}           # CUtensorMapSwizzle by swizzle span in bytes
ELEMENT_BYTES = {"u8": 1, "i8": 1, "f8e4m3": 1, "f8e5m2": 1, "u16": 2, "i16": 2, "f16": 2, "bf16": 2, "u32": 4,
                 "i32": 4, "f32": 4, "u64": 8, "i64": 8, "f64": 8}
INTERLEAVE_NONE, L2_PROMOTION_128B, OOB_FILL_ZEROS = 0, 2, 0
TENSOR_MAP_BYTES, TENSOR_MAP_ALIGN = 128, 64
MAX_BOX, MAX_STRIDE = 256, 2**40


@dataclass(frozen=True)
class TiledEncoding:
    """The arguments of one cuTensorMapEncodeTiled call (sizes, strides and box innermost first)."""

    data_type: int
    address: int
    dims: tuple[int, ...]
    strides: tuple[int, ...]       # bytes, of every dimension but the innermost
    box: tuple[int, ...]
    element_strides: tuple[int, ...]
    interleave: int
    swizzle: int
    l2_promotion: int
    oob_fill: int


def swizzle_bytes(box_row_bytes: int) -> int:
    """The swizzle span a box of rows of `box_row_bytes` bytes is copied with: the row itself (32, 64 or 128
    bytes), none for 16-byte rows."""
    return box_row_bytes if box_row_bytes in (32, 64, 128) else 0


def tiled_encoding(element: str, address: int, shape: Sequence[int], strides: Sequence[int], box: Sequence[int],
                   name: str) -> TiledEncoding:
    """The cuTensorMapEncodeTiled arguments for the tensor at `address` of `element`s with `shape` and `strides`
    (in elements, outermost first, the innermost 1) copied in boxes of `box` (outermost first); ValueError naming
    argument `name` where TMA cannot address the tensor."""
    size = ELEMENT_BYTES[element]
    rank = len(shape)
    byte_strides = [s * size for s in strides]
    if strides[-1] != 1:
        raise ValueError(f"argument '{name}': TMA copies need the innermost stride to be 1, got {list(strides)}")
    if address % 16 or any(s % 16 or not 0 < s < MAX_STRIDE for s in byte_strides[:-1]):
        raise ValueError(f"argument '{name}': TMA copies need a 16-byte aligned base and byte strides that are "
                         f"multiples of 16 below 2^40, got address {address:#x} and strides {byte_strides}")
    if any(d <= 0 for d in shape):
        raise ValueError(f"argument '{name}': TMA copies need every size of the tensor to be positive, got "
                         f"{list(shape)}")
    row = box[-1] * size
    if row % 16 or any(not 0 < b <= MAX_BOX for b in box):
        raise ValueError(f"argument '{name}': a TMA box holds 1 to {MAX_BOX} elements per dimension and rows of a "
                         f"multiple of 16 bytes, got {list(box)} of {element}")
    return TiledEncoding(DATA_TYPES[element], address, tuple(reversed(shape)),
                         tuple(reversed(byte_strides[:-1])), tuple(reversed(box)), (1,) * rank, INTERLEAVE_NONE,
                         SWIZZLES[swizzle_bytes(row)], L2_PROMOTION_128B, OOB_FILL_ZEROS)


def descriptor_encoding(desc_type: Any, address: int, shape: Sequence[int], strides: Sequence[int],
                        name: str) -> TiledEncoding:
    """The encoding of a TensorDescriptor's tensor (its base at device `address`, its shape and strides) for
    kernel argument `name` of `desc_type` (a tensordesc whose block is the box)."""
    block = desc_type.block
    return tiled_encoding(block.element.name, address, shape, strides, block.dims, name)


__all__ = ["DATA_TYPES", "SWIZZLES", "TENSOR_MAP_ALIGN", "TENSOR_MAP_BYTES", "TiledEncoding", "descriptor_encoding",
           "swizzle_bytes", "tiled_encoding"]
