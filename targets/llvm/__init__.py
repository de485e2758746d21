"""Op-level lowering to LLVM IR shared by every LLVM-based target (CPU and SIMT).

- `llvm_type(t)`, `llvm_mem_type(t)`: IR types to llvmlite types (bf16 and fp8 as integer bits).
- `lower_elementwise(builder, name, operand_types, result_type, operands, attributes, math)`:
  any pt elementwise op, cast or bitcast on scalar or vector llvmlite values.
- `constant(t, value)`: a scalar constant (bf16 and fp8 as their rounded bits); `zext`: zero extension
  that LLVM's SPIR-V back end cannot miscompile.
- `MathLib`: math functions as overridable hooks (default: LLVM intrinsics);
  `VectorMath`: f32 versions from arithmetic only, which vectorise; `ArithmeticMath`: f64 ones too, for GPUs.
"""
from .casts import bitcast, cast, constant, from_float, to_f32
from .elementwise import addptr, lower_elementwise
from .mathlib import MATH_FUNCTIONS, MathLib
from .types import const, intrinsic, is_bits_float, lanes, llvm_mem_type, llvm_type, shaped, zext
from .arithmath import ArithmeticMath
from .vecmath import VectorMath

__all__ = ["bitcast", "cast", "constant", "from_float", "to_f32", "addptr", "lower_elementwise", "MATH_FUNCTIONS",
           "MathLib", "const", "intrinsic", "is_bits_float", "lanes", "llvm_mem_type", "llvm_type", "shaped", "zext",
           "VectorMath", "ArithmeticMath"]
