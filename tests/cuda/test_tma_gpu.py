"""The tensor-descriptor matmul executed on the GPU against numpy: on an sm_90a GPU its tiles come by TMA and its
output tile leaves by TMA where N is a multiple of 16 (checked in the compiled kernel), also past ragged edges,
where the boxes read zeros beyond the tensor and the stored boxes drop what lies beyond it (the padding columns of
the output's rows keep their NaN: other N, whose last 16-byte chunk of a row TMA would write whole, are stored
through pointers), and with fewer K tiles than pipeline stages; a descriptor TMA cannot address runs on the
pointer path with the same results. Skips off the GPU, printing why."""
import numpy as np
import pytest

import pantile
from pantile.examples.matmul import descriptor_matmul_kernel
from pantile.tools.tensor_descriptor import TensorDescriptor

from descriptor_matmul import EDGE_CASES


def _padded(rows: int, cols: int, lead: int, rng) -> np.ndarray:
    """A [rows, cols] f16 view whose rows are `lead` elements apart (a 16-element multiple: TMA can address it)."""
    return (rng.standard_normal((rows, lead), dtype=np.float32) / 4).astype(np.float16)[:, :cols]


def _run(gpu, a: np.ndarray, b: np.ndarray, c: np.ndarray, config: tuple) -> object:
    bm, bn, bk, warps, stages = config
    m, k = a.shape
    n = b.shape[1]
    descs = (TensorDescriptor.from_tensor(a, [bm, bk]), TensorDescriptor.from_tensor(b, [bk, bn]),
             TensorDescriptor.from_tensor(c, [bm, bn]))
    grid = (pantile.cdiv(m, bm) * pantile.cdiv(n, bn),)
    with pantile.target(gpu.arch):
        return descriptor_matmul_kernel[grid](*descs, m, n, k, BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8,
                                              num_warps=warps, num_stages=stages)


def _check(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    want = a.astype(np.float32) @ b.astype(np.float32)
    tol = 1e-2 * max(1.0, np.sqrt(a.shape[1]) / 16)
    np.testing.assert_allclose(c.astype(np.float32), want, rtol=tol, atol=tol)


def _uses_tma(gpu, compiled) -> bool:
    return "cp.async.bulk.tensor" in compiled.asm["ptx"]


def _stores_by_tma(compiled) -> bool:
    return "cp.async.bulk.tensor.2d.global.shared::cta" in compiled.asm["ptx"]


@pytest.mark.parametrize("mnk,config", EDGE_CASES)
def test_descriptor_matmul_matches_numpy(gpu, mnk, config) -> None:
    m, n, k = mnk
    rng = np.random.default_rng(m + n + k)
    lead = lambda cols: -(-cols // 16) * 16                                  # noqa: E731
    a, b = _padded(m, k, lead(k), rng), _padded(k, n, lead(n), rng)
    rows = np.full((m, lead(n)), np.nan, np.float16)
    c = rows[:, :n]
    compiled = _run(gpu, a, b, c, config)
    _check(a, b, c)
    assert np.isnan(rows[:, n:]).all(), "nothing is stored past the tensor's last column"
    assert _uses_tma(gpu, compiled) == gpu.info.wgmma, "TMA is used exactly on sm_90a"
    assert _stores_by_tma(compiled) == (gpu.info.wgmma and n % 16 == 0), "C is stored by TMA exactly on sm_90a, " \
        "where its rows are known to be whole 16-byte chunks"


def test_a_view_of_rows_of_whole_16_byte_chunks_is_stored_by_tma_and_its_padding_kept(gpu) -> None:
    """C the first 80 of 96 f16 columns of its rows, M and N ragged against the blocks: on sm_90a it leaves by TMA,
    whose last box of a row block reaches past column 80 and is dropped there; the padding columns keep their NaN."""
    rng = np.random.default_rng(80)
    a, b = _padded(100, 48, 48, rng), _padded(48, 80, 80, rng)
    rows = np.full((100, 96), np.nan, np.float16)
    c = rows[:, :80]
    compiled = _run(gpu, a, b, c, (64, 64, 32, 4, 3))
    _check(a, b, c)
    assert np.isnan(rows[:, 80:]).all(), "nothing is stored past the tensor's last column"
    assert _stores_by_tma(compiled) == gpu.info.wgmma


def test_a_row_stride_tma_cannot_address_gives_the_same_product(gpu) -> None:
    """Rows 1000 elements apart (not a multiple of 16): the pointer path, same results."""
    rng = np.random.default_rng(7)
    a, b = _padded(200, 1000, 1000, rng), _padded(1000, 136, 136, rng)
    c = np.full((200, 136), np.nan, np.float16)
    compiled = _run(gpu, a, b, c, (128, 128, 64, 4, 3))
    _check(a, b, c)
    assert not _uses_tma(gpu, compiled)


def test_a_view_whose_rows_end_inside_a_16_byte_chunk_is_loaded_as_zeros_past_k(gpu) -> None:
    """A the first 36 of 48 f16 columns of its rows (72 bytes: the last chunk of each row holds 4 elements of A and 4
    of padding), the padding NaN: on sm_90a A comes by TMA, which must read zeros past column 36, not the NaN of
    the chunk's other half (a store drops only whole chunks; a load fills element by element), so the product is
    finite and right."""
    rng = np.random.default_rng(36)
    a = _padded(100, 36, 48, rng)
    a.base[:, 36:] = np.nan
    b = _padded(36, 64, 64, rng)
    c = np.full((100, 64), np.nan, np.float16)
    compiled = _run(gpu, a, b, c, (64, 64, 32, 4, 3))
    _check(a, b, c)
    assert _uses_tma(gpu, compiled) == gpu.info.wgmma
