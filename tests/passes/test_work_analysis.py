"""The kernel-work analysis: bytes and operations of one launch, counted from the target-neutral IR."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.examples.softmax import softmax_kernel
from pantile.examples.vector_add import add_kernel
from pantile.runtime.explain import analyse


@pantile.jit
def dot_kernel(a_ptr, b_ptr, c_ptr, K, BM: pl.constexpr, BN: pl.constexpr, BK: pl.constexpr):
    rm, rn, rk = pl.arange(0, BM), pl.arange(0, BN), pl.arange(0, BK)
    acc = pl.zeros((BM, BN), dtype=pl.float32)
    for k in range(0, K, BK):
        a = pl.load(a_ptr + rm[:, None] * K + (k + rk)[None, :])
        b = pl.load(b_ptr + (k + rk)[:, None] * BN + rn[None, :])
        acc = pl.dot(a, b, acc)
    pl.store(c_ptr + rm[:, None] * BN + rn[None, :], pl.exp(acc))


@pantile.jit
def gather_kernel(idx_ptr, x_ptr, out_ptr, BLOCK: pl.constexpr):
    offs = pl.arange(0, BLOCK)
    idx = pl.load(idx_ptr + offs)
    pl.store(out_ptr + offs, pl.load(x_ptr + idx, mask=idx >= 0))


@pytest.mark.parametrize("n, block", [(1000, 256), (4096, 1024), (1, 128)])
def test_vector_add_moves_exactly_the_bytes_its_masks_leave_on(n, block):
    x = np.ones(n, np.float32)
    grid = (pantile.cdiv(n, block),)
    *_, work = analyse(add_kernel, grid, (x, x, x.copy(), n), {"BLOCK_SIZE": block}, target="cpu")
    assert work.loaded_bytes == 2 * 4 * n
    assert work.stored_bytes == 4 * n
    assert work.footprint_bytes == 3 * 4 * n
    assert work.flops == grid[0] * block          # the add runs on every lane, masked or not
    assert work.dot_flops == {}
    assert work.notes == ()


@pytest.mark.parametrize("dtype, kind", [(np.float16, "f16"), (np.float32, "tf32")])
@pytest.mark.parametrize("k", [32, 96, 1024])
def test_dot_flops_are_two_m_n_k_per_program_with_the_trip_count_from_the_arguments(dtype, kind, k):
    bm, bn, bk, programs = 32, 16, 16, 3
    a, b = np.ones((bm, k), dtype), np.ones((k, bn), dtype)
    c = np.empty((bm, bn), np.float32)
    *_, work = analyse(dot_kernel, (programs,), (a, b, c, k), {"BM": bm, "BN": bn, "BK": bk}, target="cpu")
    assert work.dot_flops == {kind: 2.0 * bm * bn * k * programs}
    assert work.dot_shapes == ((bm, bn, bk, kind),)
    assert work.transcendentals == bm * bn * programs
    assert work.loaded_bytes == programs * (bm * k + k * bn) * a.itemsize
    assert work.stored_bytes == programs * bm * bn * 4
    assert work.loop_iterations == programs * (k // bk)
    assert work.exchanges == programs * (k // bk)          # one dot per iteration


def test_a_mask_from_loaded_data_counts_every_lane_and_says_so():
    idx = np.arange(64, dtype=np.int32)
    x = np.ones(64, np.float32)
    *_, work = analyse(gather_kernel, (1,), (idx, x, x.copy()), {"BLOCK": 64}, target="cpu")
    assert work.loaded_bytes == 64 * 4 + 64 * 4
    assert any("mask from loaded data" in n and "line" in n for n in work.notes)


def test_programs_running_together_share_the_tiles_grouped_ordering_gives_them():
    from pantile.examples.matmul import matmul_kernel
    size, block, bk = 512, 64, 32
    a = np.ones((size, size), np.float32)
    args = (a, a, a.copy(), size, size, size, size, 1, size, 1, size, 1)
    tiles, trips = size // block, size // bk
    a_tile, b_tile, c_tile = block * bk, bk * block, block * block      # elements of each program's first reads
    # (GROUP_M, programs together, distinct A tiles, distinct B tiles among them): the A and B tiles of the first
    # iteration stand for every trip of the loop over K; each program's C tile is written once
    for group, wave, a_tiles, b_tiles in ((1, 1, 1, 1), (1, tiles, 1, tiles), (tiles, tiles * tiles, tiles, tiles)):
        *_, work = analyse(matmul_kernel, (tiles * tiles,), args,
                           dict(BLOCK_M=block, BLOCK_N=block, BLOCK_K=bk, GROUP_M=group), target="cpu")
        distinct = trips * (a_tiles * a_tile + b_tiles * b_tile) + wave * c_tile     # every C tile is its own
        assert work.wave_distinct(wave) == pytest.approx(distinct / (wave * (trips * (a_tile + b_tile) + c_tile)))



def test_segments_count_the_contiguous_runs_of_each_access():
    rows, cols = 8, 100
    x = np.ones((rows, cols), np.float32)
    *_, work = analyse(softmax_kernel,
                       (rows,), (x.copy(), x, cols, cols, rows, cols), {"BLOCK_SIZE": 128}, target="cpu")
    assert work.segments == 2 * rows                 # each row read once and written once, contiguously
    idx = np.arange(64, dtype=np.int32)[::-1].copy()
    *_, work = analyse(gather_kernel, (1,), (idx, np.ones(64, np.float32), np.ones(64, np.float32)), {"BLOCK": 64},
                       target="cpu")
    assert work.segments == 1 + 64 + 1               # idx and out contiguous; x at addresses from loaded data
