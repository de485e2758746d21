"""Plain Python integer helpers for launch code (also usable on compile-time values in kernels)."""
from __future__ import annotations


def cdiv(x: int, div: int) -> int:
    """Ceiling division: the number of blocks of size `div` that cover `x`."""
    return (x + div - 1) // div


def next_power_of_2(n: int) -> int:
    """The smallest power of two >= n (1 for n <= 1)."""
    return 1 if n <= 1 else 1 << (int(n) - 1).bit_length()


cdiv.__pantile_compile_time__ = True
next_power_of_2.__pantile_compile_time__ = True
