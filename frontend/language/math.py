"""tl.math: the elementwise math functions under Triton's math namespace."""
from .elementwise import (abs, cdiv, ceil, clamp, cos, div_rn, erf, exp, exp2, fdiv, floor, fma, log, log2,
                          maximum, minimum, rsqrt, sigmoid, sin, sqrt, sqrt_rn)
from .random import umulhi

__all__ = ["abs", "cdiv", "ceil", "clamp", "cos", "div_rn", "erf", "exp", "exp2", "fdiv", "floor", "fma", "log",
           "log2", "maximum", "minimum", "rsqrt", "sigmoid", "sin", "sqrt", "sqrt_rn", "umulhi"]
