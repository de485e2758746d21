"""tl.extra.libdevice: Triton's libdevice names for the math functions every pantile target computes."""
from ..elementwise import (abs, ceil, cos, div_rn, erf, exp, exp2, floor, fma, log, log2, maximum, minimum, rsqrt,
                           sin, sqrt, sqrt_rn)
from ..libdevice import (acos, acosh, asin, asinh, atan, atan2, atanh, cbrt, copysign, cosh, erfc, exp10, expm1,
                         fmod, hypot, isfinited, isinf, isnan, log10, log1p, nearbyint, pow, rint, round, signbit,
                         sinh, tan, tanh, trunc)
from ..random import umulhi

fabs, fmax, fmin = abs, maximum, minimum

__all__ = ["abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "copysign", "cos",
           "cosh", "div_rn", "erf", "erfc", "exp", "exp10", "exp2", "expm1", "fabs", "floor", "fma", "fmax", "fmin",
           "fmod", "hypot", "isfinited", "isinf", "isnan", "log", "log10", "log1p", "log2", "nearbyint", "pow",
           "rint", "round", "rsqrt", "signbit", "sin", "sinh", "sqrt", "sqrt_rn", "tan", "tanh", "trunc", "umulhi"]
