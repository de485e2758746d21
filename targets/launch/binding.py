"""The binding table of one compiled kernel, built once per compiled variant: which argument is a pointer and
which a scalar of what type, and where each lies in the parameter buffer a launch packs (one struct for all)."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from pantile.ir import PointerType, ScalarType, TensorDescType

from ..base import ArgSpec

# Struct codes of scalar parameters by IR type: bf16 and fp8 travel as their bits, i1 as one byte.
SCALAR_CODES = {"i1": "B", "i8": "b", "i16": "h", "i32": "i", "i64": "q", "u8": "B", "u16": "H", "u32": "I",
                "u64": "Q", "f16": "e", "bf16": "H", "f32": "f", "f64": "d", "f8e4m3": "B", "f8e5m2": "B",
                "f8e4b15": "B", "f8e4b8": "B", "f8e5b16": "B"}
POINTER_CODE = "Q"
# A tensordesc parameter is the descriptor of a tensor that the target's tile-copy unit reads, passed by value:
# 128 bytes, 64-byte aligned (the runtime encodes it from the TensorDescriptor argument).
TENSOR_MAP_CODE, TENSOR_MAP_ALIGN = "128s", 64


@dataclass(frozen=True)
class Slot:
    """Where one argument goes in the parameter buffer: its byte offset and struct code; code "" keeps it out of
    the buffer (a pointer the runtime passes as an object of its own, such as an OpenCL buffer)."""

    offset: int
    code: str


@dataclass(frozen=True)
class ParamLayout:
    """A runtime's parameter buffer for one kernel: a slot per argument and the buffer's size in bytes."""

    slots: tuple[Slot, ...]
    size: int


def _align(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def c_struct_layout(specs: Sequence[ArgSpec], size_multiple: int = 1, pointer_code: str = POINTER_CODE) -> ParamLayout:
    """The arguments as the fields of a C struct (each at its natural alignment, pointers 8 bytes), as the CUDA
    and HIP kernel-parameter buffers take them; the size rounded up to `size_multiple`. With `pointer_code` ""
    the pointers stay out of the struct (the runtime passes them as objects of its own)."""
    slots, offset = [], 0
    for spec in specs:
        code = pointer_code if isinstance(spec.type, PointerType) else scalar_code(spec)
        if not code:
            slots.append(Slot(offset, code))
            continue
        size = struct.calcsize(code)
        offset = _align(offset, TENSOR_MAP_ALIGN if code == TENSOR_MAP_CODE else size)
        slots.append(Slot(offset, code))
        offset += size
    return ParamLayout(tuple(slots), _align(offset, size_multiple) if slots else 0)


def scalar_code(spec: ArgSpec) -> str:
    """The struct code of a scalar argument (or a tensor map's bytes); TypeError for a type no kernel parameter
    can have."""
    if isinstance(spec.type, TensorDescType):
        return TENSOR_MAP_CODE
    code = SCALAR_CODES.get(spec.type.name) if isinstance(spec.type, ScalarType) else None
    if code is None:
        raise TypeError(f"kernel argument '{spec.name}' of type {spec.type} cannot be passed to a kernel")
    return code


def bf16_bits(value: Any) -> int:
    """The bits of the bf16 nearest to `value` (through f32, ties to even)."""
    bits = struct.unpack("<I", struct.pack("<f", float(value)))[0]
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF


def converter(t: ScalarType) -> Optional[Callable[[Any], Any]]:
    """What turns a Python or numpy scalar into the value its struct code packs, or None where struct packs the
    value as it is: bf16 to its bits, fp8 as the bits it is given, unsigned and i1 wrapped to their width."""
    if t.name == "bf16":
        return bf16_bits
    if t.is_float and t.bitwidth == 8:
        return lambda v: int(v) & 0xFF
    if t.is_unsigned or t.name == "i1":
        mask = (1 << t.bitwidth) - 1
        return lambda v: int(v) & mask
    return None


class Binding:
    """The table a launch follows: pointer positions, scalar conversions and one struct for the whole buffer."""

    def __init__(self, kernel: str, specs: Sequence[ArgSpec], layout: ParamLayout) -> None:
        self.kernel, self.specs, self.layout = kernel, tuple(specs), layout
        self.count = len(self.specs)
        self.pointers = tuple(i for i, s in enumerate(self.specs) if isinstance(s.type, PointerType))
        self.converters = tuple((i, conv) for i, s in enumerate(self.specs) if isinstance(s.type, ScalarType)
                                for conv in (converter(s.type),) if conv is not None)
        # (tensor map, the pointer argument of its tensor's base): `<name>.tensormap...` beside `<name>`
        names = {s.name: i for i, s in enumerate(self.specs)}
        self.tensor_maps = tuple((i, names[s.name.split(".tensormap")[0]]) for i, s in enumerate(self.specs)
                                 if isinstance(s.type, TensorDescType))
        fields, end = [], 0
        # The struct's fields in the order of their offsets (a runtime may place arguments out of their order).
        self.packed = tuple(sorted((i for i, slot in enumerate(layout.slots) if slot.code),
                                   key=lambda i: layout.slots[i].offset))
        for i in self.packed:
            slot = layout.slots[i]
            fields.append("x" * (slot.offset - end) + slot.code)
            end = slot.offset + struct.calcsize(slot.code)
        self.struct = struct.Struct("<" + "".join(fields) + "x" * (layout.size - end))
        self.all_packed = self.packed == tuple(range(self.count))
        self._pack_into = self.struct.pack_into

    def arity_error(self, given: int) -> TypeError:
        """The error for a launch with `given` arguments."""
        names = ", ".join(s.name for s in self.specs)
        return TypeError(f"{self.kernel} takes {self.count} runtime arguments ({names}), got {given}")

    def pack(self, buffer: Any, values: list) -> None:
        """Pack the buffer's arguments of `values` (scalars converted) into `buffer`; TypeError naming the
        argument whose value its type cannot hold."""
        for i, conv in self.converters:
            values[i] = conv(values[i])
        try:
            self._pack_into(buffer, 0, *(values if self.all_packed else [values[i] for i in self.packed]))
        except (struct.error, OverflowError, TypeError, ValueError) as err:
            raise self._value_error(values, err) from None

    def _value_error(self, values: list, err: Exception) -> Exception:
        for i in self.packed:
            try:
                struct.pack("<" + self.layout.slots[i].code, values[i])
            except (struct.error, OverflowError, TypeError, ValueError) as why:
                spec = self.specs[i]
                return TypeError(f"argument '{spec.name}' of {self.kernel} is {values[i]!r}, which a parameter of "
                                 f"type {spec.type} cannot take ({why})")
        return err
