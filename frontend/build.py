"""build_ir: the entry point from a @jit function and its specialisation to a pt module."""
from __future__ import annotations

from typing import Any, Optional

from pantile.ir import Module, Type

from .codegen.module import ModuleGenerator
from .errors import CompilationError, InternalCompilerError
from .jit import JITFunction


def build_ir(jitfn: JITFunction, signature: dict[str, Type], constexprs: dict[str, Any],
             arg_attrs: Optional[dict[str, dict]] = None) -> Module:
    """The pt module of a kernel: one func.func `kernel = true` plus its specialised helpers."""
    gen = ModuleGenerator()
    try:
        gen.kernel(jitfn, signature, constexprs, arg_attrs)
    except InternalCompilerError:
        raise
    except CompilationError as err:
        # Users see their own line in the message; the generator's frames would only hide it. The cause (the
        # language error, as Triton chains it) stays.
        raise err.with_traceback(None) from err.__cause__
    return gen.module
