"""A CUtensorMap written by the kernel itself (sm_90a), for a tensor descriptor made in the kernel: one warp zeroes
128 bytes of shared memory, lane 0 sets each field with `tensormap.replace.tile.<field>.shared::cta.b1024`,
the warp copies the map to its global slot with `tensormap.cp_fenceproxy` (a release to the tensor-map
proxy) and acquires it there with `fence.proxy.tensormap::generic.acquire` before any copy reads it.

The fields are those cuTensorMapEncodeTiled sets for a TensorDescriptor argument (tensor_map.py): sizes, byte
strides and box innermost first, unit element strides, no interleave, the swizzle the box's row names
(tensor_map.swizzle_bytes) and a zero fill. The element type takes the device's numbering, which differs from
the driver's CUtensorMapDataType from 8 up (device: f32 with flush to zero 8, f64 9, bf16 10). The byte strides
are given as they are: PTX ISA 8.6 or later (older ISAs had ptxas take them in 16-byte units), so a kernel with
such maps is emitted for PTX_FEATURES.
"""
from __future__ import annotations

from typing import Any, Sequence

from llvmlite import ir as llir

from pantile.ir import Module

from .tensor_map import DATA_TYPES, ELEMENT_BYTES, INTERLEAVE_NONE, OOB_FILL_ZEROS, SWIZZLES, TENSOR_MAP_BYTES, \
    swizzle_bytes
from .tma import _asm, _shared

I32, I64 = llir.IntType(32), llir.IntType(64)
PTX_FEATURES = "+ptx86"
_DEVICE_DATA_TYPE = {10: 8, 8: 9, 9: 10}      # CUtensorMapDataType -> tensormap.replace's elemtype, where they differ


def device_data_type(element: str) -> int:
    """tensormap.replace's elemtype of IR element type `element`."""
    host = DATA_TYPES[element]
    return _DEVICE_DATA_TYPE.get(host, host)


def ptx_features(module: Module) -> str:
    """The PTX features a kernel module needs: PTX_FEATURES where it writes tensor maps, else none."""
    return PTX_FEATURES if any(op.name == "pt.make_tensor_map" for op in module.walk()) else ""


def _replace(field: str, width: int, ordinal: int | None = None) -> str:
    where = "[$0], " if ordinal is None else f"[$0], {ordinal}, "
    return f"tensormap.replace.tile.{field}.shared::cta.b1024.b{width} {where}"


def fields(desc_type: Any) -> list[str]:
    """The constant fields of the map of a tensordesc whose block is the box, as PTX statements on [$0]."""
    box = list(reversed(desc_type.block.dims))
    element = desc_type.block.element.name
    swizzle = SWIZZLES[swizzle_bytes(box[0] * ELEMENT_BYTES[element])]
    out = [_replace("rank", 32) + f"{len(box) - 1};"]
    out += [_replace("box_dim", 32, d) + f"{n};" for d, n in enumerate(box)]
    out += [_replace("element_stride", 32, d) + "1;" for d in range(len(box))]
    out += [_replace("elemtype", 32) + f"{device_data_type(element)};",
            _replace("interleave_layout", 32) + f"{INTERLEAVE_NONE};", _replace("swizzle_mode", 32) + f"{swizzle};",
            _replace("fill_mode", 32) + f"{OOB_FILL_ZEROS};"]
    return out


def write(b: llir.IRBuilder, staging: llir.Value, slot: llir.Value, lane: llir.Value, base: llir.Value,
          shape: Sequence[llir.Value], strides: Sequence[llir.Value], desc_type: Any) -> None:
    """Run by one whole warp: the map of the tensor at global `base` with i32 `shape` and i64 `strides` (elements,
    outermost first), built at shared `staging`, copied to global `slot` and acquired there."""
    rank = len(shape)
    size = ELEMENT_BYTES[desc_type.block.element.name]
    b.store(I32(0), b.gep(staging, [lane], source_etype=I32))     # 32 lanes x 4 bytes: the whole map
    _asm(b, "bar.warp.sync -1;", "", [])
    with b.if_then(b.icmp_unsigned("==", lane, I32(0))):
        dims = list(reversed(shape))
        byte_strides = [b.mul(s, I64(size)) for s in reversed(strides[:-1])]
        values = [b.ptrtoint(base, I64), *dims, *byte_strides]
        text = [_replace("global_address", 64) + "$1;"]
        text += [_replace("global_dim", 32, d) + f"${2 + d};" for d in range(rank)]
        text += [_replace("global_stride", 64, d) + f"${2 + rank + d};" for d in range(rank - 1)]
        text += fields(desc_type)
        _asm(b, "\n\t".join(text), ",".join(["r", "l"] + ["r"] * rank + ["l"] * (rank - 1)),
             [_shared(b, staging), *values])
    _asm(b, "bar.warp.sync -1;", "", [])
    _asm(b, f"tensormap.cp_fenceproxy.global.shared::cta.tensormap::generic.release.gpu.sync.aligned [$0], [$1], "
            f"{TENSOR_MAP_BYTES};", "l,r", [b.ptrtoint(slot, I64), _shared(b, staging)])
    _asm(b, f"fence.proxy.tensormap::generic.acquire.gpu [$0], {TENSOR_MAP_BYTES};", "l",
         [b.ptrtoint(address(b, slot), I64)])


def address(b: llir.IRBuilder, slot: llir.Value) -> llir.Value:
    """The generic address of the map at global `slot`, as cp.async.bulk.tensor and the acquire fence take it."""
    return b.addrspacecast(slot, llir.PointerType())
