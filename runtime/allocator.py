"""triton.set_allocator: the function that gives kernels global scratch memory."""
from __future__ import annotations

from typing import Any, Callable, Optional

Allocator = Callable[[int, int, Optional[Any]], Any]
_ALLOCATOR: Optional[Allocator] = None


def set_allocator(allocator: Allocator) -> None:
    """Set the function `allocator(size, alignment, stream)` that returns global scratch memory, as Triton's
    set_allocator (its tensor-descriptor examples call it first). No pantile target asks for scratch memory yet:
    descriptors made in a kernel lower to plain loads and stores, so the allocator is kept for targets that will."""
    global _ALLOCATOR
    if not callable(allocator):
        raise TypeError(f"set_allocator needs a function (size, alignment, stream) -> buffer, got "
                        f"{type(allocator).__name__}")
    _ALLOCATOR = allocator


def get_allocator() -> Optional[Allocator]:
    """The allocator set with set_allocator, or None."""
    return _ALLOCATOR
