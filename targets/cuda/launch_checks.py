"""What a CUDA launch must satisfy before it is issued, each refusal naming the device limit it breaks.

The limits come from `context.device_limits()` (a dict), so these checks run
offline on made-up limits in the tests.
"""
from __future__ import annotations

from typing import Any, Optional

from pantile.targets.base import OutOfResources

WARP = 32


def check_program(kernel: str, num_warps: int, shared_bytes: int, registers: int, limits: dict[str, Any]) -> None:
    """Refuse a compiled kernel whose programs need more threads, shared memory or registers than one may have."""
    threads = num_warps * WARP
    if threads > limits["max_threads"]:
        raise OutOfResources(f"kernel {kernel}: num_warps={num_warps} gives {threads} threads per program; this device "
                         f"allows {limits['max_threads']} (CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK): use "
                         f"num_warps <= {limits['max_threads'] // WARP}")
    if shared_bytes > limits["max_shared_optin"]:
        raise OutOfResources(f"kernel {kernel} needs {shared_bytes} bytes of shared memory per program; this device "
                         f"allows {limits['max_shared_optin']} (CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN):"
                         f" use smaller blocks or fewer stages")
    if registers * threads > limits["registers_per_block"]:
        raise OutOfResources(f"kernel {kernel} uses {registers} registers x {threads} threads = {registers * threads} "
                         f"per program; this device allows {limits['registers_per_block']} "
                         f"(CU_DEVICE_ATTRIBUTE_MAX_REGISTERS_PER_BLOCK): use fewer warps")


def check_grid(kernel: str, grid: tuple[int, ...], limits: dict[str, Any]) -> tuple[int, int, int]:
    """The grid as three ints; ValueError naming the axis and its limit where the device cannot run it."""
    if type(grid) is tuple and len(grid) == 3:    # what a launch passes: checked without building anything
        x, y, z = grid
        most = limits["max_grid"]
        if type(x) is int and type(y) is int and type(z) is int and 0 <= x <= most[0] and 0 <= y <= most[1] \
                and 0 <= z <= most[2]:
            return grid
    if not 1 <= len(grid) <= 3:
        raise ValueError(f"kernel {kernel}: a grid has one to three axes, got {tuple(grid)}")
    full = tuple(int(g) for g in grid) + (1,) * (3 - len(grid))
    for axis, (g, most) in enumerate(zip(full, limits["max_grid"])):
        if g < 0 or g > most:
            raise ValueError(f"kernel {kernel}: grid {full} is outside what the device runs: axis {axis} must be "
                             f"between 0 and {most} (CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_{'XYZ'[axis]})")
    return full


def array_device(arg: Any) -> Optional[int]:
    """The CUDA device ordinal a torch or cupy array lives on, or None where the array does not say."""
    device = getattr(arg, "device", None)
    index = getattr(device, "index", None)   # torch.device
    if index is None:
        index = getattr(device, "id", None)  # cupy.cuda.Device
    return index if isinstance(index, int) else None

