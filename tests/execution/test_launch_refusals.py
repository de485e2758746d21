"""Launches a target cannot run as asked are refused before anything runs, naming the argument, the grid
dimension or the global, on every test target."""
import inspect
import sys

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.base import Target

SCALE = 2.0


@pantile.jit
def copy_kernel(src_ptr, dst_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(dst_ptr + offs, tl.load(src_ptr + offs, mask=offs < n), mask=offs < n)


def scale_kernel():
    """A fresh kernel that reads the global SCALE (each target's test compiles its own)."""
    @pantile.jit
    def scale(x_ptr, n, BLOCK: tl.constexpr):
        offs = tl.arange(0, BLOCK)
        tl.store(x_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * SCALE, mask=offs < n)
    return scale


@pytest.mark.parametrize("value", (2**64 + 5, -2**63 - 1))
def test_an_integer_no_kernel_type_holds_is_refused(value) -> None:
    src, dst = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    with pytest.raises(ValueError) as info:
        copy_kernel[(1,)](src, dst, value, BLOCK=4)
    assert str(info.value) == (f"argument 'n' of copy_kernel() is {value}, outside the range of every integer type "
                               f"a kernel takes (int64, uint64): -9223372036854775808 to 18446744073709551615; pass "
                               f"a value in that range")
    assert not dst.any()


def test_an_integer_outside_a_compiled_variants_type_is_refused() -> None:
    src, dst = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    compiled = copy_kernel.warmup(src, dst, 4, BLOCK=4, grid=(1,))
    with pytest.raises(ValueError) as info:
        compiled[(1,)](src, dst, 2**40, 4)
    assert str(info.value) == ("argument 'n' of copy_kernel() is 1099511627776, outside the range of its type i32: "
                               "-2147483648 to 2147483647; launch through copy_kernel[grid](...) to compile a "
                               "variant that takes it")
    assert not dst.any()


@pytest.mark.parametrize("dim", (0, 1, 2))
def test_a_grid_beyond_the_targets_limit_is_refused(dim, exec_target: Target) -> None:
    most = exec_target.capabilities.max_grid[dim]
    grid = tuple(most + 1 if d == dim else 1 for d in range(dim + 1))
    src, dst = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    with pytest.raises(ValueError) as info:
        copy_kernel[grid](src, dst, 4, BLOCK=4)
    assert str(info.value) == (f"grid {grid} of copy_kernel(): dimension {dim} is {most + 1}, more than the {most} "
                               f"programs target {exec_target.arch} runs along it (capabilities.max_grid); give each "
                               f"program more work or spread the programs over more dimensions")
    assert not dst.any()


def test_a_global_changed_after_the_first_launch_is_refused(monkeypatch) -> None:
    kernel = scale_kernel()
    x = np.ones(8, np.float32)
    kernel[(1,)](x, 8, BLOCK=8)
    np.testing.assert_array_equal(x, 2.0)
    monkeypatch.setattr(sys.modules[__name__], "SCALE", 3.0)
    with pytest.raises(RuntimeError) as info:
        kernel[(1,)](x, 8, BLOCK=8)
    line = inspect.getsourcelines(scale_kernel)[1] + 2
    assert str(info.value) == (f"global SCALE read by scale ({__file__}:{line}) has changed since scale was "
                               f"compiled, from 2.0 to 3.0; a kernel compiles the globals it reads in as constants: "
                               f"pass the value as an argument (a tl.constexpr for a compile-time one) instead of "
                               f"changing the global")
    np.testing.assert_array_equal(x, 2.0)
    monkeypatch.setattr(sys.modules[__name__], "SCALE", 2.0)
    kernel[(1,)](x, 8, BLOCK=8)     # the value it was compiled with runs again
    np.testing.assert_array_equal(x, 4.0)
