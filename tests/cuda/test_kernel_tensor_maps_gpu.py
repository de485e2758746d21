"""The descriptor matmul with its descriptors made in the kernel, executed on the GPU against numpy: on an sm_90a GPU
each program writes its tensor maps into the scratch the allocator gives (torch buffers, as Triton's tutorials
allocate them) and its tiles come by TMA, also past ragged edges, where the boxes read zeros beyond the tensor,
and with fewer K tiles than pipeline stages; a row stride TMA cannot address runs on the pointer path, asking
for no scratch. Skips off the GPU, printing why."""
import numpy as np
import pytest

import pantile
from pantile.runtime import allocator

from kernel_descriptor_matmul import make_descriptor_matmul_kernel
from descriptor_matmul import EDGE_CASES
from test_tma_gpu import _check, _padded


@pytest.fixture
def asked(gpu, monkeypatch) -> list:
    """pantile.set_allocator with torch buffers; the sizes and alignments asked for, in order."""
    torch = pytest.importorskip("torch", reason="torch is not installed: the allocator's buffers are torch tensors")
    monkeypatch.setattr(allocator, "_ALLOCATOR", None)      # restored after the test
    calls = []

    def alloc(size: int, alignment: int, stream):
        calls.append((size, alignment))
        return torch.empty(size, dtype=torch.int8, device="cuda")

    pantile.set_allocator(alloc)
    return calls


def _run(gpu, a: np.ndarray, b: np.ndarray, c: np.ndarray, config: tuple) -> object:
    bm, bn, bk, warps, stages = config
    m, k = a.shape
    n = b.shape[1]
    grid = (pantile.cdiv(m, bm) * pantile.cdiv(n, bn),)
    with pantile.target(gpu.arch):
        return make_descriptor_matmul_kernel[grid](a, b, c, m, n, k, a.strides[0] // 2, b.strides[0] // 2,
                                                   c.strides[0] // 2, BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8,
                                                   num_warps=warps, num_stages=stages)


@pytest.mark.parametrize("mnk,config", EDGE_CASES)
def test_in_kernel_descriptor_matmul_matches_numpy(gpu, asked, mnk, config) -> None:
    m, n, k = mnk
    rng = np.random.default_rng(m + n + k)
    lead = lambda cols: -(-cols // 16) * 16                                  # noqa: E731
    a, b = _padded(m, k, lead(k), rng), _padded(k, n, lead(n), rng)
    c = np.full((m, lead(n)), np.nan, np.float16)[:, :n]
    compiled = _run(gpu, a, b, c, config)
    _check(a, b, c)
    tma = "tensormap.cp_fenceproxy" in compiled.asm["ptx"]
    assert tma == gpu.info.wgmma, "the kernel writes tensor maps exactly on sm_90a"
    programs = pantile.cdiv(m, config[0]) * pantile.cdiv(n, config[1])
    assert asked == ([(256 * programs, 128)] if tma else [])


def test_a_row_stride_tma_cannot_address_needs_no_scratch(gpu, asked) -> None:
    """Rows 1000 elements apart (not a multiple of 16): the pointer path, same results, no allocation."""
    rng = np.random.default_rng(7)
    a, b = _padded(200, 1000, 1000, rng), _padded(1000, 136, 136, rng)
    c = np.full((200, 136), np.nan, np.float16)
    compiled = _run(gpu, a, b, c, (128, 128, 64, 4, 3))
    _check(a, b, c)
    assert "tensormap" not in compiled.asm["ptx"] and asked == []
