"""Named scopes of the active profiling sessions, as proton's: `with scope(name, metrics)`, `@scope(name)`, and
`enter_scope`/`exit_scope` pairs; each measures the wall time of its body."""
from __future__ import annotations

import functools
import threading
from typing import Any, Callable, Optional

from .session import enter_all, exit_all

_open = threading.local()


class scope:
    """A frame of every active session while its body runs, with `metrics` (e.g. {"flops": ..., "bytes": ...})
    added to it; usable as `with` and as a decorator."""

    def __init__(self, name: str, metrics: Optional[dict[str, Any]] = None) -> None:
        self.name = name
        self.metrics = metrics
        self._sessions: list = []

    def __enter__(self) -> "scope":
        self._sessions = enter_all(self.name, self.metrics)
        return self

    def __exit__(self, *exc: Any) -> None:
        exit_all(self._sessions)

    def __call__(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with scope(self.name, self.metrics):
                return fn(*args, **kwargs)
        return wrapper


class cpu_timed_scope(scope):
    """A scope, as proton's of this name (every pantile scope measures wall time on the host)."""


def enter_scope(name: str, *, metrics: Optional[dict[str, Any]] = None) -> int:
    """Open a scope that `exit_scope` closes (scopes nest per thread); its depth."""
    stack = _open.__dict__.setdefault("stack", [])
    stack.append((name, enter_all(name, metrics)))
    return len(stack)


def exit_scope(name: Optional[str] = None, *, metrics: Optional[dict[str, Any]] = None) -> int:
    """Close the innermost scope `enter_scope` opened on this thread, adding `metrics`; its depth."""
    stack = _open.__dict__.get("stack")
    if not stack:
        raise ValueError("exit_scope() without an open enter_scope()")
    opened, sessions = stack[-1]
    if name and name != opened:
        raise ValueError(f"Scope name mismatch: {name} != {opened}")
    stack.pop()
    exit_all(sessions, metrics)
    return len(stack) + 1


__all__ = ["cpu_timed_scope", "enter_scope", "exit_scope", "scope"]
