"""pantile.runtime.errors, as triton.runtime.errors: the errors a launch raises, by Triton's names."""
from pantile.errors import TritonError
from pantile.targets.base import InterpreterError, OutOfResources

__all__ = ["InterpreterError", "OutOfResources", "TritonError"]
