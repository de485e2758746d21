"""triton.AsyncCompileMode and FutureKernel: warmups compile on an executor, their FutureKernels give the variants
launches then use, and failures surface when the mode ends."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

import pantile as triton
import pantile.language as tl
from pantile.frontend import CompilationError


@triton.jit
def scale(x_ptr, out_ptr, n, K: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=offs < n) * K, mask=offs < n)


@triton.jit
def broken(x_ptr, K: tl.constexpr):
    tl.static_assert(K > 0, "K must be positive")
    tl.store(x_ptr, 1.0)


@pytest.mark.parametrize("executor", (ThreadPoolExecutor, ProcessPoolExecutor))
def test_warmups_compile_on_the_executor_and_launches_use_their_variants(executor):
    x, out = np.arange(100, dtype=np.float32), np.zeros(100, np.float32)
    with executor(2) as pool, triton.AsyncCompileMode(pool) as mode:
        futures = [scale.warmup(x, out, 100, K=k, BLOCK=64, grid=(2,)) for k in (3, 4, 3)]
        assert all(isinstance(f, triton.FutureKernel) for f in futures)
        assert futures[0] is futures[2] and len(mode.future_kernels) == 2
    compiled = scale[(2,)](x, out, 100, K=4, BLOCK=64)
    np.testing.assert_array_equal(out, x * 4)
    assert futures[1].result() is compiled
    assert futures[0].metadata.num_warps == compiled.metadata.num_warps     # attributes wait for the result


def test_a_failed_compile_raises_when_the_mode_ends_unless_errors_are_ignored():
    x = np.zeros(1, np.float32)
    with pytest.raises(CompilationError, match="K must be positive"):
        with ThreadPoolExecutor(1) as pool, triton.AsyncCompileMode(pool):
            broken.warmup(x, K=0, grid=(1,))
    with ThreadPoolExecutor(1) as pool, triton.AsyncCompileMode(pool, ignore_errors=True):
        future = broken.warmup(x, K=-1, grid=(1,))
    assert future.result(ignore_errors=True) is None


def test_modes_do_not_nest_and_a_process_pool_needs_an_importable_kernel():
    @triton.jit
    def local(x_ptr):
        tl.store(x_ptr, 1.0)

    with ThreadPoolExecutor(1) as pool, triton.AsyncCompileMode(pool):
        with pytest.raises(RuntimeError, match="^another AsyncCompileMode is already active; leave it before "
                                               "entering this one$"):
            triton.AsyncCompileMode(pool).__enter__()
    with ProcessPoolExecutor(1) as pool, triton.AsyncCompileMode(pool):
        with pytest.raises(ValueError, match="^local cannot compile in another process: a worker finds a kernel by "
                                             "its module and name, and this one is defined inside a function"):
            local.warmup(np.zeros(1, np.float32), grid=(1,))
