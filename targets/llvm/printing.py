"""device_print's text, the same on every target: Triton's format.

Each element of each printed value is one printf line,
    pid (<x>, <y>, <z>) idx (<i>, <j>, ...)<prefix>(operand <n>) <value>
where "(operand <n>) " appears only when several values are printed, a scalar has the empty
index "idx ()", and each index is padded to the digits of its dimension. The prefix is adjusted as
Triton's frontend adjusts it: it ends in ": " when values follow and starts with a space when it is
longer than two characters. A print of no value is "pid (<x>, <y>, <z>)<prefix>".
"""
from __future__ import annotations

import math
from typing import Sequence, Union

from llvmlite import ir

from pantile.ir import PointerType, ScalarType

from .casts import to_f32
from .types import is_bits_float, zext

I32 = ir.IntType(32)
F64 = ir.DoubleType()
PID = "pid (%u, %u, %u)"


def triton_prefix(prefix: str, has_values: bool) -> str:
    """The prefix as Triton prints it."""
    if has_values and not prefix.endswith(" "):
        prefix += " "
    if has_values and not prefix.endswith(": "):
        prefix = prefix[:-1] + ": "
    if len(prefix) > 2 and not prefix.startswith(" "):
        prefix = " " + prefix
    return prefix.replace("%", "%%")      # the prefix is part of the printf format


def message_format(prefix: str) -> str:
    """The printf format of a print without values (the three program ids are its arguments)."""
    return PID + triton_prefix(prefix, False) + "\n"


def element_format(prefix: str, shape: Sequence[int], operand: int, num_operands: int, conversion: str) -> str:
    """The printf format of one element of printed value number `operand` of a block of `shape` (() for
    a scalar); its arguments are the three program ids, the i32 indices, then the value."""
    widths = [math.ceil(math.log10(d)) if d > 0 else 0 for d in shape]
    index = ", ".join(f"%{w}u" for w in widths)
    which = f"(operand {operand}) " if num_operands > 1 else ""
    return f"{PID} idx ({index}){triton_prefix(prefix, True)}{which}{conversion}\n"


def printf_argument(b: ir.IRBuilder, x: ir.Value, t: Union[ScalarType, PointerType], hex_: bool,
                    long_modifier: str = "ll") -> tuple[str, ir.Value]:
    """A printf conversion for one value of IR type `t` and the value as C varargs pass it (integers
    below 32 bits widened to i32, floats to f64); `hex_` prints the bits in hexadecimal, zero-padded to
    the type's width. `long_modifier` is the length modifier of 64-bit integers ("l" in OpenCL C)."""
    if isinstance(t, PointerType):
        return "%p", x
    if t.is_float and not hex_:
        wide = to_f32(b, x, t) if is_bits_float(t) else x
        return "%f", wide if wide.type == F64 else b.fpext(wide, F64)
    if t.is_float and not is_bits_float(t):     # hex prints a float's bits (bf16 and fp8 are bits already)
        x = b.bitcast(x, ir.IntType(t.bitwidth))
    signed = t.is_int and t.is_signed and not t.is_bool and not hex_
    if t.bitwidth < 32:
        x = b.sext(x, I32) if signed else zext(b, x, I32)
    length = long_modifier if t.bitwidth == 64 else ""
    if hex_:
        return f"0x%0{max(1, t.bitwidth // 4)}{length}x", x
    return f"%{length}{'i' if signed else 'u'}", x


def index_argument(b: ir.IRBuilder, index: ir.Value) -> ir.Value:
    """An element index as the i32 that `element_format` expects."""
    return index if index.type == I32 else b.trunc(index, I32)


__all__ = ["element_format", "index_argument", "message_format", "printf_argument", "triton_prefix"]
