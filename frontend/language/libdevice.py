"""The math functions of Triton's libdevice (tl.extra.libdevice, tl.math) beyond the pt dialect's own, written
with the language's operations so every target computes them.

Each is evaluated in float64 and rounded once to the argument's type: for float32, float16 and bfloat16 that
leaves the composition's own error far below OpenCL's bounds. For float64 arguments the formulas avoid
cancellation (expm1 by its series, log1p by Goldberg's correction, atan reduced to |t| <= tan(pi/12) before its
series), so they keep to the float64 bounds except where a docstring says otherwise.
"""
from __future__ import annotations

import math as _m
from typing import Any, Callable

from ..errors import LanguageError
from .core import builtin, dtype, tensor
from .elementwise import (_float_operand, abs as _abs, as_tensor, binary, cast, ceil, compare, cos, erf, exp, floor, fma, log,
                          logical, maximum, minimum, operands, sin, sqrt, unary, where)
from .promotion import is_number

f64, i32 = dtype("fp64"), dtype("int32")


def _add(a: Any, b: Any) -> tensor:
    return binary("+", a, b)


def _sub(a: Any, b: Any) -> tensor:
    return binary("-", a, b)


def _mul(a: Any, b: Any) -> tensor:
    return binary("*", a, b)


def _div(a: Any, b: Any) -> tensor:
    return binary("/", a, b)


def _in_f64(name: str, fn: Callable[..., tensor], *args: Any) -> tensor:
    """fn on the arguments widened to float64 (promoted to one type first), rounded back to that type."""
    if len(args) == 1:
        xs, dt = [_float_operand(name, args[0])], None
    else:
        xs, dt, _ = operands(name, [_float_operand(name, a) for a in args])
    dt = dt or xs[0].dtype
    return cast(fn(*(cast(x, f64) for x in xs)), dt)


def _named(name: str, doc: str, arity: int, body: Callable[..., tensor]) -> Callable[..., tensor]:
    """The builtin libdevice.`name`: `body` on its `arity` arguments."""
    def fn(*args: Any) -> tensor:
        if len(args) != arity:
            raise LanguageError(f"libdevice.{name} takes {arity} argument{'s' if arity > 1 else ''}, "
                                f"got {len(args)}")
        return body(*args)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return builtin(fn)


def _math(fn64: Callable[..., tensor], doc: str, arity: int = 1) -> Callable[..., tensor]:
    name = fn64.__name__.lstrip("_")
    return _named(name, doc, arity, lambda *args: _in_f64(f"libdevice.{name}", fn64, *args))


def _sign_of(x: tensor, magnitude: tensor) -> tensor:
    """`magnitude` (non-negative or NaN) with the sign bit of x."""
    bits = cast(x, dtype("int64"), bitcast=True)
    return where(compare("<", bits, 0), unary("-", magnitude), magnitude)


# float64 kernels --------------------------------------------------------------------------------------
_TAN_PI_12 = 0.2679491924311227
_SQRT3 = 1.7320508075688772


def _series(x: tensor, coefficients: list[float]) -> tensor:
    """sum c_k x**k for k = 0..n (Horner)."""
    acc: Any = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        acc = _add(_mul(acc, x), c)
    return as_tensor(acc) if is_number(acc) else acc


# atan(t)/t = sum (-1)^k t^(2k) / (2k+1): 15 terms reach 1e-19 relative for |t| <= tan(pi/12).
_ATAN = [(-1) ** k / (2 * k + 1) for k in range(15)]


def _atan(x: tensor) -> tensor:
    a = _abs(x)
    big = compare(">", a, 1.0)
    r1 = where(big, _div(1.0, a), a)                     # atan(a) = pi/2 - atan(1/a)
    mid = compare(">", r1, _TAN_PI_12)                  # atan(r) = pi/6 + atan((r*sqrt3 - 1)/(r + sqrt3))
    r2 = where(mid, _div(_sub(_mul(r1, _SQRT3), 1.0), _add(r1, _SQRT3)), r1)
    p = _mul(r2, _series(_mul(r2, r2), _ATAN))
    p = where(mid, _add(p, _m.pi / 6), p)
    p = where(big, _sub(_m.pi / 2, p), p)
    return _sign_of(x, p)


def _asin(x: tensor) -> tensor:
    a = _abs(x)
    return _sign_of(x, _atan(_div(a, sqrt(_mul(_sub(1.0, a), _add(1.0, a))))))


def _acos(x: tensor) -> tensor:
    return _mul(2.0, _atan(sqrt(_div(_sub(1.0, x), _add(1.0, x)))))


def _atan2(y: tensor, x: tensor) -> tensor:
    ay, ax = _abs(y), _abs(x)
    a = _atan(_div(ay, ax))
    inf = float("inf")
    a = where(logical("and", compare("==", ay, 0.0), compare("==", ax, 0.0)), 0.0, a)
    a = where(logical("and", compare("==", ay, inf), compare("==", ax, inf)), _m.pi / 4, a)
    x_negative = compare("<", cast(x, dtype("int64"), bitcast=True), 0)
    return _sign_of(y, where(x_negative, _sub(_m.pi, a), a))


# e**x - 1 = sum x^k/k!: 27 terms reach 1e-28 for |x| < 1.
_EXPM1 = [0.0] + [1.0 / _m.factorial(k) for k in range(1, 28)]


def _expm1(x: tensor) -> tensor:
    small = compare("<", _abs(x), 1.0)
    return where(small, _series(x, _EXPM1), _sub(exp(x), 1.0))


def _log1p(x: tensor) -> tensor:
    u = _add(1.0, x)
    # Goldberg: log(u) * x / (u - 1) cancels the rounding of 1 + x.
    r = _mul(log(u), _div(x, _sub(u, 1.0)))
    r = where(compare("==", u, 1.0), x, r)
    return where(compare("==", x, float("inf")), x, r)


_LARGE = 20.0   # beyond this e**-|x| no longer shows in sinh, cosh or tanh at float64 precision


def _half_exp_squared(a: tensor) -> tensor:
    """e**a / 2 without overflowing before the result does."""
    h = exp(_mul(a, 0.5))
    return _mul(_mul(h, 0.5), h)


def _sinh(x: tensor) -> tensor:
    a = _abs(x)
    e = _expm1(a)
    small = _mul(0.5, _add(e, _div(e, _add(e, 1.0))))   # (e**a - e**-a) / 2 with e = expm1(a): no cancellation
    return _sign_of(x, where(compare(">", a, _LARGE), _half_exp_squared(a), small))


def _cosh(x: tensor) -> tensor:
    a = _abs(x)
    e = exp(a)
    return where(compare(">", a, _LARGE), _half_exp_squared(a), _mul(0.5, _add(e, _div(1.0, e))))


def _tanh(x: tensor) -> tensor:
    a = _abs(x)
    e = _expm1(_mul(2.0, a))
    r = _div(e, _add(e, 2.0))
    return _sign_of(x, where(compare(">", a, 22.0), 1.0, r))


def _asinh(x: tensor) -> tensor:
    a = _abs(x)
    s = _mul(a, a)
    mid = _log1p(_add(a, _div(s, _add(1.0, sqrt(_add(1.0, s))))))
    return _sign_of(x, where(compare(">", a, 2.0 ** 28), _add(log(a), _m.log(2.0)), mid))


def _acosh(x: tensor) -> tensor:
    t = _sub(x, 1.0)
    mid = _log1p(_add(t, sqrt(_add(_mul(2.0, t), _mul(t, t)))))
    mid = where(compare("<", x, 1.0), float("nan"), mid)   # below 1 the terms can cancel to a number
    return where(compare(">", x, 2.0 ** 28), _add(log(x), _m.log(2.0)), mid)


def _atanh(x: tensor) -> tensor:
    a = _abs(x)
    return _sign_of(x, _mul(0.5, _log1p(_div(_mul(2.0, a), _sub(1.0, a)))))


def _cbrt(x: tensor) -> tensor:
    a = _abs(x)
    y = exp(_div(log(a), 3.0))
    for _ in range(2):   # Newton on y**3 = a doubles the correct bits each step (no y**3: it may underflow)
        y = _sub(y, _div(_sub(y, _div(a, _mul(y, y))), 3.0))
    # A last step on the residual y**3 - a evaluated exactly with fmas, so the result is within an ulp.
    y2 = _mul(y, y)
    y3 = _mul(y2, y)
    residual = _add(_sub(y3, a), _add(fma(y2, y, unary("-", y3)), _mul(fma(y, y, unary("-", y2)), y)))
    y = where(compare("<", _abs(residual), float("inf")), _sub(y, _div(residual, _mul(3.0, y2))), y)
    special = logical("or", compare("==", a, 0.0), compare("==", a, float("inf")))
    return _sign_of(x, where(special, a, y))


def _hypot(x: tensor, y: tensor) -> tensor:
    a, b = _abs(x), _abs(y)
    big, small = maximum(a, b), minimum(a, b)
    q = _div(small, big)
    r = _mul(big, sqrt(_add(1.0, _mul(q, q))))
    r = where(compare("==", big, 0.0), 0.0, r)
    inf = float("inf")
    return where(logical("or", compare("==", a, inf), compare("==", b, inf)), inf, r)


def _is_integer(y: tensor) -> tensor:
    return compare("==", floor(y), y)


def _is_odd_integer(y: tensor) -> tensor:
    half = _mul(y, 0.5)
    return logical("and", _is_integer(y), compare("!=", floor(half), half))


def _pow(x: tensor, y: tensor) -> tensor:
    ax = _abs(x)
    r = exp(_mul(y, log(ax)))
    negative = compare("<", cast(x, dtype("int64"), bitcast=True), 0)
    r = where(logical("and", negative, _is_odd_integer(y)), unary("-", r), r)
    finite_negative = logical("and", compare("<", x, 0.0), compare("!=", x, float("-inf")))
    fractional = logical("and", compare("!=", _abs(y), float("inf")), unary("not", _is_integer(y)))
    r = where(logical("and", finite_negative, fractional), float("nan"), r)
    one = logical("or", compare("==", y, 0.0),
                  logical("or", compare("==", x, 1.0),
                          logical("and", compare("==", ax, 1.0), compare("==", _abs(y), float("inf")))))
    return where(one, 1.0, r)


_ERFC_TERMS = 60
_RSQRT_PI = 1.0 / _m.sqrt(_m.pi)


def _erfc(x: tensor) -> tensor:
    # Above 2 the continued fraction erfc(x) = e**-x^2 / (sqrt(pi) (x + 1/2 / (x + 1 / (x + 3/2 / ...))))
    # converges within 60 terms; below it 1 - erf(x) loses nothing worse than erfc(2) = 0.0047 relative.
    f = x
    for k in range(_ERFC_TERMS, 0, -1):
        f = _add(x, _div(k * 0.5, f))
    # e**-x^2 with x^2 split exactly: x = hi + lo, hi keeping 26 significant bits, so hi*hi is exact.
    hi = cast(binary("&", cast(x, dtype("int64"), bitcast=True), -(1 << 27)), f64, bitcast=True)
    lo = _sub(x, hi)
    gauss = _mul(exp(unary("-", _mul(hi, hi))), exp(unary("-", _mul(lo, _add(x, hi)))))
    tail = where(compare("==", x, float("inf")), 0.0, _div(_mul(gauss, _RSQRT_PI), f))
    return where(compare(">", x, 2.0), tail, _sub(1.0, erf(x)))


def _log10(x: tensor) -> tensor:
    return _mul(log(x), 1.0 / _m.log(10.0))


_LN10_HI = 2.302585092994046
_LN10_LO = -2.1707562233822494e-16   # ln(10) - _LN10_HI


def _exp10(x: tensor) -> tensor:
    # e**(x ln10) with the product's rounding error (from an fma) and ln10's own carried as a correction.
    p = _mul(x, _LN10_HI)
    s = _add(fma(x, _LN10_HI, unary("-", p)), _mul(x, _LN10_LO))
    e = exp(p)
    exact = logical("and", logical("and", compare("<", _abs(e), float("inf")), compare("!=", e, 0.0)),
                    compare("==", s, s))
    return where(exact, _add(e, _mul(e, s)), e)   # inf, 0 and NaN need no correction (and would turn NaN)


def _tan(x: tensor) -> tensor:
    return _div(sin(x), cos(x))


def _trunc(x: tensor) -> tensor:
    return where(compare("<", x, 0.0), ceil(x), floor(x))


def _round(x: tensor) -> tensor:
    a = _abs(x)
    t = floor(a)
    return _sign_of(x, where(compare(">=", _sub(a, t), 0.5), _add(t, 1.0), t))


def _rint(x: tensor) -> tensor:
    t = floor(x)
    d = _sub(x, t)
    odd = compare("!=", floor(_mul(t, 0.5)), _mul(t, 0.5))
    up = logical("or", compare(">", d, 0.5), logical("and", compare("==", d, 0.5), odd))
    return where(up, _add(t, 1.0), t)


def _copysign(x: tensor, y: tensor) -> tensor:
    return _sign_of(y, _abs(x))


asin = _math(_asin, "Arc sine.")
acos = _math(_acos, "Arc cosine.")
atan = _math(_atan, "Arc tangent.")
atan2 = _math(_atan2, "Arc tangent of y/x in the quadrant of (x, y): atan2(y, x).", 2)
sinh = _math(_sinh, "Hyperbolic sine.")
cosh = _math(_cosh, "Hyperbolic cosine.")
tanh = _math(_tanh, "Hyperbolic tangent.")
asinh = _math(_asinh, "Inverse hyperbolic sine.")
acosh = _math(_acosh, "Inverse hyperbolic cosine.")
atanh = _math(_atanh, "Inverse hyperbolic tangent.")
expm1 = _math(_expm1, "e**x - 1, accurate near 0.")
log1p = _math(_log1p, "log(1 + x), accurate near 0.")
cbrt = _math(_cbrt, "Cube root.")
hypot = _math(_hypot, "sqrt(x*x + y*y) without overflow or underflow in between.", 2)
pow = _math(_pow, "x**y with C's special cases. float64: within OpenCL's 16 ulp while |y*log(x)| <= 8; the "
                  "error grows by about |y*log(x)| / 2 ulp beyond.", 2)
erfc = _math(_erfc, "1 - erf(x). float64: 1 - erf(x) below x = 2 loses up to about 200 ulp near 2.")
log10 = _math(_log10, "Base-10 logarithm.")
exp10 = _math(_exp10, "10**x.")
tan = _math(_tan, "Tangent.")
trunc = _math(_trunc, "Rounding toward zero.")
round = _math(_round, "Rounding to nearest, halves away from zero.")
rint = _math(_rint, "Rounding to nearest, halves to even.")
nearbyint = _math(_rint, "Rounding to nearest, halves to even.")
copysign = _math(_copysign, "|x| with the sign of y.", 2)


@builtin
def fmod(x: Any, y: Any) -> tensor:
    """C's fmod: x - n*y with n = trunc(x / y), the sign of x."""
    (a, b), dt, _ = operands("libdevice.fmod", [_float_operand("libdevice.fmod", x), _float_operand("libdevice.fmod", y)])
    return cast(binary("%", a, b), dt)   # `%` computes 16-bit floats in float32; fmod keeps their type


def _classify(name: str, test: Callable[[tensor], tensor], doc: str) -> Callable[[Any], tensor]:
    return _named(name, doc, 1, lambda x: cast(test(_float_operand(f"libdevice.{name}", x)), i32))


isnan = _classify("isnan", lambda x: compare("!=", x, x), "1 where x is NaN, else 0 (int32).")
isinf = _classify("isinf", lambda x: compare("==", _abs(x), float("inf")), "1 where x is infinite, else 0.")
isfinited = _classify("isfinited", lambda x: compare("<", _abs(x), float("inf")), "1 where x is finite, else 0.")
signbit = _classify("signbit", lambda x: compare("<", cast(cast(x, f64), dtype("int64"), bitcast=True), 0),
                    "1 where x's sign bit is set (-0.0 and negative NaNs included), else 0.")

__all__ = ["acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "copysign", "cosh", "erfc", "exp10",
           "expm1", "fmod", "hypot", "isfinited", "isinf", "isnan", "log10", "log1p", "nearbyint", "pow", "rint",
           "round", "signbit", "sinh", "tan", "tanh", "trunc"]
