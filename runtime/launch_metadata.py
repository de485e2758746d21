"""What a launch hook (`knobs.runtime.launch_enter_hook` / `launch_exit_hook`, as in Triton) is given: the
launch's metadata, computed only when a hook asks for it."""
from __future__ import annotations

from typing import Any, Callable, Optional


class LaunchMetadata:
    """One launch: `get()` is a dict with `name` (the kernel's, or what its `launch_metadata` function names),
    `function` (the kernel), `grid`, and every entry that function returns (e.g. `flops16`, `bytes`)."""

    def __init__(self, kernel: Any, compiled: Any, grid: Any, args: dict[str, Any]) -> None:
        self.kernel = kernel
        self.compiled = compiled
        self.grid = grid
        self.args = args
        self._value: Optional[dict[str, Any]] = None

    def get(self) -> dict[str, Any]:
        """The metadata, computed on the first call: the @jit's `launch_metadata(grid, kernel, args)` merged
        over the defaults."""
        if self._value is None:
            value: dict[str, Any] = {"name": self.compiled.name, "function": self.kernel, "grid": self.grid}
            describe: Optional[Callable] = getattr(self.kernel, "launch_metadata", None)
            if describe is not None:
                value.update(describe(self.grid, self.compiled, self.args) or {})
            self._value = value
        return self._value


__all__ = ["LaunchMetadata"]
