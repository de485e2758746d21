"""Loop ranges: range / tl.range (scf.for) and tl.static_range (unrolled by the frontend)."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import LanguageError
from .core import unwrap


class range:
    """The iteration space of a kernel for loop, with pipelining and unrolling hints.

    warp_specialize, flatten and disallow_acc_multi_buffer are accepted for Triton
    compatibility; pantile's targets do not use them.
    """

    __pantile_builtin__ = True
    static = False

    def __init__(self, arg1: Any, arg2: Any = None, step: Any = None, num_stages: Optional[int] = None,
                 loop_unroll_factor: Optional[int] = None, disallow_acc_multi_buffer: bool = False,
                 flatten: bool = False, warp_specialize: bool = False) -> None:
        arg1, arg2, step = unwrap(arg1), unwrap(arg2), unwrap(step)
        self.start, self.end = (0, arg1) if arg2 is None else (arg1, arg2)
        self.step = 1 if step is None else step
        self.num_stages = _hint("num_stages", num_stages)
        self.loop_unroll_factor = _hint("loop_unroll_factor", loop_unroll_factor)


class static_range(range):
    """A loop the compiler unrolls completely; its bounds must be compile-time integers."""

    static = True

    def __init__(self, arg1: Any, arg2: Any = None, step: Any = None) -> None:
        super().__init__(arg1, arg2, step)


def _hint(name: str, value: Any) -> Optional[int]:
    value = unwrap(value)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise LanguageError(f"{name} must be a positive compile-time integer, got {value!r}")
    return value


__all__ = ["range", "static_range"]
