"""One pt elementwise op on llvmlite values, scalar or vector alike.

`lower_elementwise(b, "pt.add", [t, t], t, [x, y])` returns the result value.
Semantics follow ir/dialect_pt.py. Cases LLVM leaves undefined are defined here,
because kernels must not crash the host: integer division by zero gives the
dividend (remainder 0), INT_MIN / -1 wraps, a shift by the bit width or more
gives 0 (or the sign for arithmetic right shifts), float-to-int saturates.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

from llvmlite import ir

from pantile.ir import PointerType, ScalarType, Type

from .casts import bitcast, cast, from_float, to_f32
from .mathlib import MATH_FUNCTIONS, MathLib
from .types import PointerSpace, const, element, intrinsic, is_bits_float, llvm_mem_type, llvm_type, shaped, zext

DEFAULT_MATH = MathLib()
F32 = ScalarType("f32")
_CMP = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_FLOAT_BINARY = {"add": "fadd", "sub": "fsub", "mul": "fmul", "div": "fdiv", "div_rn": "fdiv", "rem": "frem"}
_INT_BINARY = {"add": "add", "sub": "sub", "mul": "mul", "and": "and_", "or": "or_", "xor": "xor"}


def _in_f32(b: ir.IRBuilder, t: ScalarType, args: Sequence[ir.Value],
            fn: Callable[..., ir.Value], back: bool = True) -> ir.Value:
    """Compute `fn` on bf16/fp8 arguments widened to f32, rounding the result back when `back`."""
    r = fn(*[to_f32(b, a, t) for a in args])
    return from_float(b, r, F32, t) if back else r


def _int_div(b: ir.IRBuilder, t: ScalarType, x: ir.Value, y: ir.Value, rem: bool) -> ir.Value:
    c = lambda v: const(element(x.type), v, x)  # noqa: E731
    zero = b.icmp_unsigned("==", y, c(0))
    if not t.is_signed:
        safe = b.select(zero, c(1), y)
        return b.select(zero, c(0), b.urem(x, safe)) if rem else b.udiv(x, safe)
    minus_one = b.icmp_signed("==", y, c(-1))
    safe = b.select(b.or_(zero, minus_one), c(1), y)
    if rem:
        return b.select(b.or_(zero, minus_one), c(0), b.srem(x, safe))
    return b.select(minus_one, b.sub(c(0), x), b.sdiv(x, safe))


def _shift(b: ir.IRBuilder, t: ScalarType, x: ir.Value, y: ir.Value, left: bool) -> ir.Value:
    c = lambda v: const(element(x.type), v, x)  # noqa: E731
    w = t.bitwidth
    big = b.icmp_unsigned(">=", y, c(w))
    amount = b.select(big, c(0), y)
    if left:
        return b.select(big, c(0), b.shl(x, amount))
    if t.is_signed:
        return b.ashr(x, b.select(big, c(w - 1), y))
    return b.select(big, c(0), b.lshr(x, amount))


def _propagating_nan(b: ir.IRBuilder, name: str, t: ScalarType, x: ir.Value, y: ir.Value, num: ir.Value) -> ir.Value:
    """IEEE 754-2019 maximum or minimum from maxnum/minnum's result `num`: NaN when either operand is NaN, and
    -0 below +0. Written out rather than llvm.maximum/minimum, which the SPIR-V back end lowers to OpenCL's
    fmax/fmin (the NaN is lost), so that every target keeps one policy (docs/floating-point.md)."""
    bits = ir.IntType(t.bitwidth)
    xi, yi = bitcast(b, x, bits), bitcast(b, y, bits)
    zeros = bitcast(b, b.and_(xi, yi) if name == "max" else b.or_(xi, yi), element(x.type))  # +0 wins max, -0 min
    r = b.select(b.fcmp_ordered("==", x, y), zeros, num)
    return b.select(b.fcmp_unordered("uno", x, y), const(element(x.type), float("nan"), x), r)


def _binary(b: ir.IRBuilder, name: str, t: ScalarType, x: ir.Value, y: ir.Value, attrs: dict,
            math: MathLib) -> ir.Value:
    if t.is_float:
        if is_bits_float(t):
            return _in_f32(b, t, (x, y), lambda u, v: _binary(b, name, F32, u, v, attrs, math))
        if name == "div":
            return math.div(b, x, y)
        if name in _FLOAT_BINARY:
            return getattr(b, _FLOAT_BINARY[name])(x, y)
        if name in ("max", "min"):
            num = intrinsic(b, "llvm.maxnum" if name == "max" else "llvm.minnum", x.type, [x, y])
            return _propagating_nan(b, name, t, x, y, num) if attrs.get("propagate_nan") else num
        raise ValueError(f"pt.{name} is not defined on floats")
    if name in _INT_BINARY:
        return getattr(b, _INT_BINARY[name])(x, y)
    if name in ("div", "rem"):
        return _int_div(b, t, x, y, name == "rem")
    if name in ("shl", "shr"):
        return _shift(b, t, x, y, name == "shl")
    if name in ("max", "min"):
        cmp = b.icmp_signed if t.is_signed else b.icmp_unsigned
        return b.select(cmp(">" if name == "max" else "<", x, y), x, y)
    raise ValueError(f"pt.{name} is not defined on integers")


def _unary(b: ir.IRBuilder, name: str, t: ScalarType, x: ir.Value, math: MathLib) -> ir.Value:
    if t.is_float and (is_bits_float(t) or t.name == "f16") and name not in ("neg", "abs"):
        # Math on narrow floats is computed in f32 and rounded once.
        wide = to_f32(b, x, t) if is_bits_float(t) else b.fpext(x, shaped(ir.FloatType(), x))
        return from_float(b, _unary(b, name, F32, wide, math), F32, t)
    c = lambda v: const(element(x.type), v, x)  # noqa: E731
    if name == "neg":
        if is_bits_float(t):
            return b.xor(x, c(1 << (t.bitwidth - 1)))
        return math.neg(b, x) if t.is_float else b.sub(c(0), x)
    if name == "abs":
        if is_bits_float(t):
            return b.and_(x, c((1 << (t.bitwidth - 1)) - 1))
        if t.is_float:
            return intrinsic(b, "llvm.fabs", x.type, [x])
        if not t.is_signed:
            return x
        return b.select(b.icmp_signed("<", x, c(0)), b.sub(c(0), x), x)
    if name == "not":
        return b.xor(x, c(-1))
    if name in MATH_FUNCTIONS:
        return math.call(b, name, x)
    raise ValueError(f"unknown unary op pt.{name}")


def _cmp(b: ir.IRBuilder, pred: str, t: Type, x: ir.Value, y: ir.Value) -> ir.Value:
    if isinstance(t, PointerType):
        return b.icmp_unsigned(_CMP[pred], x, y)
    if is_bits_float(t):
        x, y = to_f32(b, x, t), to_f32(b, y, t)
    if t.is_float:
        if pred == "ne":
            return b.fcmp_unordered("!=", x, y)
        return b.fcmp_ordered(_CMP[pred], x, y)
    if t.is_signed:
        return b.icmp_signed(_CMP[pred], x, y)
    return b.icmp_unsigned(_CMP[pred], x, y)


def _index(b: ir.IRBuilder, t: ScalarType, off: ir.Value) -> ir.Value:
    """An offset widened to i64 for address arithmetic, by its signedness."""
    target = shaped(ir.IntType(64), off)
    if t.bitwidth >= 64:
        return off
    return b.sext(off, target) if t.is_signed else zext(b, off, ir.IntType(64))


def addptr(b: ir.IRBuilder, ptr: ir.Value, pointee: Type, offset: ir.Value, offset_type: ScalarType,
           pointer_space: Optional[PointerSpace] = None) -> ir.Value:
    """ptr + offset elements of `pointee` (memory size: i1 takes a byte)."""
    return b.gep(ptr, [_index(b, offset_type, offset)], source_etype=llvm_mem_type(pointee, pointer_space))


def lower_elementwise(b: ir.IRBuilder, name: str, operand_types: Sequence[Type], result_type: Type,
                      operands: Sequence[ir.Value], attributes: Optional[dict[str, Any]] = None,
                      math: Optional[MathLib] = None, pointer_space: Optional[PointerSpace] = None) -> ir.Value:
    """The result of elementwise op `name` ('pt.add' or 'add') on llvmlite values.

    Types are IR types (for blocks, the element type is what counts); operands are
    scalars or vectors of the element's LLVM type (see llvm_type).
    """
    op = name[3:] if name.startswith("pt.") else name
    attrs = attributes or {}
    math = math or DEFAULT_MATH
    ts = [t.scalar for t in operand_types]
    rt = result_type.scalar
    if op == "cmp":
        return _cmp(b, attrs["predicate"], ts[0], *operands)
    if op == "select":
        return b.select(*operands)
    if op == "cast":
        native = math.round_to(b, operands[0], rt.name) if ts[0].name == "f32" and rt.is_float and \
            (attrs.get("rounding") or "rtne") == "rtne" else None
        return native if native is not None else cast(b, operands[0], ts[0], rt, attrs.get("rounding"))
    if op == "bitcast":
        return bitcast(b, operands[0], llvm_type(rt, pointer_space))
    if op == "ptr_to_int":
        return b.ptrtoint(operands[0], shaped(llvm_type(rt), operands[0]))
    if op == "int_to_ptr":
        return b.inttoptr(operands[0], shaped(llvm_type(rt, pointer_space), operands[0]))
    if op == "addptr":
        return addptr(b, operands[0], ts[0].pointee, operands[1], ts[1], pointer_space)
    if op == "fma":
        if is_bits_float(rt) or rt.name == "f16":
            wide = [to_f32(b, a, rt) if is_bits_float(rt) else b.fpext(a, shaped(ir.FloatType(), a)) for a in operands]
            return from_float(b, intrinsic(b, "llvm.fma", wide[0].type, wide), F32, rt)
        return intrinsic(b, "llvm.fma", operands[0].type, list(operands))
    if len(operands) == 2:
        return _binary(b, op, rt, operands[0], operands[1], attrs, math)
    if len(operands) == 1:
        return _unary(b, op, rt, operands[0], math)
    raise ValueError(f"pt.{op} is not an elementwise op")
