"""OpenCL C builtins for SPIR-V kernels: Itanium name mangling, calls of `spir_func` builtins (which LLVM's SPIR-V
back end turns into builtin variables, OpControlBarrier, OpGroupNonUniformShuffle* and OpenCL.std extended
instructions), and math through them. Any target emitting SPIR-V for an OpenCL consumer uses these; the
mangling itself (type_code, mangle) serves the Vulkan flavour's builtin calls too.
"""
from __future__ import annotations

from typing import Sequence

from llvmlite import ir as llir

from pantile.targets.llvm import MathLib

# printf(constant char *, ...) mangled: the back end then casts the string to the char pointer OpenCL.std wants.
PRINTF = "_Z6printfPU3AS2Kcz"
# pt.atomic scope -> LLVM sync scope the SPIR-V back end maps to a SPIR-V Scope ("" = CrossDevice).
SYNC_SCOPES = {"cta": "workgroup", "gpu": "device", "sys": ""}


def type_code(t: llir.Type, unsigned: bool = False) -> str:
    """The Itanium mangling of a scalar or vector LLVM type as OpenCL C sees it."""
    if isinstance(t, llir.VectorType):
        return f"Dv{t.count}_{type_code(t.element, unsigned)}"
    if isinstance(t, llir.HalfType):
        return "Dh"
    if isinstance(t, llir.FloatType):
        return "f"
    if isinstance(t, llir.DoubleType):
        return "d"
    if isinstance(t, llir.IntType):
        signed, unsigned_code = {8: ("c", "h"), 16: ("s", "t"), 32: ("i", "j"), 64: ("l", "m")}[t.width]
        return unsigned_code if unsigned else signed
    raise TypeError(f"no OpenCL C type for LLVM type {t}")


def mangle(name: str, codes: Sequence[str]) -> str:
    """`_Z<len><name><params>` (`v` for none), repeated vector parameters as substitutions (S_, S0_, ...)."""
    seen: list[str] = []
    parts = []
    for code in codes:
        if code.startswith("Dv") and code in seen:
            i = seen.index(code)
            parts.append("S_" if i == 0 else f"S{i - 1}_")
            continue
        if code.startswith("Dv"):
            seen.append(code)
        parts.append(code)
    return f"_Z{len(name)}{name}{''.join(parts) or 'v'}"


def call_builtin(b: llir.IRBuilder, name: str, result: llir.Type, args: Sequence[llir.Value],
                 codes: Sequence[str], convergent: bool = False) -> llir.Value:
    """Call OpenCL C builtin `name` (declared on first use) with the given mangled parameter codes."""
    module = b.module
    symbol = mangle(name, codes)
    fn = module.globals.get(symbol)
    if fn is None:
        fn = llir.Function(module, llir.FunctionType(result, [a.type for a in args]), symbol)
        fn.calling_convention = "spir_func"
        fn.attributes.add("nounwind")
        if convergent:
            fn.attributes.add("convergent")
    call = b.call(fn, args)
    call.calling_convention = "spir_func"
    return call


class OpenCLMath(MathLib):
    """Transcendentals as OpenCL C builtins, within the OpenCL C specification's ULP bounds.

    floor, ceil and sqrt keep LLVM's intrinsics (the back end maps them to OpenCL.std
    too); sqrt and division are correctly rounded where the device says so or where
    the build asks for it (`launcher.build_options`).
    """

    def _builtin(self, b: llir.IRBuilder, name: str, x: llir.Value) -> llir.Value:
        return call_builtin(b, name, x.type, [x], [type_code(x.type)])

    def exp(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL exp (3 ulp in f32)."""
        return self._builtin(b, "exp", x)

    def exp2(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL exp2 (3 ulp in f32)."""
        return self._builtin(b, "exp2", x)

    def log(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL log (3 ulp in f32)."""
        return self._builtin(b, "log", x)

    def log2(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL log2 (3 ulp in f32)."""
        return self._builtin(b, "log2", x)

    def sin(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL sin (4 ulp in f32)."""
        return self._builtin(b, "sin", x)

    def cos(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL cos (4 ulp in f32)."""
        return self._builtin(b, "cos", x)

    def rsqrt(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL rsqrt (2 ulp in f32)."""
        return self._builtin(b, "rsqrt", x)

    def erf(self, b: llir.IRBuilder, x: llir.Value) -> llir.Value:
        """OpenCL erf (16 ulp in f32): OpenCL kernels cannot call the C library."""
        return self._builtin(b, "erf", x)
