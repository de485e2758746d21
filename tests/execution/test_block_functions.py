"""Triton's standard block functions on every target against numpy: sort, topk, flip, gather, interleave,
histogram, reduce_or, xor_sum, squeeze, unsqueeze."""
import numpy as np
import pytest

from pantile.runtime.args import NUMPY_ELEMENT_NAMES

from execution_kernels import block_functions, histogram_kernel, topk_rows

M, N = 4, 32


def _run(fn, x, index=None, k=1, out_shape=None):
    out = np.zeros(out_shape or x.shape, x.dtype)
    index = np.zeros((M, N), np.int32) if index is None else index
    block_functions[(1,)](x, index, out, M=M, N=N, FN=fn, K=k)
    return out


@pytest.mark.parametrize("dtype", ["float32", "uint8", "int64"])
def test_sort_both_ways(dtype, requires):
    requires(dtypes=[NUMPY_ELEMENT_NAMES[dtype]])
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((M, N)) * 50).astype(dtype)
    x[0, :8] = x[0, 8:16]     # repeated values
    np.testing.assert_array_equal(_run("sort", x), np.sort(x, axis=1))
    np.testing.assert_array_equal(_run("sort_descending", x), np.sort(x, axis=1)[:, ::-1])


@pytest.mark.parametrize("k", [1, 4, 32])
def test_topk_largest_and_smallest(k):
    x = np.random.default_rng(k).permutation(M * N).reshape(M, N).astype(np.float32)
    np.testing.assert_array_equal(_run("topk", x, k=k, out_shape=(M, k)), np.sort(x, axis=1)[:, ::-1][:, :k])
    np.testing.assert_array_equal(_run("bottomk", x, k=k, out_shape=(M, k)), np.sort(x, axis=1)[:, :k])


# Triton picks a k below N out with tl.max / tl.min, so the values come out widened as those widen them.
TOPK_RESULT = {"float16": "float32", "int32": "int32", "uint8": "int32"}


@pytest.mark.parametrize("dtype, k, descending", [("float16", 4, False), ("float16", N, True), ("int32", 1, True),
                                                   ("uint8", 1, False)])
def test_topk_result_type(dtype, k, descending, requires):
    requires(dtypes=[NUMPY_ELEMENT_NAMES[dtype]])
    x = np.random.default_rng(k).permutation(M * N).reshape(M, N) % 200
    x = (x - 100 if dtype != "uint8" else x).astype(dtype)
    out = np.zeros((M, k), TOPK_RESULT[dtype] if k < N else dtype)
    topk_rows[(1,)](x, out, M=M, N=N, K=k, DESCENDING=descending)
    ordered = np.sort(x, axis=1)
    np.testing.assert_array_equal(out, (ordered[:, ::-1] if descending else ordered)[:, :k])


def test_flip_both_dimensions():
    x = np.arange(M * N, dtype=np.int32).reshape(M, N)
    np.testing.assert_array_equal(_run("flip_rows", x), x[::-1])
    np.testing.assert_array_equal(_run("flip", x), x[:, ::-1])


def test_gather_along_each_axis():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((M, N)).astype(np.float32)
    x[1, 3] = -0.0
    cols = rng.integers(0, N, (M, N)).astype(np.int32)
    cols[1, 0] = 3
    out = _run("gather_columns", x, cols)
    np.testing.assert_array_equal(out, np.take_along_axis(x, cols, 1))
    assert np.signbit(out[1, 0])          # the value itself, -0.0 included
    rows = rng.integers(0, M, (M, N)).astype(np.int32)
    np.testing.assert_array_equal(_run("gather_rows", x, rows), np.take_along_axis(x, rows, 0))


def test_interleave():
    x = np.arange(M * N, dtype=np.float32).reshape(M, N)
    expected = np.stack([x, x + 1], axis=-1).reshape(M, 2 * N)
    np.testing.assert_array_equal(_run("interleave", x, out_shape=(M, 2 * N)), expected)


def test_bitwise_reductions():
    x = np.random.default_rng(3).integers(0, 2**31, (M, N)).astype(np.int32)
    np.testing.assert_array_equal(_run("reduce_or", x, out_shape=(M,)), np.bitwise_or.reduce(x, axis=1))
    np.testing.assert_array_equal(_run("xor_sum", x, out_shape=(N,)), np.bitwise_xor.reduce(x, axis=0))


def test_squeeze_and_unsqueeze():
    x = np.arange(M * N, dtype=np.float32).reshape(M, N)
    np.testing.assert_array_equal(_run("squeeze", x, out_shape=(N,)), x.sum(axis=0))
    np.testing.assert_array_equal(_run("unsqueeze", x), np.broadcast_to(x.max(axis=1)[:, None], (M, N)))


def test_histogram_with_mask_and_out_of_range_values():
    x = np.random.default_rng(4).integers(-3, 20, 128).astype(np.int32)
    out = np.zeros(16, np.int32)
    histogram_kernel[(1,)](x, out, 100, N=128, BINS=16)
    kept = x[:100]
    np.testing.assert_array_equal(out, np.bincount(kept[(kept >= 0) & (kept < 16)], minlength=16))
