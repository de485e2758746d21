"""Triton's type rules: dtypes of Python numbers and the computation type of a binary op."""
from __future__ import annotations

from typing import Any

from ..errors import LanguageError
from .core import dtype

int1, int32, int64, uint32, uint64 = dtype("int1"), dtype("int32"), dtype("int64"), dtype("uint32"), dtype("uint64")
fp16, bf16, fp32, fp64 = dtype("fp16"), dtype("bf16"), dtype("fp32"), dtype("fp64")

_F32_NORMAL = (2.0 ** -126, (2 - 2.0 ** -23) * 2.0 ** 127)
_INT_RANGES = [(int32, -2**31, 2**31), (uint32, 2**31, 2**32), (int64, -2**63, 2**63), (uint64, 2**63, 2**64)]


def is_number(x: Any) -> bool:
    """True for a Python bool, int or float (a constexpr number)."""
    return isinstance(x, (bool, int, float))


def python_dtype(x: Any) -> dtype:
    """The dtype Triton gives a Python number: int1, int32/uint32/int64/uint64 by range, fp32 (fp64 beyond
    float32's normal range)."""
    if isinstance(x, bool):
        return int1
    if isinstance(x, int):
        for t, lo, hi in _INT_RANGES:
            if lo <= x < hi:
                return t
        raise LanguageError(f"integer constant {x} is out of range: it does not fit in 64 bits", "use a smaller value")
    if isinstance(x, float):
        # fp64 for a finite non-zero magnitude outside float32's normal range (1e50, 1e-40), as in Triton
        wide = x == x and 0.0 < abs(x) < float("inf") and not _F32_NORMAL[0] <= abs(x) <= _F32_NORMAL[1]
        return fp64 if wide else fp32
    raise LanguageError(f"expected a number, got {type(x).__name__} {x!r}")


def kind(t: dtype) -> int:
    """Triton's order of kinds: 0 bool < 1 integer < 2 float."""
    return 0 if t.is_bool() else (1 if t.is_int() else 2)


def integer_promote(a: dtype, b: dtype) -> dtype:
    """C's usual arithmetic conversions on two integer dtypes."""
    if a.is_int_unsigned() == b.is_int_unsigned():
        return a if a.int_bitwidth > b.int_bitwidth else b
    if a.is_int_unsigned():
        return a if a.int_bitwidth >= b.int_bitwidth else b
    return b if b.int_bitwidth >= a.int_bitwidth else a


def computation_type(a: dtype, a_is_python: bool, b: dtype, b_is_python: bool, div_or_mod: bool,
                     symbol: str) -> dtype:
    """The dtype both operands of a binary op are converted to (Triton's rules)."""
    if a_is_python != b_is_python:
        py, t = (a, b) if a_is_python else (b, a)
        # A Python number of a lower or equal kind than the tensor's does not take part.
        if kind(py) <= kind(t):
            return fp32 if div_or_mod and t in (fp16, bf16) else t
    if fp64 in (a, b):
        return fp64
    if fp32 in (a, b):
        return fp32
    if fp16 in (a, b):
        return fp32 if div_or_mod else fp16
    if bf16 in (a, b):
        return bf16 if a == b and not div_or_mod else fp32
    if a.is_fp8() and b.is_fp8():
        return a if a == b else fp16
    if not (a.is_int() and b.is_int()):
        raise LanguageError(f"operator {symbol} cannot combine {a} and {b}",
                            "cast one operand with .to(...) so both are floats or both are integers")
    if div_or_mod and a.is_int_unsigned() != b.is_int_unsigned():
        raise LanguageError(f"Cannot use {symbol} on {a} and {b} because they have different signedness",
                            "cast both operands to the same signedness with .to(...)")
    return integer_promote(a, b)
