"""Block pointers and tensor descriptors in whole kernels: Triton-style matmuls against numpy."""
import numpy as np
import pytest

import pantile
from pantile.frontend import CompilationError
from pantile.conformance.tolerance import accumulation

import tensor_memory_kernels
from tensor_memory_kernels import (descriptor_to_noinline_kernel, matmul_block_ptr_kernel,
                                   matmul_make_descriptor_kernel)

rng = np.random.default_rng(13)
SHAPES = ((100, 70, 90), (64, 64, 64), (5, 33, 17))


def _operands(m: int, n: int, k: int, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    return (rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((k, n)).astype(dtype))


def _assert_matmul(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """c = a @ b within the bound of a K-term f32 sum (the products of f16 or f32 inputs are exact in f32)."""
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    mismatch = accumulation(a.shape[1] + 2, "f32").compare("f32", c.astype(np.float32),
                                                           (a64 @ b64, np.abs(a64) @ np.abs(b64)))
    assert mismatch is None, str(mismatch)


@pytest.mark.parametrize("mnk", SHAPES)
@pytest.mark.parametrize("dtype", ("float32", "float16"))
def test_block_pointer_matmul(mnk, dtype, requires):
    requires(dtypes=[{"float32": "f32", "float16": "f16"}[dtype]], dot=[{"float32": "f32", "float16": "f16"}[dtype]])
    m, n, k = mnk
    a, b = _operands(m, n, k, dtype)
    c = np.full((m, n), np.nan, np.float32)
    grid = (pantile.cdiv(m, 32) * pantile.cdiv(n, 32),)
    matmul_block_ptr_kernel[grid](a, b, c, m, n, k, k, 1, n, 1, n, 1, BLOCK_SIZE_M=32, BLOCK_SIZE_N=32,
                                  BLOCK_SIZE_K=16, GROUP_SIZE_M=2)
    _assert_matmul(c, a, b)


def test_block_pointer_matmul_of_transposed_views(requires):
    m, n, k = 40, 24, 33
    a = rng.standard_normal((k, m)).astype(np.float32).T    # column-major
    b = rng.standard_normal((k, n)).astype(np.float32)
    c = np.zeros((n, m), np.float32).T
    matmul_block_ptr_kernel[(2,)](a, b, c, m, n, k, a.strides[0] // 4, a.strides[1] // 4, n, 1, c.strides[0] // 4,
                                  c.strides[1] // 4, BLOCK_SIZE_M=32, BLOCK_SIZE_N=32, BLOCK_SIZE_K=16,
                                  GROUP_SIZE_M=1)
    _assert_matmul(c, a, b)


@pytest.mark.parametrize("mnk", SHAPES)
def test_descriptor_matmul(mnk, requires):
    requires(dtypes=["f16"], dot=["f16"])
    m, n, k = mnk
    a, b = _operands(m, n, k, "float16")
    c = np.full((m, n), np.nan, np.float32)
    matmul_make_descriptor_kernel[(pantile.cdiv(m, 32), pantile.cdiv(n, 32))](a, b, c, m, n, k, BLOCK_M=32,
                                                                               BLOCK_N=32, BLOCK_K=16)
    _assert_matmul(c, a, b)


def test_descriptor_passed_to_noinline_function_is_a_located_error():
    with pytest.raises(CompilationError) as info:
        descriptor_to_noinline_kernel[(1,)](np.zeros(16, np.float32), 16)
    err = info.value
    assert (err.file, err.message) == (tensor_memory_kernels.__file__, "a block pointer or tensor descriptor cannot "
                                       "be used by func.call; pass it only to functions that are inlined (remove "
                                       "noinline=True)")
    assert err.line == descriptor_to_noinline_kernel.first_line + 2
