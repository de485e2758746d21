"""device_print on LLVM targets: printf arguments for the formats of targets/print_format.py (Triton's)."""
from __future__ import annotations

from typing import Union

from llvmlite import ir

from pantile.ir import PointerType, ScalarType
from pantile.targets.print_format import element_format, message_format, triton_prefix

from .casts import to_f32
from .types import is_bits_float, zext

I32 = ir.IntType(32)
F64 = ir.DoubleType()


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
