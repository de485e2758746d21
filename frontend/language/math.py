"""tl.math: the elementwise math functions under Triton's math namespace."""
from .elementwise import (abs, cdiv, ceil, clamp, cos, div_rn, erf, exp, exp2, fdiv, floor, fma, log, log2,
                          maximum, minimum, rsqrt, sigmoid, sin, sqrt, sqrt_rn)
from .libdevice import (acos, acosh, asin, asinh, atan, atan2, atanh, cbrt, copysign, cosh, erfc, exp10, expm1,
                        fmod, hypot, isfinited, isinf, isnan, log10, log1p, nearbyint, pow, rint, round, signbit, sinh,
                        tan, tanh, trunc)
from .random import umulhi

__all__ = ["abs", "cdiv", "ceil", "clamp", "cos", "div_rn", "erf", "exp", "exp2", "fdiv", "floor", "fma", "log",
           "log2", "maximum", "minimum", "rsqrt", "sigmoid", "sin", "sqrt", "sqrt_rn", "umulhi", "acos",
           "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "copysign", "cosh", "erfc", "exp10", "expm1",
           "fmod", "hypot", "isfinited", "isinf", "isnan", "log10", "log1p", "nearbyint", "pow", "rint", "round",
           "signbit", "sinh", "tan", "tanh", "trunc"]
