"""pantile.frontend: the kernel language and the Python-AST-to-pt-IR code generator.

- `jit` / `JITFunction` capture a kernel's source, parameters and dependency hash.
- `build_ir(fn, signature, constexprs, arg_attrs)` generates the pt module.
- `language/` is the Triton-compatible language (`import pantile.language as tl`).
- `codegen/` walks the syntax tree: expressions, statements, functions and the module.
- `CompilationError` reports a user's mistake at FILE:LINE:COL with the line, a caret and a hint.
"""
from .build import build_ir
from .errors import CompilationError
from .integer_math import cdiv, next_power_of_2
from .jit import JITFunction, jit

__all__ = ["CompilationError", "JITFunction", "build_ir", "cdiv", "jit", "next_power_of_2"]
