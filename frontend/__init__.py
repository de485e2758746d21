"""pantile.frontend: the kernel language and the Python-AST-to-pt-IR code generator."""
from .build import build_ir
from .errors import CompilationError
from .integer_math import cdiv, next_power_of_2
from .jit import JITFunction, jit

__all__ = ["CompilationError", "JITFunction", "build_ir", "cdiv", "jit", "next_power_of_2"]
