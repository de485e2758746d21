"""Block pointers and tensor descriptors in whole kernels: Triton-style matmuls against numpy."""
import numpy as np
import pytest

import pantile as triton
from pantile.frontend import CompilationError
from pantile.runtime.allocator import get_allocator
from pantile.conformance.formats import as_dot_inputs
from pantile.conformance.tolerance import accumulation

import tensor_memory_kernels
from tensor_memory_kernels import (descriptor_to_noinline_kernel, matmul_block_ptr_kernel,
                                   matmul_descriptor_args_kernel, matmul_make_descriptor_kernel, padded_tile_kernel,
                                   descriptor_fields_kernel, inplace_abs, reverse_rows_kernel)

rng = np.random.default_rng(13)
SHAPES = ((100, 70, 90), (64, 64, 64), (5, 33, 17))


def _operands(m: int, n: int, k: int, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    return (rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((k, n)).astype(dtype))


def _assert_matmul(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """c = a @ b within the bound of a K-term f32 sum, f32 inputs rounded as the target's dots take them (the
    products of f16 inputs, or of f32 ones at tf32, are exact in f32)."""
    rounded_to = triton.launch_target(a, b).capabilities.f32_dot_inputs
    a64, b64 = (as_dot_inputs(x, rounded_to).astype(np.float64) for x in (a, b))
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
    grid = (triton.cdiv(m, 32) * triton.cdiv(n, 32),)
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
    matmul_make_descriptor_kernel[(triton.cdiv(m, 32), triton.cdiv(n, 32))](a, b, c, m, n, k, BLOCK_M=32,
                                                                               BLOCK_N=32, BLOCK_K=16)
    _assert_matmul(c, a, b)


@pytest.mark.parametrize("mnk", SHAPES)
def test_descriptor_argument_matmul(mnk, requires):
    requires(dtypes=["f16"], dot=["f16"])
    m, n, k = mnk
    a, b = _operands(m, n, k, "float16")
    c = np.full((m, n), np.nan, np.float32)
    TensorDescriptor = triton.tools.tensor_descriptor.TensorDescriptor    # as `import triton` users reach it
    descs = [TensorDescriptor.from_tensor(x, block) for x, block in ((a, [32, 16]), (b, [16, 32]), (c, [32, 32]))]
    matmul_descriptor_args_kernel[(triton.cdiv(m, 32), triton.cdiv(n, 32))](*descs, k, BLOCK_M=32, BLOCK_N=32,
                                                                             BLOCK_K=16)
    _assert_matmul(c, a, b)


@pytest.mark.parametrize("blocks,warps", [((32, 32, 16), 4), ((64, 64, 32), 4), ((128, 64, 16), 8)])
def test_descriptor_argument_matmul_stores_ragged_tiles_into_a_strided_view(blocks, warps, requires):
    """M and N not multiples of the blocks, C a view whose rows are 80 elements apart (on cuda:sm_90a a TMA store
    would write the 16-byte chunk holding columns 68 to 71 whole, so its tiles leave through pointers): the product
    lands in the view, and the columns past N keep their NaN."""
    requires(dtypes=["f16"], dot=["f16"])
    m, n, k = 100, 70, 48
    a, b = _operands(m, n, k, "float16")
    rows = np.full((m, 80), np.nan, np.float32)
    c = rows[:, :n]
    bm, bn, bk = blocks
    TensorDescriptor = triton.tools.tensor_descriptor.TensorDescriptor
    descs = [TensorDescriptor.from_tensor(x, block) for x, block in ((a, [bm, bk]), (b, [bk, bn]), (c, [bm, bn]))]
    matmul_descriptor_args_kernel[(triton.cdiv(m, bm), triton.cdiv(n, bn))](*descs, k, BLOCK_M=bm, BLOCK_N=bn,
                                                                             BLOCK_K=bk, num_warps=warps)
    _assert_matmul(c, a, b)
    assert np.isnan(rows[:, n:]).all()


@pytest.mark.parametrize("padding", ("zero", "nan"))
def test_descriptor_argument_over_a_strided_view_pads_outside_its_shape(padding):
    whole = rng.standard_normal((12, 40)).astype(np.float32)
    view = whole[1:10:2, 5:29]                    # 5 x 24, row stride 80 elements
    desc = triton.tools.tensor_descriptor.TensorDescriptor.from_tensor(view, [8, 16], padding=padding)
    assert desc.strides == (80, 1)
    out = np.zeros((8, 16), np.float32)
    padded_tile_kernel[(1,)](desc, out, BM=8, BN=16)
    fill = np.nan if padding == "nan" else 0.0
    expected = np.full((8, 16), fill, np.float32)
    expected[1:6, :16] = view[0:5, 3:19]
    np.testing.assert_array_equal(out, expected)


def test_documentation_example_with_an_allocator():
    calls = []
    allocator = lambda size, alignment, stream: calls.append(size)  # noqa: E731
    triton.set_allocator(allocator)
    assert get_allocator() is allocator
    x = rng.standard_normal((256, 256)).astype(np.float32)
    expected = np.abs(x)
    inplace_abs[(triton.cdiv(256, 32), triton.cdiv(256, 64))](x, 256, 256, M_BLOCK=32, N_BLOCK=64)
    np.testing.assert_array_equal(x, expected)
    assert calls == []     # the masked-load lowering needs no scratch memory


def test_set_allocator_needs_a_function():
    with pytest.raises(TypeError) as e:
        triton.set_allocator(42)
    assert str(e.value) == "set_allocator needs a function (size, alignment, stream) -> buffer, got int"


def test_descriptor_shape_and_strides_in_the_kernel():
    view = np.zeros((9, 40), np.float32)[::3, 2:35]     # 3 x 33, strides (120, 1)
    out = np.zeros(4, np.int64)
    desc = triton.tools.tensor_descriptor.TensorDescriptor.from_tensor(view, [2, 16])
    descriptor_fields_kernel[(1,)](desc, out, 2)
    np.testing.assert_array_equal(out, [3, 33, 120, 1])


def test_block_pointers_returned_by_a_helper():
    x = rng.standard_normal((7, 8)).astype(np.float32)
    y = np.zeros_like(x)
    reverse_rows_kernel[(7,)](x, y, 7, BLOCK=8)
    np.testing.assert_array_equal(y, x[::-1])


def test_descriptor_passed_to_noinline_function_is_a_located_error():
    with pytest.raises(CompilationError) as info:
        descriptor_to_noinline_kernel[(1,)](np.zeros(16, np.float32), 16)
    err = info.value
    assert (err.file, err.message) == (tensor_memory_kernels.__file__, "a block pointer or tensor descriptor cannot "
                                       "be used by func.call; pass it only to functions that are inlined (remove "
                                       "noinline=True)")
    assert err.line == descriptor_to_noinline_kernel.first_line + 2
