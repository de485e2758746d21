"""Value conversions (pt.cast) and bit reinterpretation (pt.bitcast) between any two scalar types."""
from __future__ import annotations

from typing import Optional

from llvmlite import ir

from pantile.ir import ScalarType

from .softfloat import F32, F64, FORMATS, narrow, widen_to_f32
from .types import const, intrinsic, llvm_type, shaped


def to_f32(b: ir.IRBuilder, x: ir.Value, t: ScalarType) -> ir.Value:
    """A bf16 or fp8 value (bits) as f32, exactly."""
    return widen_to_f32(b, x, FORMATS[t.name])


def from_float(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType, rounding: str = "rtne") -> ir.Value:
    """Round an f32 or f64 value to the float type `dst` (bits for bf16 and fp8)."""
    target = shaped(llvm_type(dst), x)
    if src.bitwidth < dst.bitwidth:
        return b.fpext(x, target)
    if src == dst:
        return x
    # f64 -> f16 in hardware is a library call on most hosts: do it in software too.
    if rounding == "rtne" and dst.name in ("f16", "f32") and not (src.name == "f64" and dst.name == "f16"):
        return b.fptrunc(x, target)
    bits = narrow(b, x, F64 if src.name == "f64" else F32, FORMATS[dst.name], rounding)
    return bitcast(b, bits, llvm_type(dst))


def _float_to_float(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType, rounding: str) -> ir.Value:
    if src == dst:
        return x
    if src.name in FORMATS and src.name not in ("f16", "f32", "f64"):
        x, src = to_f32(b, x, src), ScalarType("f32")
    elif src.name == "f16" and (dst.bitwidth < 16 or dst.name == "bf16" or rounding == "rtz"):
        x, src = b.fpext(x, shaped(ir.FloatType(), x)), ScalarType("f32")
    return from_float(b, x, src, dst, rounding)


def _int_to_float(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType, rounding: str) -> ir.Value:
    conv = b.sitofp if src.is_signed else b.uitofp
    if dst.name in ("f16", "f32", "f64") and rounding == "rtne":
        return conv(x, shaped(llvm_type(dst), x))
    # f64 holds every integer up to 32 bits exactly, so the one rounding is the last one.
    wide = conv(x, shaped(ir.DoubleType(), x))
    return from_float(b, wide, ScalarType("f64"), dst, rounding)


def _float_to_int(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType) -> ir.Value:
    if src.name not in ("f16", "f32", "f64"):
        x = to_f32(b, x, src)
    if dst.is_bool:
        return b.fcmp_unordered("!=", x, const(x.type.element if isinstance(x.type, ir.VectorType) else x.type, 0.0, x))
    # Saturating conversions: out-of-range values clamp and NaN gives 0, never poison.
    name = "llvm.fptosi.sat" if dst.is_signed else "llvm.fptoui.sat"
    ret = shaped(llvm_type(dst), x)
    return intrinsic(b, name, ret, [x], (ret, x.type))


def _int_to_int(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType) -> ir.Value:
    if dst.is_bool:
        return b.icmp_unsigned("!=", x, const(llvm_type(src), 0, x))
    target = shaped(llvm_type(dst), x)
    if src.bitwidth == dst.bitwidth:
        return x
    if src.bitwidth > dst.bitwidth:
        return b.trunc(x, target)
    return b.sext(x, target) if src.is_signed else b.zext(x, target)


def cast(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType, rounding: Optional[str] = None) -> ir.Value:
    """Convert `x` from `src` to `dst` by value (pt.cast semantics)."""
    rounding = rounding or "rtne"
    if src.is_int and dst.is_int:
        return _int_to_int(b, x, src, dst)
    if src.is_int:
        return _int_to_float(b, x, src, dst, rounding)
    if dst.is_int:
        return _float_to_int(b, x, src, dst)
    return _float_to_float(b, x, src, dst, rounding)


def bitcast(b: ir.IRBuilder, x: ir.Value, dst_type: ir.Type) -> ir.Value:
    """Reinterpret the bits of `x` as `dst_type` (an element type; vectors keep their width)."""
    target = shaped(dst_type, x)
    return x if x.type == target else b.bitcast(x, target)
