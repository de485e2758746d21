"""triton.set_allocator: the function that gives kernels global scratch memory."""
from __future__ import annotations

from typing import Any, Callable, Optional

Allocator = Callable[[int, int, Optional[Any]], Any]
_ALLOCATOR: Optional[Allocator] = None


def set_allocator(allocator: Allocator) -> None:
    """Set the function `allocator(size, alignment, stream)` that returns global scratch memory, as Triton's
    set_allocator (its tensor-descriptor examples call it first). A launch calls it for kernels that need scratch:
    on cuda:sm_90a, those whose tl.make_tensor_descriptor tiles come by TMA (each program writes its tensor maps
    there); descriptors made in the kernel that other targets lower to plain loads and stores need none."""
    global _ALLOCATOR
    if not callable(allocator):
        raise TypeError(f"set_allocator needs a function (size, alignment, stream) -> buffer, got "
                        f"{type(allocator).__name__}")
    _ALLOCATOR = allocator


def get_allocator() -> Optional[Allocator]:
    """The allocator set with set_allocator, or None."""
    return _ALLOCATOR


def global_scratch(need: tuple[int, int, str], kernel: str, grid: tuple[int, int, int], stream: Any) -> Any:
    """The buffer of global scratch memory for a launch of `kernel` on `grid` whose artifact needs (bytes per
    program, alignment, 'file:line' of what needs it), from the allocator; RuntimeError where none is set."""
    per_program, alignment, where = need
    if _ALLOCATOR is None:
        raise RuntimeError(f"{where}: {kernel}() needs {per_program} bytes of global scratch memory per program for "
                           f"the tensor maps of the descriptors it makes with tl.make_tensor_descriptor, and no "
                           f"allocator is set; call pantile.set_allocator(alloc) before launching it, alloc(size, "
                           f"alignment, stream) returning a device buffer of `size` bytes")
    size = per_program * grid[0] * grid[1] * grid[2]
    buffer = _ALLOCATOR(size, alignment, stream)
    if buffer is None:
        raise TypeError(f"the allocator set with pantile.set_allocator returned None for the {size} bytes of global "
                        f"scratch memory of a launch of {kernel}(); it must return a buffer of that size on the "
                        f"kernel's device, such as a torch tensor of that many bytes")
    return buffer
