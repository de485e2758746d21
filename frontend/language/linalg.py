"""Matrix product: tl.dot."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import LanguageError
from .core import builtin, dtype, tensor, unwrap
from .elementwise import as_tensor, constant, emit

_PRECISIONS = ("tf32", "tf32x3", "ieee")


def _result_dtype(inputs: dtype, out_dtype: dtype) -> dtype:
    """Triton's dot result without an accumulator: int32 for integers, float64 for float64, float32 for float32
    and bfloat16; only narrower floats (float16, fp8) take `out_dtype`."""
    if inputs.is_int():
        return dtype("int32")
    if inputs == dtype("fp64"):
        return inputs
    if inputs in (dtype("fp32"), dtype("bf16")):
        return dtype("fp32")
    return out_dtype


@builtin
def dot(input: Any, other: Any, acc: Any = None, input_precision: Optional[str] = None,
        allow_tf32: Optional[bool] = None, max_num_imprecise_acc: Optional[int] = None,
        out_dtype: dtype = dtype("fp32")) -> tensor:
    """input @ other + acc for rank-2 blocks, or for each of a batch of them (rank 3: [B, M, K] @ [B, K, N]);
    float32 inputs default to tf32 precision, as in Triton."""
    a, b = as_tensor(input), as_tensor(other)
    if len(a.shape) != len(b.shape) or len(a.shape) not in (2, 3):
        raise LanguageError(f"tl.dot needs two rank-2 or two rank-3 blocks, got shapes {list(a.shape)} and "
                            f"{list(b.shape)}", "reshape the operands to [M, K] and [K, N], or [B, M, K] and [B, K, N]")
    *batch, m, k = a.shape
    *batch_b, k2, n = b.shape
    if k != k2:
        raise LanguageError(f"tl.dot: the inner dimensions differ: {list(a.shape)} @ {list(b.shape)}",
                            "the first operand's columns must equal the second operand's rows")
    if batch != batch_b:
        raise LanguageError(f"tl.dot: the batch dimensions differ: {list(a.shape)} @ {list(b.shape)}",
                            "both operands of a batched dot need the same first dimension")
    shape = (*batch, m, n)
    if a.dtype.is_ptr() or b.dtype.is_ptr():
        raise LanguageError(f"tl.dot needs integer or float operands, got {a.dtype} and {b.dtype}",
                            "load the values through the pointers first")
    if a.dtype != b.dtype:
        raise LanguageError(f"tl.dot needs operands of one dtype, got {a.dtype} and {b.dtype}",
                            "convert one operand with .to(...)")
    precision = unwrap(input_precision)
    if precision is None:
        tf32 = unwrap(allow_tf32)
        precision = "tf32" if tf32 is None or tf32 else "ieee"
    elif unwrap(allow_tf32) is not None:
        raise LanguageError("tl.dot got both input_precision and allow_tf32", "give input_precision only")
    if precision not in _PRECISIONS:
        raise LanguageError(f"unknown input_precision {precision!r}", f"use one of {', '.join(map(repr, _PRECISIONS))}")
    out = unwrap(out_dtype)
    if not isinstance(out, dtype):
        what = f"the function {out.__name__}" if callable(out) else repr(out)
        raise LanguageError(f"tl.dot: out_dtype must be a dtype such as tl.float32, got {what}")
    acc = unwrap(acc)
    if acc is None:
        acc = constant(0, _result_dtype(a.dtype, out), shape)
    else:
        acc = as_tensor(acc)
        if acc.shape != shape:
            raise LanguageError(f"tl.dot: the accumulator has shape {list(acc.shape)}, not {list(shape)}")
    return emit("pt.dot", [a, b, acc], acc.handle.type,
                input_precision=precision if a.dtype == dtype("fp32") else None,
                max_num_imprecise_acc=unwrap(max_num_imprecise_acc))


__all__ = ["dot"]
