"""pantile.runtime.errors, as triton.runtime.errors: the errors a launch raises, by Triton's names."""
from pantile.errors import TritonError
from pantile.targets.base import InterpreterError, OutOfResources


class AutotunerError(TritonError):
    """The autotuner was given something it cannot tune (no config left after pruning)."""


__all__ = ["AutotunerError", "InterpreterError", "OutOfResources", "TritonError"]
