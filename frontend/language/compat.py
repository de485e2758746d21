"""Triton's language names for loop conditions, warp specialization, tuples, slices and void, with the meaning
they have in pantile's block-level model."""
from __future__ import annotations

import builtins
from typing import Any, Sequence

from ..errors import LanguageError
from .core import builtin, dtype, unwrap

# Kernels hold tuples of tensors and slices as Python's own objects (a tuple is unpacked at compile time), so
# Triton's tl.tuple and tl.slice are those classes: isinstance(x, tl.tuple) and tl.tuple([a, b]) work.
tuple = builtins.tuple
slice = builtins.slice


class void_dtype(dtype):
    """The dtype of no value (Triton's tl.void): what a function without a result returns."""

    def __init__(self) -> None:
        self.name = "void"

    def to_ir(self) -> Any:
        """There is no IR type of void values."""
        raise LanguageError("tl.void has no values", "use it only to describe a function without a result")

    def is_void(self) -> bool:
        """True."""
        return True


void = void_dtype()


@builtin
def condition(arg: Any, disable_licm: bool = False) -> Any:
    """A while loop's condition (Triton's tl.condition); `disable_licm` is accepted: pantile's loop-invariant
    code motion moves only pure operations, which is what the flag protects."""
    return arg


class async_task:
    """`with tl.async_task([...]):` (Triton's warp specialization): the body runs as part of the program, which
    gives the block-level result Triton's specialized warps give; pantile schedules warps itself."""

    __pantile_builtin__ = True

    def __init__(self, task_ids: Sequence[int] = (), num_warps: Any = None, num_regs: Any = None) -> None:
        ids = unwrap(task_ids)
        if not isinstance(ids, (list, builtins.tuple)) or not all(isinstance(unwrap(i), int) for i in ids):
            raise LanguageError(f"tl.async_task needs a list of task ids, got {ids!r}",
                                "write `with tl.async_task([0]):` around the code of that task")
        self.task_ids = builtins.tuple(unwrap(i) for i in ids)


__all__ = ["tuple", "slice", "void", "condition", "async_task"]
