"""Atomic loads and stores of one element, through the integer of its width.

Every back end takes atomic loads and stores of integers, not all of floats; and llvmlite's IRBuilder cannot
make an atomic store through an opaque pointer (it asks the pointer for its pointee type), so the store
instruction is built here.
"""
from __future__ import annotations

from llvmlite import ir

_FLOAT_BITS = {"half": 16, "bfloat": 16, "float": 32, "double": 64}


def bits_type(typ: ir.Type) -> ir.IntType:
    """The integer type as wide as scalar `typ`."""
    return typ if isinstance(typ, ir.IntType) else ir.IntType(_FLOAT_BITS[str(typ)])


def atomic_load(b: ir.IRBuilder, ptr: ir.Value, typ: ir.Type, ordering: str) -> ir.Value:
    """`load atomic` of one `typ` at `ptr` (naturally aligned) with `ordering` (e.g. 'acquire', or with a
    'syncscope("...") ' prefix)."""
    bits = bits_type(typ)
    got = b.load_atomic(ptr, ordering, max(1, bits.width // 8), typ=bits)
    return got if bits == typ else b.bitcast(got, typ)


def atomic_store(b: ir.IRBuilder, value: ir.Value, ptr: ir.Value, ordering: str) -> None:
    """`store atomic` of `value` at `ptr` (naturally aligned) with `ordering`."""
    bits = bits_type(value.type)
    data = value if bits == value.type else b.bitcast(value, bits)
    b._insert(ir.StoreAtomicInstr(b.block, data, ptr, ordering, max(1, bits.width // 8)))   # as IRBuilder does
