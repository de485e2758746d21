"""pantile.errors: the base class of the errors pantile raises for a user's kernel or launch, as triton.errors."""


class TritonError(Exception):
    """Base of CompilationError, OutOfResources and InterpreterError; Triton users catch this name."""
