"""pantile.compiler.errors, as triton.compiler.errors: the error a kernel that does not compile raises."""
from pantile.frontend import CompilationError

__all__ = ["CompilationError"]
