"""Triton's triton.language.semantic, the part user code reaches for: the type rules of binary operators
(integer_promote_impl, computation_type_impl, to_tensor_type), as TritonSemantic's methods and, for code written
against Triton before 3.4, as module functions; and IncompatibleTypeErrorImpl. The operations themselves are the
tl.* functions: pantile's language functions take no builder."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import LanguageError
from .core import dtype, tensor, unwrap
from .promotion import computation_type, integer_promote, python_dtype


class IncompatibleTypeErrorImpl(Exception):
    """Two operand types an operator cannot combine (Triton's message)."""

    def __init__(self, type_a: Any, type_b: Any) -> None:
        self.type_a, self.type_b = type_a, type_b
        self.message = f"invalid operands of type {type_a!r} and {type_b!r}"
        super().__init__(self.message)


class TritonSemantic:
    """Triton's semantic object: the type rules kernels' operators follow (the builder is accepted and kept)."""

    tensor = tensor

    def __init__(self, builder: Optional[Any] = None) -> None:
        self.builder = builder

    def integer_promote_impl(self, a_ty: dtype, b_ty: dtype) -> dtype:
        """C's usual arithmetic conversions of two integer types (unsigned wins at equal width)."""
        if not (a_ty.is_int() and b_ty.is_int()):
            raise IncompatibleTypeErrorImpl(a_ty, b_ty)
        return integer_promote(a_ty, b_ty)

    def computation_type_impl(self, a_ty: dtype, a_is_scalar: bool, b_ty: dtype, b_is_scalar: bool,
                              div_or_mod: bool) -> dtype:
        """The type both operands of a binary operator are converted to; a Python number (`*_is_scalar`) of a
        kind no higher than the tensor's does not take part. A TypeError for types that do not combine."""
        try:
            return computation_type(a_ty, a_is_scalar, b_ty, b_is_scalar, div_or_mod, "/" if div_or_mod else "+")
        except LanguageError as err:
            raise TypeError(err.message) from None

    def to_tensor_type(self, x: Any) -> dtype:
        """The type a Python number becomes in a kernel: int1, int32/uint32/int64/uint64 by range, fp32."""
        try:
            return python_dtype(unwrap(x))
        except LanguageError as err:
            raise ValueError(err.message) from None


_default = TritonSemantic()
integer_promote_impl = _default.integer_promote_impl
computation_type_impl = _default.computation_type_impl
to_tensor_type = _default.to_tensor_type

__all__ = ["IncompatibleTypeErrorImpl", "TritonSemantic", "computation_type_impl", "integer_promote_impl",
           "to_tensor_type"]
