"""Small llvmlite helpers shared by the SIMT op modules: sizes, vectors, memory forms."""
from __future__ import annotations

from llvmlite import ir as llir

I32 = llir.IntType(32)


def nbytes(ty: llir.Type) -> int:
    """The size in bytes of one llvmlite scalar or pointer type."""
    if isinstance(ty, llir.IntType):
        return max(1, ty.width // 8)
    if isinstance(ty, llir.PointerType):
        return 8
    return {"half": 2, "bfloat": 2, "float": 4, "double": 8}[str(ty)]


def memory_form(ty: llir.Type) -> llir.Type:
    """How a value of `ty` is stored: i1 as a byte, everything else as itself."""
    return llir.IntType(8) if ty == llir.IntType(1) else ty


def to_memory(b: llir.IRBuilder, v: llir.Value, mem_t: llir.Type) -> llir.Value:
    """`v` widened to its memory form."""
    return b.zext(v, mem_t) if v.type != mem_t else v


def from_memory(b: llir.IRBuilder, v: llir.Value, val_t: llir.Type) -> llir.Value:
    """A loaded memory form back as `val_t` (a byte becomes i1 by != 0)."""
    return b.icmp_unsigned("!=", v, llir.Constant(v.type, 0)) if v.type != val_t else v


def pack(b: llir.IRBuilder, group: list) -> llir.Value:
    """One value, or a vector of several values of one type."""
    if len(group) == 1:
        return group[0]
    vec = llir.Constant(llir.VectorType(group[0].type, len(group)), None)
    for i, v in enumerate(group):
        vec = b.insert_element(vec, v, I32(i))
    return vec


def unpack(b: llir.IRBuilder, v: llir.Value, count: int) -> list:
    """The elements of a vector of `count` (or [v] when count is 1)."""
    return [v] if count == 1 else [b.extract_element(v, I32(i)) for i in range(count)]


def xor_offset(b: llir.IRBuilder, hw: llir.Value, c: int) -> llir.Value:
    """The i32 `hw ^ c`, folded when `hw` is a constant (LLVM's SPIR-V back end aborts on some
    instructions whose operands are all constants)."""
    if isinstance(hw, llir.Constant):
        return I32(hw.constant ^ c)
    return b.xor(hw, I32(c)) if c else hw


def address_offset(b: llir.IRBuilder, hw: llir.Value, c: int) -> llir.Value:
    """`hw ^ c` as an address offset: the bits of `c` that `hw` cannot have (possible_bits) are added (nuw nsw)
    to the xor of the others, so that the offsets of a thread's registers share a few xors and the rest folds
    into the addresses as immediates (no loop around them keeps a register per offset live)."""
    outer = c & ~possible_bits(hw)
    if isinstance(hw, llir.Constant) or not outer:
        return xor_offset(b, hw, c)
    return b.add(xor_offset(b, hw, c ^ outer), I32(outer), flags=["nuw", "nsw"])


def possible_bits(v: llir.Value) -> int:
    """The bits an i32 built from constants by xor, or and select (a thread's part of an address, as
    SimtLowering.hw_xor builds it) may have set; all of them (-1) for any other value."""
    if isinstance(v, llir.Constant):
        return v.constant
    if isinstance(v, llir.instructions.SelectInstr):
        return possible_bits(v.operands[1]) | possible_bits(v.operands[2])
    if isinstance(v, llir.instructions.Instruction) and v.opname in ("xor", "or"):
        return possible_bits(v.operands[0]) | possible_bits(v.operands[1])
    return -1
