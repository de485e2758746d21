"""pantile.ir: types, operations, builder, printer, parser and verifier of the shared SSA IR."""
from .builder import Builder
from .core import UNKNOWN_LOC, Block, BlockArgument, Location, Module, Operation, OpResult, Region, Value
from .ops import OpDef, all_ops, lookup
from .parser import ParseError, parse_module, parse_type, register_layout
from .printer import print_module, print_op
from .types import (BlockType, FunctionType, PointerType, ScalarType, TensorDescType, Type, bf16, block_of,
                    block_pointee, f8e4m3, f8e5m2,
                    f16, f32, f64, i1, i8, i16, i32, i64, scalar, u8, u16, u32, u64)
from .verifier import VerificationError, verify

__all__ = [
    "Builder", "UNKNOWN_LOC", "Block", "BlockArgument", "Location", "Module", "Operation", "OpResult",
    "Region", "Value", "OpDef", "all_ops", "lookup", "ParseError", "parse_module", "parse_type",
    "register_layout", "print_module", "print_op", "VerificationError", "verify", "BlockType",
    "FunctionType", "PointerType", "ScalarType", "TensorDescType", "Type", "block_pointee", "bf16", "block_of",
    "f8e4m3", "f8e5m2", "f16",
    "f32", "f64", "i1", "i8", "i16", "i32", "i64", "scalar", "u8", "u16", "u32", "u64",
]
