"""Math functions as hooks: a default that calls LLVM intrinsics, which a target may override."""
from __future__ import annotations

from typing import Optional

from llvmlite import ir

from .types import const, element, external, intrinsic, per_lane

# pt op name -> LLVM intrinsic used by the default implementation.
INTRINSICS = {
    "exp": "llvm.exp", "exp2": "llvm.exp2", "log": "llvm.log", "log2": "llvm.log2", "sin": "llvm.sin",
    "cos": "llvm.cos", "sqrt": "llvm.sqrt", "sqrt_rn": "llvm.sqrt", "floor": "llvm.floor", "ceil": "llvm.ceil",
}
MATH_FUNCTIONS = tuple(INTRINSICS) + ("rsqrt", "erf")


class MathLib:
    """Elementwise math on f32 or f64 values, scalar or vector.

    Each function is a method named after the pt op (`exp`, `erf`, ...), so a target
    overrides exactly the functions it implements differently.
    """

    def call(self, b: ir.IRBuilder, name: str, x: ir.Value) -> ir.Value:
        """The value of math function `name` at `x`."""
        return getattr(self, name)(b, x)

    def _intrinsic(self, b: ir.IRBuilder, name: str, x: ir.Value) -> ir.Value:
        return intrinsic(b, INTRINSICS[name], x.type, [x])

    def exp(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """e**x."""
        return self._intrinsic(b, "exp", x)

    def exp2(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """2**x."""
        return self._intrinsic(b, "exp2", x)

    def log(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Natural logarithm."""
        return self._intrinsic(b, "log", x)

    def log2(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Base-2 logarithm."""
        return self._intrinsic(b, "log2", x)

    def sin(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Sine."""
        return self._intrinsic(b, "sin", x)

    def cos(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Cosine."""
        return self._intrinsic(b, "cos", x)

    def sqrt(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Square root (LLVM's is correctly rounded)."""
        return self._intrinsic(b, "sqrt", x)

    def sqrt_rn(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Correctly rounded square root."""
        return self._intrinsic(b, "sqrt_rn", x)

    def div(self, b: ir.IRBuilder, x: ir.Value, y: ir.Value) -> ir.Value:
        """x / y (the `/` operator, held to OpenCL's 2.5 ulp in f32): LLVM's, correctly rounded."""
        return b.fdiv(x, y)

    def rsqrt(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """1/sqrt(x): two correctly rounded steps, within 1.5 ulp."""
        return b.fdiv(const(element(x.type), 1.0, x), self.sqrt(b, x))

    def neg(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """-x: the sign bit flipped (NaN and zeros included)."""
        return b.fneg(x)

    def floor(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Round toward -inf."""
        return self._intrinsic(b, "floor", x)

    def ceil(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Round toward +inf."""
        return self._intrinsic(b, "ceil", x)

    def round_to(self, b: ir.IRBuilder, x: ir.Value, dst: str) -> Optional[ir.Value]:
        """f32 `x` rounded to nearest even as float type `dst` (bf16 and fp8 as their bits) by an instruction
        of the target; None: the shared conversion."""
        return None

    def erf(self, b: ir.IRBuilder, x: ir.Value) -> ir.Value:
        """Error function: LLVM has no intrinsic, so the C library's erff/erf, lane by lane."""
        ty = element(x.type)
        fn = external(b, "erff" if ty == ir.FloatType() else "erf", ty, [ty])
        return per_lane(b, lambda v: b.call(fn, [v]), x, ty)
