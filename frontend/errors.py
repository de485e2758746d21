"""Errors for mistakes in user kernels: located, with the source line, a caret and a hint."""
from __future__ import annotations

import linecache
from typing import Optional

from pantile.errors import TritonError


class LanguageError(Exception):
    """A misuse found by a language function; the code generator adds the user's location."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f" (hint: {self.hint})" if self.hint else "")


class CompilationError(TritonError):
    """A user's mistake in a kernel, reported at FILE:LINE:COL with the source line and a hint."""

    def __init__(self, file: str, line: int, col: int, message: str, hint: str = "",
                 source_line: Optional[str] = None) -> None:
        self.file = file
        self.line = line
        self.col = col
        self.message = message
        self.hint = hint
        if source_line is None:
            source_line = linecache.getline(file, line).rstrip("\n")
        self.source_line = source_line
        super().__init__(self.render())

    @property
    def error_message(self) -> str:
        """The message without location (Triton's name for it)."""
        return self.message

    def __reduce__(self) -> tuple:
        return (CompilationError, (self.file, self.line, self.col, self.message, self.hint, self.source_line))

    def render(self) -> str:
        """The full report: location and message, source line, caret, hint."""
        parts = [f"{self.file}:{self.line}:{self.col}: error: {self.message}"]
        if self.source_line:
            parts.append(self.source_line)
            parts.append(" " * max(self.col - 1, 0) + "^")
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.render()


class InternalCompilerError(CompilationError):
    """A fault inside pantile's frontend, reported at the user's line that triggered it (cause chained)."""


__all__ = ["CompilationError", "InternalCompilerError", "LanguageError"]
