"""pantile.language (imported as `tl`): the Triton-compatible kernel language."""
from . import core, extra, math, random, semantic, standard, target_info
from .aggregate import aggregate
from .assembly import inline_asm_elementwise
from .compat import async_task, condition, slice, tuple, void
from .core import (block_type, const, constexpr, constexpr_function, constexpr_type, dtype, pointer_type, str_to_ty,
                   tensor, tuple_type)
from .creation import arange, full, full_like, num_programs, program_id, zeros, zeros_like
from .debug import (assume, debug_barrier, device_assert, device_print, expect_zero, max_constancy, max_contiguous,
                    multiple_of, static_assert, static_print)
from .elementwise import (PropagateNan, abs, add, mul, sub, cast, cdiv, ceil, clamp, cos, div_rn, erf, exp, exp2, fdiv, floor,
                          fma, log, log2, maximum, minimum, rsqrt, sigmoid, sin, sqrt, sqrt_rn, to_tensor, where)
from .iterators import range, static_range
from .linalg import dot
from .scaled_dot import dot_scaled
from .standard import (bitonic_merge, flip, gather, histogram, interleave, map_elementwise, reduce_or, sort, squeeze, swizzle2d,
                       topk, unsqueeze, xor_sum)
from .creation import MAX_NUMEL as TRITON_MAX_TENSOR_NUMEL
from .random import (pair_uniform_to_normal, philox, philox_impl, rand, rand4x, randint, randint4x, randn, randn4x,
                     uint_to_uniform_float, umulhi)
from .memory import (atomic_add, atomic_and, atomic_cas, atomic_load, atomic_max, atomic_min, atomic_or, atomic_poll,
                     atomic_store, atomic_xchg, atomic_xor, load, store)
from .reduction import argmax, argmin, associative_scan, cumprod, cumsum, max, min, reduce, softmax, sum
from .tensor_memory import (advance, load_tensor_descriptor, make_block_ptr, make_tensor_descriptor,
                            store_tensor_descriptor, tensor_descriptor, tensor_descriptor_type)
from .shape import (broadcast, broadcast_to, cat, expand_dims, item, join, permute, ravel, reshape, split, trans,
                    view)

int1, int8, int16, int32, int64 = (dtype(n) for n in ("int1", "int8", "int16", "int32", "int64"))
uint8, uint16, uint32, uint64 = (dtype(n) for n in ("uint8", "uint16", "uint32", "uint64"))
float16, bfloat16, float32, float64 = (dtype(n) for n in ("fp16", "bf16", "fp32", "fp64"))
float8e4nv, float8e5 = dtype("fp8e4nv"), dtype("fp8e5")
float8e4b15, float8e4b8, float8e5b16 = dtype("fp8e4b15"), dtype("fp8e4b8"), dtype("fp8e5b16")
pi32_t = pointer_type(int32)

# Methods of tensor, as in Triton: x.to(...), x.sum(0), x.reshape(...), ...
_TENSOR_METHODS = {
    "to": cast, "cast": cast, "reshape": reshape, "view": view, "permute": permute, "trans": trans,
    "expand_dims": expand_dims, "broadcast_to": broadcast_to, "split": split, "ravel": ravel, "item": item, "sum": sum,
    "max": max, "min": min, "argmax": argmax, "argmin": argmin, "reduce": reduce,
    "associative_scan": associative_scan, "cumsum": cumsum, "cumprod": cumprod, "softmax": softmax,
    "exp": exp, "exp2": exp2, "log": log, "log2": log2, "sqrt": sqrt, "rsqrt": rsqrt, "sin": sin, "cos": cos,
    "abs": abs, "floor": floor, "ceil": ceil, "erf": erf, "sigmoid": sigmoid, "sort": sort, "flip": flip,
    "topk": topk, "gather": gather, "histogram": histogram, "reduce_or": reduce_or, "xor_sum": xor_sum,
    "store": store, "atomic_load": atomic_load, "atomic_store": atomic_store, "atomic_poll": atomic_poll,
    "atomic_cas": atomic_cas, "atomic_xchg": atomic_xchg, "atomic_add": atomic_add, "atomic_max": atomic_max,
    "atomic_min": atomic_min, "atomic_and": atomic_and, "atomic_or": atomic_or, "atomic_xor": atomic_xor,
}
for _name, _fn in _TENSOR_METHODS.items():
    setattr(tensor, _name, _fn)

__all__ = [
    "extra", "math", "random", "core", "standard", "str_to_ty", "block_type", "constexpr", "dtype", "pointer_type", "tensor", "arange", "full", "full_like",
    "num_programs", "program_id", "zeros", "zeros_like", "assume", "debug_barrier", "device_assert",
    "device_print", "max_constancy", "max_contiguous", "multiple_of", "static_assert", "static_print",
    "PropagateNan", "abs", "cast", "cdiv", "ceil", "clamp", "cos", "div_rn", "erf", "exp", "exp2", "fdiv",
    "floor", "fma", "log", "log2", "maximum", "minimum", "rsqrt", "sigmoid", "sin", "sqrt", "sqrt_rn", "where",
    "range", "static_range", "dot", "atomic_add", "atomic_and", "atomic_cas", "atomic_max", "atomic_min",
    "atomic_or", "atomic_xchg", "atomic_xor", "load", "store", "argmax", "argmin", "associative_scan", "cumprod",
    "cumsum", "max", "min", "reduce", "softmax", "sum", "broadcast", "broadcast_to", "cat", "expand_dims", "join",
    "permute", "ravel", "reshape", "split", "trans", "view", "int1", "int8", "int16", "int32", "int64", "uint8",
    "uint16", "uint32", "uint64", "float16", "bfloat16", "float32", "float64", "float8e4nv", "float8e5",
    "pair_uniform_to_normal", "philox", "rand", "rand4x", "randint", "randint4x", "randn", "randn4x",
    "uint_to_uniform_float", "umulhi", "flip", "gather", "histogram", "interleave", "reduce_or", "sort", "squeeze",
    "topk", "unsqueeze", "xor_sum", "add", "sub", "mul", "philox_impl", "swizzle2d", "map_elementwise",
    "TRITON_MAX_TENSOR_NUMEL", "bitonic_merge", "constexpr_function", "pi32_t",
    "advance", "load_tensor_descriptor", "make_block_ptr", "make_tensor_descriptor", "store_tensor_descriptor",
    "tensor_descriptor", "inline_asm_elementwise", "dot_scaled",
    "async_task", "condition", "slice", "tuple", "void", "const", "float8e4b15", "float8e4b8", "float8e5b16",
    "constexpr_type", "tuple_type", "tensor_descriptor_type", "target_info", "semantic", "to_tensor",
    "expect_zero", "atomic_load", "atomic_poll", "atomic_store", "aggregate",
]
