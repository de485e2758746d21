"""Payne–Hanek range reduction of any finite f32 x: x * 2/pi mod 4, exact to 2**-62, without branches.

An f32 x is m * 2**(E - 150) with an integer m < 2**24 (E the biased exponent).
For each E a table holds the 96-bit window W_E = floor(2/pi * 2**(E - 56)) mod 2**96,
so m * W_E / 2**94 equals x * 2/pi mod 4 up to m / 2**94: the bits of 2/pi above the
window only add multiples of 4, those below it less than 2**-70. The table lookup is the
only data-dependent step, so a loop of these still vectorises (as a gather).
"""
from __future__ import annotations

import math

from llvmlite import ir

from .types import const, per_lane, shaped

I32, I64, F64 = ir.IntType(32), ir.IntType(64), ir.DoubleType()
_WINDOW_BITS = 96
_FRACTION_BITS = _WINDOW_BITS - 2   # the window's product holds x*2/pi mod 4 with this many fraction bits
_TABLE_NAME = "__pantile_two_over_pi_windows"


def _pi_scaled(bits: int) -> int:
    """floor(pi * 2**bits) within a few units, by Machin's formula in integers."""
    guard = 64
    one = 1 << (bits + guard)

    def atan_inv(k: int) -> int:
        total, term, n, sign = 0, one // k, 1, 1
        while term:
            total += sign * (term // n)
            term //= k * k
            n, sign = n + 2, -sign
        return total

    return (16 * atan_inv(5) - 4 * atan_inv(239)) >> guard


def two_over_pi_bits(bits: int) -> int:
    """floor(2/pi * 2**bits), exact for the table's purposes (computed with 256 spare bits)."""
    spare = 256
    precision = bits + spare
    return (1 << (precision + bits + spare + 1)) // _pi_scaled(precision) >> spare


def window(biased_exponent: int) -> int:
    """W_E = floor(2/pi * 2**(E - 56)) mod 2**96 for the f32 biased exponent E."""
    top = 2 * 255
    shift = top - (biased_exponent - 150 + _FRACTION_BITS)
    return (two_over_pi_bits(top) >> shift) % (1 << _WINDOW_BITS)


def _table(module: ir.Module) -> ir.GlobalVariable:
    """The [256 x [3 x i32]] table of windows, most significant word first, added to `module` once."""
    table = module.globals.get(_TABLE_NAME)
    if table is not None:
        return table
    row = ir.ArrayType(I32, _WINDOW_BITS // 32)
    ty = ir.ArrayType(row, 256)
    rows = []
    for e in range(256):
        w = window(e)
        rows.append(ir.Constant(row, [(w >> (64 - 32 * k)) & 0xFFFFFFFF for k in range(3)]))
    table = ir.GlobalVariable(module, ty, _TABLE_NAME)
    table.initializer = ir.Constant(ty, rows)
    table.global_constant = True
    table.linkage = "internal"
    return table


def reduce_huge(b: ir.IRBuilder, x: ir.Value) -> tuple[ir.Value, ir.Value]:
    """(q, r) for an f32 x (scalar or vector): x = (q + r * 2/pi) * pi/2 mod 2*pi, q an i32, r an f64 in
    [-pi/4, pi/4] accurate to 2**-60 absolute; meaningless only for inf and nan."""
    ci = lambda v: const(I32, v, x)  # noqa: E731
    cl = lambda v: const(I64, v, x)  # noqa: E731
    bits = b.bitcast(x, shaped(I32, x))
    exponent = b.and_(b.lshr(bits, ci(23)), ci(0xFF))
    mantissa = b.zext(b.or_(b.and_(bits, ci(0x7FFFFF)), ci(0x800000)), shaped(I64, x))
    table = _table(b.module)
    zero = ir.Constant(I32, 0)

    def word(k: int) -> ir.Value:
        load = lambda e: b.load(b.gep(table, [zero, e, ir.Constant(I32, k)], inbounds=True), typ=I32)  # noqa: E731
        return b.mul(mantissa, b.zext(per_lane(b, load, exponent, I32), shaped(I64, x)))

    hi, mid, lo = word(0), word(1), word(2)
    # The top 64 bits of m * W mod 2**96: 2 integer bits (x*2/pi mod 4) and 62 fraction bits.
    top = b.add(b.add(b.lshr(lo, cl(32)), mid), b.shl(hi, cl(32)))
    q = b.lshr(b.add(top, cl(1 << 61)), cl(62))
    fraction = b.sub(top, b.shl(q, cl(62)))   # as signed: in [-2**61, 2**61)
    r = b.fmul(b.sitofp(fraction, shaped(F64, x)), const(F64, math.pi / 2 * 2.0 ** -62, x))
    qi = b.trunc(q, shaped(I32, x))
    negative = b.icmp_signed("<", bits, ci(0))
    return b.select(negative, b.neg(qi), qi), b.select(negative, b.fneg(r), r)
