"""Float comparisons that keep their NaN behaviour through naga.

naga reads every SPIR-V float comparison as its own ordered one (OpFUnordNotEqual of a NaN gave false on
lavapipe through wgpu), and OpUnordered / OpOrdered are Kernel-only. So each unordered predicate is written as
the negation of the ordered inverse predicate (NaN makes the ordered one false, its negation true), and a NaN
test reads the bits: exponent all ones and a fraction other than zero.
"""
from __future__ import annotations

from llvmlite import ir as llir

# unordered predicate -> the ordered predicate it negates
ORDERED_INVERSE = {"ueq": "one", "une": "oeq", "ult": "oge", "ule": "ogt", "ugt": "ole", "uge": "olt"}
_SYMBOL = {"oeq": "==", "one": "!=", "olt": "<", "ole": "<=", "ogt": ">", "oge": ">="}


def _bits_type(t: llir.Type) -> llir.Type:
    width = 64 if isinstance(t, llir.DoubleType) else 16 if isinstance(t, llir.HalfType) else 32
    return llir.IntType(width)


def is_nan(b: llir.IRBuilder, x: llir.Value) -> llir.Value:
    """True where `x` (a float scalar or vector) is a NaN, from its bits."""
    vector = isinstance(x.type, llir.VectorType)
    elem = x.type.element if vector else x.type
    ity = _bits_type(elem)
    width = ity.width
    mantissa = {16: 10, 32: 23, 64: 52}[width]
    shaped = llir.VectorType(ity, x.type.count) if vector else ity

    def c(v: int) -> llir.Constant:
        return llir.Constant(shaped, [v] * x.type.count) if vector else llir.Constant(ity, v)
    magnitude = b.and_(b.bitcast(x, shaped), c((1 << (width - 1)) - 1))
    return b.icmp_unsigned(">", magnitude, c(((1 << (width - 1 - mantissa)) - 1) << mantissa))


def float_compare(b: llir.IRBuilder, op: str, x: llir.Value, y: llir.Value) -> llir.Value:
    """`fcmp op x, y` from ordered comparisons and bit tests only."""
    if op in ("uno", "ord"):
        either = b.or_(is_nan(b, x), is_nan(b, y))
        return either if op == "uno" else b.not_(either)
    if op in ORDERED_INVERSE:
        return b.not_(b.fcmp_ordered(_SYMBOL[ORDERED_INVERSE[op]], x, y))
    return b.fcmp_ordered(_SYMBOL[op], x, y)


def needs_rewrite(op: str) -> bool:
    """Whether naga would change the meaning of `fcmp op` (every unordered predicate, ord, and uno)."""
    return op in ORDERED_INVERSE or op in ("uno", "ord")
