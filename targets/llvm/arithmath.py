"""Math for GPU back ends without a libm: f32 from vecmath.py, f64 exp, exp2, log, log2, sin, cos and erf from
f64math.py, everything else from LLVM's intrinsics (sqrt, floor, ceil, which GPU back ends lower exactly)."""
from __future__ import annotations

from typing import Callable

from llvmlite import ir

from . import f64math
from .types import element
from .vecmath import VectorMath

F64 = ir.DoubleType()
F64_FUNCTIONS = ("exp", "exp2", "log", "log2", "sin", "cos", "erf")


def _f64_from_arithmetic(name: str) -> Callable[..., ir.Value]:
    """The method `name`: f64 from f64math, f32 from VectorMath."""
    def method(self: VectorMath, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        if element(x.type) == F64:
            return getattr(f64math, name)(b, x)
        return getattr(VectorMath, name)(self, b, x)
    method.__name__ = name
    method.__doc__ = f"{name}: f64 from arithmetic (f64math.py), f32 as VectorMath computes it."
    return method


class ArithmeticMath(VectorMath):
    """VectorMath with f64 transcendental functions from arithmetic too (no libm call on any width)."""


for _name in F64_FUNCTIONS:
    setattr(ArithmeticMath, _name, _f64_from_arithmetic(_name))
