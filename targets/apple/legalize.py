"""LLVM intrinsics that LLVM 22's Vulkan SPIR-V back end cannot select, written with plain operations.

`llvm.copysign` (G_FCOPYSIGN has no Vulkan lowering) becomes bit operations, `llvm.ctlz` (G_CTLZ_ZERO_UNDEF is not
legalized for Vulkan) a binary search with shifts, `llvm.fshl` (which the back end writes as a function of its
own, exported with the Linkage capability that Vulkan forbids) two shifts; saturating float-to-integer conversions
(SaturatedConversion is Kernel-only) comparisons and selects.
"""
from __future__ import annotations

from typing import Callable, Optional

from llvmlite import ir as llir

from .float_compare import is_nan



def _splat(t: llir.Type, v: int) -> llir.Constant:
    if isinstance(t, llir.VectorType):
        return llir.Constant(t, [v] * t.count)
    return llir.Constant(t, v)


def _int_like(t: llir.Type) -> llir.Type:
    elem = t.element if isinstance(t, llir.VectorType) else t
    width = {llir.FloatType: 32, llir.DoubleType: 64, llir.HalfType: 16}[type(elem)]
    return llir.VectorType(llir.IntType(width), t.count) if isinstance(t, llir.VectorType) else llir.IntType(width)


def copysign(b: llir.IRBuilder, x: llir.Value, y: llir.Value) -> llir.Value:
    """The magnitude of x with the sign of y."""
    it = _int_like(x.type)
    width = (it.element if isinstance(it, llir.VectorType) else it).width
    sign = 1 << (width - 1)
    bits = b.or_(b.and_(b.bitcast(x, it), _splat(it, sign - 1)), b.and_(b.bitcast(y, it), _splat(it, sign)))
    return b.bitcast(bits, x.type)


def ctlz(b: llir.IRBuilder, x: llir.Value) -> llir.Value:
    """Leading zeros of an integer (its width for zero), by a binary search over halves of the bits."""
    width = x.type.width
    count, rest = llir.Constant(x.type, 0), x
    step = width // 2
    while step:
        zero = b.icmp_unsigned("==", b.lshr(rest, llir.Constant(x.type, width - step)), llir.Constant(x.type, 0))
        count = b.select(zero, b.add(count, llir.Constant(x.type, step)), count)
        rest = b.select(zero, b.shl(rest, llir.Constant(x.type, step)), rest)
        step //= 2
    return b.select(b.icmp_unsigned("==", x, llir.Constant(x.type, 0)), llir.Constant(x.type, width), count)


def funnel_shift_left(b: llir.IRBuilder, high: llir.Value, low: llir.Value, shift: llir.Value) -> llir.Value:
    """The upper half of (high:low) << (shift mod width)."""
    width = llir.Constant(high.type, high.type.width)
    s = b.urem(shift, width)
    shifted = b.or_(b.shl(high, s), b.lshr(low, b.sub(width, s)))
    return b.select(b.icmp_unsigned("==", s, llir.Constant(high.type, 0)), high, shifted)


def carry_compare(ins: llir.Instruction) -> bool:
    """An unsigned comparison of a sum with one of its terms: LLVM's code generation turns it into an add with
    carry (OpIAddCarry), which naga does not read."""
    if not isinstance(ins, llir.ICMPInstr) or ins.op not in ("ult", "ugt", "ule", "uge"):
        return False
    x, y = ins.operands
    return any(isinstance(s, llir.Instruction) and s.opname == "add" and t in s.operands for s, t in ((x, y), (y, x)))


def wide_signed_compare(ins: llir.Instruction) -> bool:
    """A signed comparison of 64-bit integers. Measured on lavapipe (Mesa 22.3.6, LLVM 15): `i64(s) >= 3` with s an
    i32 is true for every s, `i64(s) < 3` false, and `3 <= i64(s)` true, through wgpu 0.32 from WGSL as well as
    from our SPIR-V, and from a hand-written SPIR-V module (OpSConvert, then OpSGreaterThanEqual with a constant)
    given to the Vulkan driver directly, without naga: the driver's compiler is at fault (docs/apple-vulkan.md).
    The same comparison against a loaded 3, of `i64(s) - 3` against 0, or unsigned, is right. The driver may fold
    either side into a constant, so every signed 64-bit comparison is made unsigned."""
    if not isinstance(ins, llir.ICMPInstr) or ins.op not in ("slt", "sgt", "sle", "sge"):
        return False
    t = ins.operands[0].type
    return (t.element if isinstance(t, llir.VectorType) else t).width == 64


def signed_remainder(b: llir.IRBuilder, x: llir.Value, y: llir.Value) -> llir.Value:
    """`srem x, y` as the remainder of the magnitudes, with x's sign. NVIDIA's Vulkan driver (580, through wgpu
    0.32) gave `x % y` of negative operands as the unsigned remainder of their bits (-7 % 2 = 1, 7 % -2 = 7,
    -9 % 4 = 3), for i8, i32 and i64; lavapipe was right. The signs are read as unsigned comparisons, which
    wide_signed_compare would otherwise have to rewrite."""
    t = x.type
    width = (t.element if isinstance(t, llir.VectorType) else t).width
    zero = _splat(t, 0)
    negative = lambda v: b.icmp_unsigned(">", v, _splat(t, (1 << (width - 1)) - 1))  # noqa: E731
    magnitude = lambda v, neg: b.select(neg, b.sub(zero, v), v)                        # noqa: E731
    x_negative = negative(x)
    rest = b.urem(magnitude(x, x_negative), magnitude(y, negative(y)))
    return b.select(x_negative, b.sub(zero, rest), rest)


SYMBOLS = {"lt": "<", "gt": ">", "le": "<=", "ge": ">="}


def flipped_compare(b: llir.IRBuilder, ins: llir.ICMPInstr) -> llir.Value:
    """The ordering comparison `ins` with its operands' top bits flipped and the other signedness (the same
    result: flipping the top bit maps the signed order onto the unsigned one)."""
    t = ins.operands[0].type
    width = (t.element if isinstance(t, llir.VectorType) else t).width
    x, y = (b.xor(v, _splat(t, 1 << (width - 1))) for v in ins.operands)
    compare = b.icmp_signed if ins.op[0] == "u" else b.icmp_unsigned
    return compare(SYMBOLS[ins.op[1:]], x, y)


def saturating_conversion(b: llir.IRBuilder, x: llir.Value, to: llir.IntType, signed: bool,
                          width: int = 0) -> llir.Value:
    """fptosi/fptoui.sat of `x` into the range of a `width`-bit integer (`to`'s width by default) as a `to`, by
    comparisons (the SPIR-V back end writes SaturatedConversion, which is Kernel-only)."""
    width = width or to.width
    lo = -(2 ** (width - 1)) if signed else 0
    hi = 2 ** (width - 1) if signed else 2 ** width      # a power of two: exact in every float type
    plain = b.fptosi(x, to) if signed else b.fptoui(x, to)
    low = b.select(b.fcmp_ordered("<=", x, llir.Constant(x.type, float(lo))), llir.Constant(to, lo), plain)
    high = b.select(b.fcmp_ordered(">=", x, llir.Constant(x.type, float(hi))), llir.Constant(to, hi - 1), low)
    return b.select(is_nan(b, x), llir.Constant(to, 0), high)


FOLDED = {"add": lambda x, y, w: x + y, "sub": lambda x, y, w: x - y, "mul": lambda x, y, w: x * y,
          "and": lambda x, y, w: x & y, "or": lambda x, y, w: x | y, "xor": lambda x, y, w: x ^ y,
          "shl": lambda x, y, w: x << (y % w), "lshr": lambda x, y, w: x >> (y % w),
          "ashr": lambda x, y, w: _signed_value(x, w) >> (y % w)}


def _signed_value(x: int, width: int) -> int:
    top = 1 << (width - 1)
    return (x ^ top) - top


def folded_constant(ins: llir.Instruction) -> Optional[llir.Constant]:
    """The value of a scalar integer operation or extension of constants, or None. The lowering and the rewrites
    write some (a zero offset times a stride, a byte offset shifted into a word index); LLVM 22's SPIR-V back end
    made the i32 0 of `mul i32 0, 64` in a later block the definition of every i32 0, so that a workgroup
    array's GEP before it lost its constant first index and instruction selection aborted, and it stopped on
    `shl i32 0, 24` ("Unexpected integer constant pattern")."""
    if not isinstance(ins.type, llir.IntType) or not ins.operands or not all(
            isinstance(v, llir.Constant) and isinstance(v.constant, int) for v in ins.operands):
        return None
    width = ins.type.width
    values = [v.constant % (1 << v.type.width) for v in ins.operands]
    if ins.opname in FOLDED and len(values) == 2:
        return llir.Constant(ins.type, FOLDED[ins.opname](*values, width) % (1 << width))
    if ins.opname in ("zext", "trunc"):
        return llir.Constant(ins.type, values[0] % (1 << width))
    if ins.opname == "sext":
        return llir.Constant(ins.type, _signed_value(values[0], ins.operands[0].type.width) % (1 << width))
    return None


def legal_call(ins: llir.CallInstr) -> Optional[Callable[[llir.IRBuilder], llir.Value]]:
    """A builder of the call's value from legal operations, or None when the back end selects the call itself."""
    name = getattr(ins.callee, "name", "")
    if name.startswith("llvm.copysign."):
        return lambda b: copysign(b, *ins.args)
    if name.startswith("llvm.fshl.i"):
        return lambda b: funnel_shift_left(b, *ins.args)
    if name.startswith("llvm.ctlz.i"):
        return lambda b: ctlz(b, ins.args[0])
    return None


class WideIntegers:
    """128-bit integers (Vulkan SPIR-V has none) as pairs of 64-bit halves: the zero extensions, products,
    shifts right by 64 and truncations that f64math's Payne-Hanek reduction writes for a 64 x 64-bit product."""

    def __init__(self) -> None:
        self.halves: dict[llir.Value, tuple[llir.Value, llir.Value]] = {}

    @staticmethod
    def handles(ins: llir.Instruction) -> bool:
        """Whether `ins` makes or reads a 128-bit integer."""
        wide = lambda t: isinstance(t, llir.IntType) and t.width == 128  # noqa: E731
        return wide(ins.type) or any(wide(v.type) for v in getattr(ins, "operands", ()))

    def visit(self, b: llir.IRBuilder, ins: llir.Instruction) -> llir.Value | None:
        """Record the halves of a 128-bit result; the 64-bit value that replaces a truncation (else None)."""
        i64 = llir.IntType(64)
        if isinstance(ins, llir.CastInstr) and ins.opname == "zext" and ins.type.width == 128:
            x = ins.operands[0]
            self.halves[ins] = (b.zext(x, i64) if x.type.width < 64 else x, i64(0))
        elif isinstance(ins, llir.CastInstr) and ins.opname == "trunc" and ins.type.width <= 64:
            lo = self.halves[ins.operands[0]][0]
            return lo if ins.type.width == 64 else b.trunc(lo, ins.type)
        elif ins.opname == "mul":
            (a, a_hi), (c, c_hi) = (self.halves[v] for v in ins.operands)
            if not (a_hi is c_hi is i64(0) or (isinstance(a_hi, llir.Constant) and isinstance(c_hi, llir.Constant)
                                                and a_hi.constant == c_hi.constant == 0)):
                raise NotImplementedError(f"a 128-bit product of more than 64-bit factors: {ins}")
            self.halves[ins] = _product(b, a, c)
        elif ins.opname == "lshr" and isinstance(ins.operands[1], llir.Constant) and ins.operands[1].constant == 64:
            self.halves[ins] = (self.halves[ins.operands[0]][1], i64(0))
        else:
            raise NotImplementedError(f"a 128-bit integer operation the Vulkan flavour does not lower: {ins}")
        return None


def _product(b: llir.IRBuilder, x: llir.Value, y: llir.Value) -> tuple[llir.Value, llir.Value]:
    """(low, high) 64-bit halves of x * y from four 32 x 32-bit products."""
    i64 = llir.IntType(64)
    mask, k32 = i64(0xFFFFFFFF), i64(32)
    x0, x1, y0, y1 = b.and_(x, mask), b.lshr(x, k32), b.and_(y, mask), b.lshr(y, k32)
    p00, p01, p10, p11 = b.mul(x0, y0), b.mul(x0, y1), b.mul(x1, y0), b.mul(x1, y1)
    middle = b.add(b.add(b.lshr(p00, k32), b.and_(p01, mask)), b.and_(p10, mask))   # < 3 * 2**32: no overflow
    low = b.or_(b.and_(p00, mask), b.shl(middle, k32))
    high = b.add(b.add(p11, b.lshr(p01, k32)), b.add(b.lshr(p10, k32), b.lshr(middle, k32)))
    return low, high
