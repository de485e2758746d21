"""Matrix multiplication with grouped program ordering for L2 reuse."""
import sys
from typing import Optional, Sequence

import numpy as np

import pantile
import pantile.language as pl

from pantile.conformance.formats import as_dot_inputs

from .harness import Example, Workload, run


@pantile.jit
def matmul_kernel(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm, stride_cn,
                  BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr, BLOCK_K: pl.constexpr, GROUP_M: pl.constexpr):
    pid = pl.program_id(axis=0)
    num_pid_m = pl.cdiv(M, BLOCK_M)
    pid_m, pid_n = tile_coords(pid, GROUP_M * pl.cdiv(N, BLOCK_N), num_pid_m, GROUP_M)
    offs_m = pid_m * BLOCK_M + pl.arange(0, BLOCK_M)
    offs_n = pid_n * BLOCK_N + pl.arange(0, BLOCK_N)
    offs_k = pl.arange(0, BLOCK_K)
    a_ptrs = a_ptr + offs_m[:, None] * stride_am + offs_k[None, :] * stride_ak
    b_ptrs = b_ptr + offs_k[:, None] * stride_bk + offs_n[None, :] * stride_bn
    acc = pl.zeros((BLOCK_M, BLOCK_N), dtype=pl.float32)
    for k in range(0, pl.cdiv(K, BLOCK_K)):
        k_left = K - k * BLOCK_K
        a = pl.load(a_ptrs, mask=(offs_m[:, None] < M) & (offs_k[None, :] < k_left), other=0.0)
        b = pl.load(b_ptrs, mask=(offs_k[:, None] < k_left) & (offs_n[None, :] < N), other=0.0)
        acc = pl.dot(a, b, acc)
        a_ptrs += BLOCK_K * stride_ak
        b_ptrs += BLOCK_K * stride_bk
    c_ptrs = c_ptr + offs_m[:, None] * stride_cm + offs_n[None, :] * stride_cn
    pl.store(c_ptrs, acc.to(c_ptr.dtype.element_ty), mask=(offs_m[:, None] < M) & (offs_n[None, :] < N))


@pantile.jit
def descriptor_matmul_kernel(a_desc, b_desc, c_desc, M, N, K, BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr,
                             BLOCK_K: pl.constexpr, GROUP_M: pl.constexpr):
    """The same grouped tiling with tensor descriptors (TensorDescriptor arguments of [M, K], [K, N] and [M, N]):
    on Hopper their tiles come by TMA."""
    pid = pl.program_id(axis=0)
    num_pid_m = pl.cdiv(M, BLOCK_M)
    pid_m, pid_n = tile_coords(pid, GROUP_M * pl.cdiv(N, BLOCK_N), num_pid_m, GROUP_M)
    acc = pl.zeros((BLOCK_M, BLOCK_N), dtype=pl.float32)
    for k in range(0, pl.cdiv(K, BLOCK_K)):
        a = a_desc.load([pid_m * BLOCK_M, k * BLOCK_K])
        b = b_desc.load([k * BLOCK_K, pid_n * BLOCK_N])
        acc = pl.dot(a, b, acc)
    c_desc.store([pid_m * BLOCK_M, pid_n * BLOCK_N], acc.to(c_desc.dtype))


@pantile.jit
def tile_coords(tile, tiles_per_group, tiles_m, GROUP_M: pl.constexpr):
    """(row, column) of tile `tile` in the grouped order: GROUP_M rows of tiles at a time, down each column."""
    first_m = (tile // tiles_per_group) * GROUP_M
    group_rows = min(tiles_m - first_m, GROUP_M)
    return first_m + (tile % tiles_per_group) % group_rows, (tile % tiles_per_group) // group_rows


@pantile.jit
def persistent_matmul_kernel(a_ptr, b_ptr, c_ptr, M, N, K, stride_am, stride_ak, stride_bk, stride_bn, stride_cm,
                             stride_cn, BLOCK_M: pl.constexpr, BLOCK_N: pl.constexpr, BLOCK_K: pl.constexpr,
                             GROUP_M: pl.constexpr, NUM_SMS: pl.constexpr):
    """The grouped matmul as a persistent kernel, in the form of Triton's persistent-matmul tutorial: NUM_SMS
    programs, program p computing tiles p, p + NUM_SMS, ... in the grouped order; rows and columns past M and N
    read row and column 0 instead (their products are never stored), so that only the K tail is masked."""
    tiles_m = pl.cdiv(M, BLOCK_M)
    tiles_n = pl.cdiv(N, BLOCK_N)
    k_tiles = pl.cdiv(K, BLOCK_K)
    tiles_per_group = GROUP_M * tiles_n
    k_lanes = pl.arange(0, BLOCK_K)
    for tile in pl.range(pl.program_id(axis=0), tiles_m * tiles_n, NUM_SMS, flatten=True):
        pid_m, pid_n = tile_coords(tile, tiles_per_group, tiles_m, GROUP_M)
        offs_m = pid_m * BLOCK_M + pl.arange(0, BLOCK_M)
        offs_n = pid_n * BLOCK_N + pl.arange(0, BLOCK_N)
        rows = pl.max_contiguous(pl.multiple_of(pl.where(offs_m < M, offs_m, 0), BLOCK_M), BLOCK_M)
        cols = pl.max_contiguous(pl.multiple_of(pl.where(offs_n < N, offs_n, 0), BLOCK_N), BLOCK_N)
        acc = pl.zeros((BLOCK_M, BLOCK_N), dtype=pl.float32)
        for kk in range(k_tiles):
            offs_k = kk * BLOCK_K + k_lanes
            a = pl.load(a_ptr + rows[:, None] * stride_am + offs_k[None, :] * stride_ak,
                        mask=k_lanes[None, :] < K - kk * BLOCK_K, other=0.0)
            b = pl.load(b_ptr + offs_k[:, None] * stride_bk + cols[None, :] * stride_bn,
                        mask=k_lanes[:, None] < K - kk * BLOCK_K, other=0.0)
            acc = pl.dot(a, b, acc)
        c_ptrs = c_ptr + offs_m[:, None] * stride_cm + offs_n[None, :] * stride_cn
        pl.store(c_ptrs, acc.to(c_ptr.dtype.element_ty), mask=(offs_m[:, None] < M) & (offs_n[None, :] < N))


def persistent_matmul(a: np.ndarray, b: np.ndarray, block_m: int = 64, block_n: int = 64, block_k: int = 32,
                      programs: Optional[int] = None) -> np.ndarray:
    """a @ b by `persistent_matmul_kernel` on min(programs, tiles) programs (default: the target's
    multiprocessor count, one program per SM)."""
    (m, k), (_, n) = a.shape, b.shape
    c = np.empty((m, n), dtype=a.dtype)
    isz = a.itemsize
    tiles = pantile.cdiv(m, block_m) * pantile.cdiv(n, block_n)
    count = min(programs or pantile.launch_target(a, b).capabilities.multiprocessor_count, tiles)
    persistent_matmul_kernel[(count,)](a, b, c, m, n, k, a.strides[0] // isz, a.strides[1] // isz,
                                       b.strides[0] // isz, b.strides[1] // isz, c.strides[0] // isz,
                                       c.strides[1] // isz, BLOCK_M=block_m, BLOCK_N=block_n, BLOCK_K=block_k,
                                       GROUP_M=8, NUM_SMS=count)
    return c


def matmul(a: np.ndarray, b: np.ndarray, block_m: int = 64, block_n: int = 64, block_k: int = 32) -> np.ndarray:
    """a @ b for float32 matrices."""
    (m, k), (_, n) = a.shape, b.shape
    c = np.empty((m, n), dtype=a.dtype)
    isz = a.itemsize
    grid = (pantile.cdiv(m, block_m) * pantile.cdiv(n, block_n),)
    matmul_kernel[grid](a, b, c, m, n, k, a.strides[0] // isz, a.strides[1] // isz, b.strides[0] // isz,
                        b.strides[1] // isz, c.strides[0] // isz, c.strides[1] // isz,
                        BLOCK_M=block_m, BLOCK_N=block_n, BLOCK_K=block_k, GROUP_M=8)
    return c


# Triton tutorial 03's autotune list for CUDA, (BLOCK_M, BLOCK_N, BLOCK_K, num_warps, num_stages) with GROUP_M 8:
# the configs for f16 inputs, then those it marks as good for fp8 (the benchmarks pick each compiler's best)
TUTORIAL_CONFIGS = ((128, 256, 64, 8, 3), (64, 256, 32, 4, 4), (128, 128, 32, 4, 4), (128, 64, 32, 4, 4),
                    (64, 128, 32, 4, 4), (128, 32, 32, 4, 4), (64, 32, 32, 2, 5), (32, 64, 32, 2, 5))
TUTORIAL_FP8_CONFIGS = ((128, 256, 128, 8, 3), (256, 128, 128, 8, 3), (256, 64, 128, 4, 4), (64, 256, 128, 4, 4),
                        (128, 128, 128, 4, 4), (128, 64, 64, 4, 4), (64, 128, 64, 4, 4), (128, 32, 64, 4, 4))


TOLERANCE = {"float32": 1e-4, "float16": 1e-2}


def reference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """numpy's a @ b in float32, the inputs rounded as the dots of the target that would run them take them
    (float32 at tf32 on tensor cores, Triton's default)."""
    rounded_to = pantile.launch_target(a, b).capabilities.f32_dot_inputs
    return as_dot_inputs(a, rounded_to) @ as_dot_inputs(b, rounded_to)


def setup(size: tuple[int, ...], dtype: np.dtype) -> Workload:
    """Random MxK and KxN matrices and numpy's product (computed in float32)."""
    rng = np.random.default_rng(0)
    m, n, k = size
    a = rng.standard_normal((m, k), dtype=np.float32).astype(dtype)
    b = rng.standard_normal((k, n), dtype=np.float32).astype(dtype)
    want = reference(a, b)
    tol = TOLERANCE[dtype.name] * max(1.0, np.sqrt(k) / 16)
    return Workload(lambda: matmul(a, b), lambda out: np.testing.assert_allclose(out.astype(np.float32), want,
                                                                                rtol=tol, atol=tol),
                    flops=2.0 * m * n * k)


EXAMPLE = Example("matmul", "C = A @ B with grouped program ordering for L2 reuse, accumulated in float32.",
                  ("M", "N", "K"), (333, 271, 197), tuple(TOLERANCE), setup)


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """The example's command line (--size MxNxK --dtype --target); returns the exit status."""
    return run(EXAMPLE, argv, prog)


if __name__ == "__main__":
    sys.exit(main())
