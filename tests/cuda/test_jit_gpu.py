"""Kernels written with pantile.jit, launched through the runtime on the GPU (numpy arrays copied in and out)."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.conformance.formats import as_dot_inputs
from execution_kernels import matmul


@pantile.jit
def argmax_rows(x_ptr, out_ptr, n_cols, BLOCK: pl.constexpr):
    row = pl.program_id(0)
    cols = pl.arange(0, BLOCK)
    x = pl.load(x_ptr + row * n_cols + cols, mask=cols < n_cols, other=-float("inf"))
    pl.store(out_ptr + row, pl.argmax(x, axis=0))


@pantile.jit
def cumsum_rows(x_ptr, out_ptr, n_cols, REVERSE: pl.constexpr, BLOCK: pl.constexpr):
    row = pl.program_id(0)
    cols = pl.arange(0, BLOCK)
    mask = cols < n_cols
    x = pl.load(x_ptr + row * n_cols + cols, mask=mask, other=0)
    pl.store(out_ptr + row * n_cols + cols, pl.cumsum(x, axis=0, reverse=REVERSE), mask=mask)


@pantile.jit
def count_positive(x_ptr, counter_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    x = pl.load(x_ptr + offs, mask=offs < n, other=0.0)
    pl.atomic_add(counter_ptr, pl.sum(pl.where(x > 0, 1, 0), axis=0))


@pantile.jit
def small_matmul(a_ptr, b_ptr, c_ptr, M: pl.constexpr, N: pl.constexpr, K: pl.constexpr):
    rm, rn, rk = pl.arange(0, M), pl.arange(0, N), pl.arange(0, K)
    a = pl.load(a_ptr + rm[:, None] * K + rk[None, :])
    b = pl.load(b_ptr + rk[:, None] * N + rn[None, :])
    pl.store(c_ptr + rm[:, None] * N + rn[None, :], pl.dot(a, b))


def test_argmax_picks_the_first_maximum(gpu) -> None:
    x = np.random.default_rng(0).integers(0, 20, (37, 300)).astype(np.float32)
    out = np.zeros(37, dtype=np.int32)
    with pantile.target(gpu.arch):
        argmax_rows[(37,)](x, out, 300, BLOCK=512)
    np.testing.assert_array_equal(out, x.argmax(1))


@pytest.mark.parametrize("reverse", [False, True])
def test_cumsum_with_masked_tail(gpu, reverse: bool) -> None:
    x = np.random.default_rng(1).integers(-9, 9, (8, 1000)).astype(np.int32)
    out = np.zeros_like(x)
    with pantile.target(gpu.arch):
        cumsum_rows[(8,)](x, out, 1000, REVERSE=reverse, BLOCK=1024)
    want = np.cumsum(x[:, ::-1], 1)[:, ::-1] if reverse else np.cumsum(x, 1)
    np.testing.assert_array_equal(out, want)


def test_atomic_add_of_block_sums(gpu) -> None:
    x = np.random.default_rng(2).standard_normal(100_003).astype(np.float32)
    counter = np.zeros(1, dtype=np.int32)
    with pantile.target(gpu.arch):
        count_positive[(pantile.cdiv(x.size, 1024),)](x, counter, x.size, BLOCK=1024)
    assert counter[0] == (x > 0).sum()


@pytest.mark.parametrize("dtype,tol", [(np.float16, 1e-2), (np.float32, 1e-3)])
def test_dot_through_the_frontend(gpu, dtype, tol: float) -> None:
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((64, 32)).astype(dtype), rng.standard_normal((32, 64)).astype(dtype)
    c = np.zeros((64, 64), dtype=np.float32)
    with pantile.target(gpu.arch):
        small_matmul[(1,)](a, b, c, M=64, N=64, K=32)
    ref = a.astype(np.float64) @ b.astype(np.float64)
    assert np.linalg.norm(c - ref) / np.linalg.norm(ref) < tol


def test_strided_views_in_and_out(gpu) -> None:
    """A column-major A, B read backwards every other column, C written transposed into every other column of a
    larger array: each view is staged as the byte span it covers, and the gaps keep their values."""
    rng = np.random.default_rng(5)
    m, n, k = 40, 24, 33
    a = rng.standard_normal((k, m)).astype(np.float32).T
    b = rng.standard_normal((k, 2 * n)).astype(np.float32)[::-1, ::2]
    big = rng.standard_normal((n, 2 * m)).astype(np.float32)
    before = big.copy()
    c = big[:, ::2].T                      # (m, n), strides (8, 2 * m * 4)
    with pantile.target(gpu.arch):
        matmul[(2, 1)](a, b, c, m, n, k, *(s // 4 for s in a.strides), *(s // 4 for s in b.strides),
                       *(s // 4 for s in c.strides), IN="fp32", BM=32, BN=32, BK=16)
    a64, b64 = (as_dot_inputs(x, gpu.capabilities.f32_dot_inputs).astype(np.float64) for x in (a, b))
    np.testing.assert_allclose(big[:, ::2].T, a64 @ b64, rtol=1e-5, atol=1e-4)   # f32 dots take tf32 inputs
    np.testing.assert_array_equal(big[:, 1::2], before[:, 1::2])

