"""Math functions built from arithmetic only, so a loop of them vectorises (no libm call per element).

f32 only; f64 keeps the default hooks. Accuracy (checked in tests/cpu): exp,
exp2, log, log2 within 2 ulp, sin/cos within 2 ulp for every finite x (range
reduction in f64 below 2**20, Payne–Hanek above), erf within 2 ulp (a Taylor series in f64), all inside the
OpenCL single-precision bounds (3, 3, 4 and 16 ulp).
"""
from __future__ import annotations

import math

from llvmlite import ir

from .mathlib import MathLib
from .trig_reduce import reduce_huge
from .types import const, element, intrinsic, shaped

F32, F64, I32 = ir.FloatType(), ir.DoubleType(), ir.IntType(32)

# Minimax-style polynomial coefficients (classic single-precision fits, Cephes lineage).
_EXP_P = (1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
          5.0000001201e-1)
_LOG_P = (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
          -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)
_SIN_P = (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)
_COS_P = (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)
# pi/2 in three parts: the first two hold 33 bits each so j * part is exact for |j| < 2**20.
_PIO2 = (1.57079632673412561417e+00, 6.07710050650619224932e-11, 2.02226624879595063154e-21)
_FAST_REDUCTION_LIMIT = 2.0 ** 20   # from here on, Payne–Hanek (trig_reduce.py)
_ERF_TERMS = 64
_ERF_COEFFS = tuple((-1) ** n / (math.factorial(n) * (2 * n + 1)) * 2 / math.sqrt(math.pi)
                    for n in range(_ERF_TERMS))


def _horner(b: ir.IRBuilder, x: ir.Value, coeffs: tuple, fused: bool = False) -> ir.Value:
    ty = element(x.type)
    acc = const(ty, coeffs[0], x)
    for c in coeffs[1:]:
        acc = _mul_add(b, acc, x, const(ty, c, x), fused)
    return acc


def _mul_add(b: ir.IRBuilder, x: ir.Value, y: ir.Value, z: ir.Value, fused: bool) -> ir.Value:
    """x * y + z: one fma (rounded once) where `fused`, else a multiply and an add."""
    return intrinsic(b, "llvm.fma", x.type, [x, y, z]) if fused else b.fadd(b.fmul(x, y), z)


def _pow2(b: ir.IRBuilder, n: ir.Value) -> ir.Value:
    """2**n as f32 for an i32 n in [-126, 127]."""
    bits = b.shl(b.add(n, const(I32, 127, n)), const(I32, 23, n))
    return b.bitcast(bits, shaped(F32, n))


class VectorMath(MathLib):
    """MathLib whose f32 transcendental functions are straight-line arithmetic."""

    fused_exp = False     # exp's polynomial in fma steps: for targets where fma is one instruction

    def exp(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """e**x."""
        if element(x.type) != F32:
            return super().exp(b, x)
        c = lambda v: const(F32, v, x)  # noqa: E731
        xc = intrinsic(b, "llvm.minnum", x.type, [intrinsic(b, "llvm.maxnum", x.type, [x, c(-104.0)]), c(88.8)])
        n = intrinsic(b, "llvm.rint", x.type, [b.fmul(xc, c(1.44269504088896341))])
        r = b.fsub(b.fsub(xc, b.fmul(n, c(0.693359375))), b.fmul(n, c(-2.12194440e-4)))
        return self._scale(b, x, r, n)

    def _scale(self, b: ir.IRBuilder, x: ir.Value, r: ir.Value, n: ir.Value) -> ir.Value:
        """e**r * 2**n, with 2**n split in two factors so subnormal and overflowing results round right."""
        c = lambda v: const(F32, v, x)  # noqa: E731
        p = b.fadd(_mul_add(b, b.fmul(r, r), _horner(b, r, _EXP_P, self.fused_exp), r, self.fused_exp), c(1.0))
        ni = b.fptosi(n, shaped(I32, x))
        half = b.ashr(ni, const(I32, 1, ni))
        y = b.fmul(b.fmul(p, _pow2(b, half)), _pow2(b, b.sub(ni, half)))
        return b.select(b.fcmp_unordered("uno", x, x), x, y)

    def exp2(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """2**x."""
        if element(x.type) != F32:
            return super().exp2(b, x)
        c = lambda v: const(F32, v, x)  # noqa: E731
        xc = intrinsic(b, "llvm.minnum", x.type, [intrinsic(b, "llvm.maxnum", x.type, [x, c(-151.0)]), c(128.5)])
        n = intrinsic(b, "llvm.rint", x.type, [xc])
        r = b.fmul(b.fsub(xc, n), c(0.693147180559945309))
        return self._scale(b, x, r, n)

    def _log_parts(self, b: ir.IRBuilder, x: ir.Value) -> tuple[ir.Value, ir.Value]:
        """(e, log(m)) with x = m * 2**e, m in [sqrt(1/2), sqrt(2)); e as f32."""
        c = lambda v: const(F32, v, x)  # noqa: E731
        ci = lambda v: const(I32, v, x)  # noqa: E731
        tiny = b.fcmp_ordered("<", x, c(1.17549435e-38))
        xs = b.select(tiny, b.fmul(x, c(2.0 ** 25)), x)
        bits = b.bitcast(xs, shaped(I32, x))
        e = b.sub(b.lshr(bits, ci(23)), ci(126))
        m = b.bitcast(b.or_(b.and_(bits, ci(0x007FFFFF)), ci(0x3F000000)), x.type)  # in [0.5, 1)
        small = b.fcmp_ordered("<", m, c(0.707106781186547524))
        m = b.select(small, b.fadd(m, m), m)
        e = b.select(small, b.sub(e, ci(1)), e)
        e = b.select(tiny, b.sub(e, ci(25)), e)
        f = b.fsub(m, c(1.0))
        z = b.fmul(f, f)
        y = b.fmul(b.fmul(f, z), _horner(b, f, _LOG_P))
        y = b.fsub(y, b.fmul(z, c(0.5)))
        return b.sitofp(e, x.type), b.fadd(f, y)

    def _log_special(self, b: ir.IRBuilder, x: ir.Value, y: ir.Value) -> ir.Value:
        c = lambda v: const(F32, v, x)  # noqa: E731
        y = b.select(b.fcmp_ordered("==", x, c(math.inf)), x, y)
        y = b.select(b.fcmp_ordered("==", x, c(0.0)), c(-math.inf), y)
        return b.select(b.fcmp_unordered("<", x, c(0.0)), c(math.nan), y)

    def log(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Natural logarithm."""
        if element(x.type) != F32:
            return super().log(b, x)
        e, lm = self._log_parts(b, x)
        c = lambda v: const(F32, v, x)  # noqa: E731
        y = b.fadd(b.fadd(b.fmul(e, c(-2.12194440e-4)), lm), b.fmul(e, c(0.693359375)))
        return self._log_special(b, x, y)

    def log2(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Base-2 logarithm."""
        if element(x.type) != F32:
            return super().log2(b, x)
        e, lm = self._log_parts(b, x)
        y = b.fadd(e, b.fmul(lm, const(F32, 1.44269504088896341, x)))
        return self._log_special(b, x, y)

    def _sincos(self, b: ir.IRBuilder, x: ir.Value, quadrant_offset: int) -> ir.Value:
        c = lambda v: const(F32, v, x)  # noqa: E731
        cd = lambda v: const(F64, v, x)  # noqa: E731
        ax = intrinsic(b, "llvm.fabs", x.type, [x])
        finite = b.fcmp_ordered("<", ax, c(math.inf))
        xd = b.fpext(b.select(finite, x, c(0.0)), shaped(F64, x))
        j = intrinsic(b, "llvm.rint", xd.type, [b.fmul(xd, cd(2 / math.pi))])
        r = xd
        for part in _PIO2:
            r = b.fsub(r, b.fmul(j, cd(part)))
        q = b.fsub(j, b.fmul(intrinsic(b, "llvm.floor", xd.type, [b.fmul(j, cd(0.25))]), cd(4.0)))
        # Both reductions are computed and one selected, so the code stays branch-free.
        huge = b.fcmp_ordered(">=", ax, c(_FAST_REDUCTION_LIMIT))
        q_huge, r_huge = reduce_huge(b, x)
        r = b.select(huge, r_huge, r)
        qi = b.add(b.select(huge, q_huge, b.fptosi(q, shaped(I32, x))), const(I32, quadrant_offset, x))
        rf = b.fptrunc(r, x.type)
        z = b.fmul(rf, rf)
        s = b.fadd(rf, b.fmul(b.fmul(rf, z), _horner(b, z, _SIN_P)))
        co = b.fadd(b.fsub(c(1.0), b.fmul(z, c(0.5))), b.fmul(b.fmul(z, z), _horner(b, z, _COS_P)))
        odd = b.trunc(qi, shaped(ir.IntType(1), x))
        neg = b.icmp_unsigned("!=", b.and_(qi, const(I32, 2, x)), const(I32, 0, x))
        v = b.select(odd, co, s)
        v = b.select(neg, b.fneg(v), v)
        return b.select(finite, v, c(math.nan))

    def sin(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Sine."""
        if element(x.type) != F32:
            return super().sin(b, x)
        return self._sincos(b, x, 0)

    def cos(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Cosine."""
        if element(x.type) != F32:
            return super().cos(b, x)
        return self._sincos(b, x, 1)

    def erf(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Error function."""
        if element(x.type) != F32:
            return super().erf(b, x)
        # Beyond |x| = 4, erf rounds to +-1 in f32; below, the series in f64 loses
        # at most 5 of its 16 digits to cancellation.
        xd = b.fpext(x, shaped(F64, x))
        xd = intrinsic(b, "llvm.minnum", xd.type, [intrinsic(b, "llvm.maxnum", xd.type, [xd, const(F64, -4.0, x)]),
                                                   const(F64, 4.0, x)])
        series = _horner(b, b.fmul(xd, xd), tuple(reversed(_ERF_COEFFS)))
        y = b.fptrunc(b.fmul(xd, series), x.type)
        return b.select(b.fcmp_unordered("uno", x, x), x, y)
