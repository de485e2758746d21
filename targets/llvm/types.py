"""IR types to llvmlite types, and constants that match a value's shape (scalar or vector)."""
from __future__ import annotations

from typing import Callable, Optional, Union

from llvmlite import ir

from pantile.ir import BlockType, PointerType, ScalarType, Type

# bf16 and fp8 have no LLVM type every back end accepts: they travel as their bits.
_SCALARS: dict[str, ir.Type] = {
    "i1": ir.IntType(1), "i8": ir.IntType(8), "i16": ir.IntType(16), "i32": ir.IntType(32),
    "i64": ir.IntType(64), "u8": ir.IntType(8), "u16": ir.IntType(16), "u32": ir.IntType(32),
    "u64": ir.IntType(64), "f16": ir.HalfType(), "bf16": ir.IntType(16), "f32": ir.FloatType(),
    "f64": ir.DoubleType(), "f8e4m3": ir.IntType(8), "f8e5m2": ir.IntType(8),
    "f8e4b15": ir.IntType(8), "f8e4b8": ir.IntType(8), "f8e5b16": ir.IntType(8),
}
# Types computed in f32 and rounded back after every operation.
BITS_FLOATS = frozenset({"bf16", "f8e4m3", "f8e5m2", "f8e4b15", "f8e4b8", "f8e5b16"})

PointerSpace = Callable[[int], int]


def llvm_type(t: Type, pointer_space: Optional[PointerSpace] = None) -> ir.Type:
    """The LLVM type of a scalar or pointer; for a block, the type of one element.

    `pointer_space` maps IR address spaces to the target's (the CPU maps all to 0).
    """
    if isinstance(t, BlockType):
        return llvm_type(t.element, pointer_space)
    if isinstance(t, PointerType):
        return ir.PointerType(addrspace=pointer_space(t.addrspace) if pointer_space else t.addrspace)
    if isinstance(t, ScalarType):
        return _SCALARS[t.name]
    raise TypeError(f"no LLVM type for {t}")


def llvm_mem_type(t: Type, pointer_space: Optional[PointerSpace] = None) -> ir.Type:
    """The LLVM type of a value in memory: i1 is stored as a byte (as torch.bool and numpy bool are)."""
    lt = llvm_type(t, pointer_space)
    return ir.IntType(8) if lt == ir.IntType(1) else lt


def is_bits_float(t: Type) -> bool:
    """True for bf16 and fp8, which are held as integer bits and computed in f32."""
    return isinstance(t.scalar, ScalarType) and t.scalar.name in BITS_FLOATS


def lanes(v: Union[ir.Value, ir.Type]) -> int:
    """The vector width of a value or type, 0 for a scalar."""
    t = v if isinstance(v, ir.Type) else v.type
    return t.count if isinstance(t, ir.VectorType) else 0


def shaped(ty: ir.Type, like: Union[ir.Value, ir.Type, int]) -> ir.Type:
    """`ty`, or a vector of it as wide as `like` (a value, a type or a lane count)."""
    n = like if isinstance(like, int) else lanes(like)
    return ir.VectorType(ty, n) if n else ty


def const(ty: ir.Type, value: Union[int, float], like: Union[ir.Value, ir.Type, int] = 0) -> ir.Constant:
    """A constant of element type `ty`, splatted to the shape of `like`."""
    n = like if isinstance(like, int) else lanes(like)
    if n:
        return ir.Constant(ir.VectorType(ty, n), [ir.Constant(ty, value)] * n)
    return ir.Constant(ty, value)


def zext(b: ir.IRBuilder, x: ir.Value, ty: ir.Type) -> ir.Value:
    """`x` zero-extended to element type `ty` (shaped like `x`).

    A zext of a trunc from wider than `ty` is written as trunc + and: LLVM's SPIR-V back end combines
    the pair into an `and` and drops the trunc, which spirv-val rejects (operand wider than the result).
    """
    target = shaped(ty, x)
    if isinstance(x, ir.CastInstr) and x.opname == "trunc" and element(x.operands[0].type).width >= ty.width:
        wide = x.operands[0]
        narrowed = wide if wide.type == target else b.trunc(wide, target)
        return b.and_(narrowed, const(ty, (1 << element(x.type).width) - 1, x))
    return b.zext(x, target)


def element(ty: ir.Type) -> ir.Type:
    """The element type of a vector type, or the type itself."""
    return ty.element if isinstance(ty, ir.VectorType) else ty


def type_suffix(ty: ir.Type) -> str:
    """The overload suffix LLVM intrinsics use: f32, i16, v8f32 ..."""
    if isinstance(ty, ir.VectorType):
        return f"v{ty.count}{type_suffix(ty.element)}"
    if isinstance(ty, ir.IntType):
        return f"i{ty.width}"
    if isinstance(ty, ir.PointerType):
        return f"p{ty.addrspace}"
    return {"half": "f16", "float": "f32", "double": "f64"}[str(ty)]


def intrinsic(b: ir.IRBuilder, name: str, ret: ir.Type, args: list, overload: tuple = ()) -> ir.Value:
    """Call intrinsic `name` mangled with the types in `overload` (default: the return type)."""
    module = b.module
    full = name + "".join("." + type_suffix(t) for t in (overload or (ret,)))
    fn = module.globals.get(full)
    if fn is None:
        fn = ir.Function(module, ir.FunctionType(ret, [a.type for a in args]), full)
    return b.call(fn, args)


def external(b: ir.IRBuilder, name: str, ret: ir.Type, arg_types: list) -> ir.Function:
    """The declaration of an external function, added to the module once."""
    fn = b.module.globals.get(name)
    if fn is None:
        fn = ir.Function(b.module, ir.FunctionType(ret, arg_types), name)
    return fn


def per_lane(b: ir.IRBuilder, fn: Callable[[ir.Value], ir.Value], x: ir.Value, ret: ir.Type) -> ir.Value:
    """Apply a scalar function to each lane of a vector (or to a scalar)."""
    n = lanes(x)
    if not n:
        return fn(x)
    out = ir.Constant(ir.VectorType(ret, n), ir.Undefined)
    for i in range(n):
        idx = ir.Constant(ir.IntType(32), i)
        out = b.insert_element(out, fn(b.extract_element(x, idx)), idx)
    return out
