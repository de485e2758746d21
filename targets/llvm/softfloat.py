"""Small float formats in software: bf16, fp8 (and f16 with round-toward-zero) as integer bits.

Conversions work on the bits of the wider value with integer operations only,
so they vectorise and give one correctly rounded result (no double rounding,
even from f64). Overflow: IEEE-like formats go to infinity (round to nearest)
or to the largest finite value (toward zero); f8e4m3 (the 'fn' variant: no
infinity, one NaN code) saturates to +-448, as NVIDIA's satfinite conversion does; so do Triton's other fp8
formats: e4m3 with bias 15 (at +-1.75), and the 'fnuz' formats e4m3 bias 8 (+-240) and e5m2 bias 16 (+-57344),
whose only NaN is 0x80 (there is no -0: a negative zero result is +0).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from llvmlite import ir

from .types import const, shaped, zext


@dataclass(frozen=True)
class FloatFormat:
    """A binary float format: exponent and mantissa widths, bias, and whether it has inf/NaN at max exponent."""

    exp_bits: int
    man_bits: int
    bias: int
    ieee_specials: bool = True
    nan_is_negative_zero: bool = False      # 'fnuz': the code of -0 is the NaN, and every other code is finite

    @property
    def width(self) -> int:
        """Total bits."""
        return 1 + self.exp_bits + self.man_bits

    @property
    def inf_bits(self) -> int:
        """Bits of +inf (IEEE-like), the first code past the finite range."""
        return ((1 << self.exp_bits) - 1) << self.man_bits

    @property
    def max_finite_bits(self) -> int:
        """Bits of the largest finite value."""
        if self.nan_is_negative_zero:
            return (1 << (self.width - 1)) - 1
        return self.inf_bits - 1 if self.ieee_specials else (1 << (self.width - 1)) - 2

    @property
    def nan_bits(self) -> int:
        """Bits of the quiet NaN conversions produce."""
        if self.nan_is_negative_zero:
            return 1 << (self.width - 1)
        return self.inf_bits | (1 << (self.man_bits - 1)) if self.ieee_specials else (1 << (self.width - 1)) - 1


F16 = FloatFormat(5, 10, 15)
BF16 = FloatFormat(8, 7, 127)
F32 = FloatFormat(8, 23, 127)
F64 = FloatFormat(11, 52, 1023)
F8E5M2 = FloatFormat(5, 2, 15)
F8E4M3 = FloatFormat(4, 3, 7, ieee_specials=False)
F8E4B15 = FloatFormat(4, 3, 15, ieee_specials=False)
F8E4B8 = FloatFormat(4, 3, 8, ieee_specials=False, nan_is_negative_zero=True)
F8E5B16 = FloatFormat(5, 2, 16, ieee_specials=False, nan_is_negative_zero=True)
FORMATS = {"f16": F16, "bf16": BF16, "f32": F32, "f64": F64, "f8e5m2": F8E5M2, "f8e4m3": F8E4M3,
           "f8e4b15": F8E4B15, "f8e4b8": F8E4B8, "f8e5b16": F8E5B16}


def encode(value: float, fmt: FloatFormat) -> int:
    """The bits of `value` rounded to nearest even in `fmt`, with the overflow and NaN rules of `narrow`."""
    sign = int(math.copysign(1.0, value) < 0) << (fmt.width - 1)
    if math.isnan(value):
        return sign | fmt.nan_bits
    magnitude = abs(value)
    if math.isinf(magnitude):
        return sign | (fmt.inf_bits if fmt.ieee_specials else fmt.max_finite_bits)
    # The exponent of the value's quantum: its own, but never below the smallest normal's (subnormals).
    exp = max(math.frexp(magnitude)[1] - 1, 1 - fmt.bias) if magnitude else 1 - fmt.bias
    steps = round(Fraction(magnitude) / Fraction(2) ** (exp - fmt.man_bits))   # ties to even
    # A significand that rounded up to 2**(man_bits+1) carries into the exponent field by itself.
    bits = ((exp + fmt.bias - 1) << fmt.man_bits) + steps if steps >> fmt.man_bits else steps
    if bits > fmt.max_finite_bits:
        bits = fmt.inf_bits if fmt.ieee_specials else fmt.max_finite_bits
    return sign | bits if bits or not fmt.nan_is_negative_zero else 0


def _rne_shift(b: ir.IRBuilder, m: ir.Value, s: ir.Value) -> ir.Value:
    """m >> s rounded to nearest, ties to even (s >= 1)."""
    one = const(m.type.element if isinstance(m.type, ir.VectorType) else m.type, 1, m)
    half_minus_one = b.sub(b.shl(one, b.sub(s, one)), one)
    odd = b.and_(b.lshr(m, s), one)
    return b.lshr(b.add(b.add(m, half_minus_one), odd), s)


def narrow(b: ir.IRBuilder, x: ir.Value, src: FloatFormat, dst: FloatFormat, rounding: str = "rtne") -> ir.Value:
    """The bits (an integer of dst.width) of float `x` (f32 or f64, format `src`) rounded to `dst`."""
    w = src.width
    it = ir.IntType(w)
    c = lambda v: const(it, v, x)  # noqa: E731
    bits = b.bitcast(x, shaped(it, x))
    sign = b.lshr(bits, c(w - 1))
    mag = b.and_(bits, c((1 << (w - 1)) - 1))
    shift = src.man_bits - dst.man_bits
    # Normal results: re-bias the exponent, then drop the extra mantissa bits (a carry
    # into the exponent is the correct rounding up).
    rebiased = b.sub(mag, c((src.bias - dst.bias) << src.man_bits))
    if rounding == "rtne":
        normal = _rne_shift(b, rebiased, c(shift))
    else:
        normal = b.lshr(rebiased, c(shift))
    # Subnormal results: the significand (hidden bit included) shifted by the exponent gap.
    exp = b.lshr(mag, c(src.man_bits))
    is_norm_src = b.icmp_unsigned("!=", exp, c(0))
    exp_eff = b.select(is_norm_src, exp, c(1))
    sig = b.or_(b.and_(mag, c((1 << src.man_bits) - 1)), b.shl(b.zext(is_norm_src, shaped(it, x)), c(src.man_bits)))
    s = b.sub(c(shift + 1 - dst.bias + src.bias), exp_eff)
    s = b.select(b.icmp_unsigned(">", s, c(w - 1)), c(w - 1), s)
    sub = _rne_shift(b, sig, s) if rounding == "rtne" else b.lshr(sig, s)
    min_normal = (src.bias - dst.bias + 1) << src.man_bits
    r = b.select(b.icmp_unsigned("<", mag, c(min_normal)), sub, normal)
    # Overflow, infinity, NaN.
    if dst.ieee_specials and rounding == "rtne":
        overflow_to = dst.inf_bits
    else:
        overflow_to = dst.max_finite_bits
    inf_to = dst.inf_bits if dst.ieee_specials else dst.max_finite_bits
    r = b.select(b.icmp_unsigned(">", r, c(dst.max_finite_bits)), c(overflow_to), r)
    r = b.select(b.icmp_unsigned("==", mag, c(src.inf_bits)), c(inf_to), r)
    r = b.select(b.icmp_unsigned(">", mag, c(src.inf_bits)), c(dst.nan_bits), r)
    if dst.nan_is_negative_zero:      # no -0 (its code is the NaN): a zero result keeps no sign
        sign = b.select(b.icmp_unsigned("==", r, c(0)), c(0), sign)
    r = b.or_(r, b.shl(sign, c(dst.width - 1)))
    return b.trunc(r, shaped(ir.IntType(dst.width), x))


def widen_to_f32(b: ir.IRBuilder, bits: ir.Value, fmt: FloatFormat) -> ir.Value:
    """The f32 value (exact) of `bits` in a format narrower than f32."""
    i32 = ir.IntType(32)
    c = lambda v: const(i32, v, bits)  # noqa: E731
    f32t = shaped(ir.FloatType(), bits)
    wide = zext(b, bits, i32)
    if fmt == BF16:
        return b.bitcast(b.shl(wide, c(16)), f32t)
    sign = b.shl(b.lshr(wide, c(fmt.width - 1)), c(31))
    exp = b.and_(b.lshr(wide, c(fmt.man_bits)), c((1 << fmt.exp_bits) - 1))
    man = b.and_(wide, c((1 << fmt.man_bits) - 1))
    normal = b.or_(b.shl(b.add(exp, c(127 - fmt.bias)), c(23)), b.shl(man, c(23 - fmt.man_bits)))
    scale = const(ir.FloatType(), 2.0 ** (1 - fmt.bias - fmt.man_bits), bits)
    sub = b.bitcast(b.fmul(b.uitofp(man, f32t), scale), shaped(i32, bits))
    r = b.select(b.icmp_unsigned("==", exp, c(0)), sub, normal)
    max_exp = c((1 << fmt.exp_bits) - 1)
    if fmt.ieee_specials:
        special = b.or_(c(0x7F800000), b.shl(man, c(23 - fmt.man_bits)))
        r = b.select(b.icmp_unsigned("==", exp, max_exp), special, r)
    elif fmt.nan_is_negative_zero:
        is_nan = b.icmp_unsigned("==", wide, c(fmt.nan_bits))
        return b.bitcast(b.select(is_nan, c(0x7FC00000), b.or_(r, sign)), f32t)
    else:
        is_nan = b.icmp_unsigned("==", b.and_(wide, c((1 << (fmt.width - 1)) - 1)), c(fmt.nan_bits))
        r = b.select(is_nan, c(0x7FC00000), r)
    return b.bitcast(b.or_(r, sign), f32t)
