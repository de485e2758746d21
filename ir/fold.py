"""Folders: compute an op's result from constant operands, attached to the op definitions.

A folder takes (op, consts) where consts[i] is the Python value of operand i
when it is defined by `pt.constant` (a splat value for blocks), else None. It
returns None (no fold), a Python number (the result is that constant) or an
existing Value (the result is that value).
"""
from __future__ import annotations

import numpy as np

from .ops import set_folder
from .types import ScalarType

_NP = {"i1": np.bool_, "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
       "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
       "f16": np.float16, "f32": np.float32, "f64": np.float64}


def numpy_dtype(t: ScalarType):
    """The numpy scalar type with the same semantics as `t`, or None (bf16, fp8)."""
    return _NP.get(t.name)


def _to_python(x):
    return bool(x) if isinstance(x, np.bool_) else x.item()


def _binary(fn):
    def fold(op, consts):
        a, b = consts
        t = op.results[0].type.scalar
        dt = numpy_dtype(t)
        if a is None or b is None or dt is None:
            return None
        with np.errstate(all="ignore"):
            return _to_python(dt(fn(dt(a), dt(b))))
    return fold


for _name, _fn in {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b}.items():
    set_folder(f"pt.{_name}", _binary(_fn))
