"""pantile.compiler, as triton.compiler: the compiled-kernel class and the compilation errors
(`triton.compiler.errors.CompilationError` works under `import pantile as triton`)."""
from pantile.frontend import CompilationError
from pantile.runtime.compiled import CompiledKernel

from . import errors

__all__ = ["CompilationError", "CompiledKernel", "errors"]
