"""Value conversions (pt.cast) and bit reinterpretation (pt.bitcast) between any two scalar types."""
from __future__ import annotations

from typing import Optional, Union

from llvmlite import ir

from pantile.ir import ScalarType

from .softfloat import F32, F64, FORMATS, encode, narrow, widen_to_f32
from .types import BITS_FLOATS, const, element, intrinsic, llvm_type, shaped, zext


def constant(t: ScalarType, value: Union[int, float, bool]) -> ir.Constant:
    """The LLVM constant of `value` in scalar type `t`: integers wrapped to its width, bf16 and fp8 as their
    correctly rounded bits."""
    if t.is_float:
        return ir.Constant(llvm_type(t), encode(float(value), FORMATS[t.name]) if t.name in BITS_FLOATS else float(value))
    return ir.Constant(llvm_type(t), int(bool(value)) if t.is_bool else int(value) & ((1 << t.bitwidth) - 1))


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


def _round_to_odd(b: ir.IRBuilder, x: ir.Value, signed: bool, precision: int) -> ir.Value:
    """Integer `x` with its bits below `precision` significant ones dropped, and the last kept bit set
    when any dropped bit was: a value `precision`-bit floats hold exactly, from which one more rounding to
    a format of at most precision - 2 bits gives the correctly rounded result."""
    it = element(x.type)
    c = lambda v: const(it, v, x)  # noqa: E731
    magnitude = b.xor(x, b.ashr(x, c(it.width - 1))) if signed else x    # ~x for negatives: same bit count
    significant = b.sub(c(it.width), intrinsic(b, "llvm.ctlz", x.type, [magnitude, ir.Constant(ir.IntType(1), 0)]))
    dropped = b.select(b.icmp_unsigned(">", significant, c(precision)), b.sub(significant, c(precision)), c(0))
    mask = b.sub(b.shl(c(1), dropped), c(1))
    sticky = zext(b, b.icmp_unsigned("!=", b.and_(x, mask), c(0)), it)
    return b.or_(b.and_(x, b.xor(mask, c(-1))), b.shl(sticky, dropped))


def _int_to_float(b: ir.IRBuilder, x: ir.Value, src: ScalarType, dst: ScalarType, rounding: str) -> ir.Value:
    conv = b.sitofp if src.is_signed else b.uitofp
    if dst.name in ("f16", "f32", "f64") and rounding == "rtne":
        return conv(x, shaped(llvm_type(dst), x))
    # Through f64, with one rounding only: f64 holds integers up to 53 bits exactly, and wider ones are
    # first rounded to odd at 53 bits.
    if src.bitwidth > F64.man_bits + 1:
        x = _round_to_odd(b, x, src.is_signed, F64.man_bits + 1)
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
    return b.sext(x, target) if src.is_signed else zext(b, x, llvm_type(dst))


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
