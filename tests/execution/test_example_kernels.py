"""The five example kernels (pantile.examples), the descriptor and the persistent matmul on every test target, at
sizes that leave masked edges.

Each runs through its example's own launch wrapper and is compared with the example's numpy
reference at the tolerance the example itself checks (its main() also benchmarks, so it is not called).
"""
import math

import numpy as np
import pytest

import pantile
from pantile.examples import attention, layer_norm, matmul, softmax, vector_add
from pantile.tools.tensor_descriptor import TensorDescriptor

rng = np.random.default_rng(11)


def _normal(*shape: int) -> np.ndarray:
    return rng.standard_normal(shape, dtype=np.float32)


@pytest.mark.parametrize("n", (1, 1024, 10_007))   # one element; one whole block; ten blocks and a partial one
def test_vector_add(n):
    x, y = _normal(n), _normal(n)
    np.testing.assert_array_equal(vector_add.add(x, y), x + y)


@pytest.mark.parametrize("rows,cols", ((3, 5), (100, 781)))   # 100 rows: programs loop over rows
def test_softmax(rows, cols):
    x = _normal(rows, cols)
    np.testing.assert_allclose(softmax.softmax(x), softmax.reference(x), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("rows,cols", ((19, 1731), (3, 5000)))   # one partial block; a loop with a partial tail
def test_layer_norm(rows, cols):
    x, w, b = _normal(rows, cols), _normal(cols), _normal(cols)
    np.testing.assert_allclose(layer_norm.layer_norm(x, w, b), layer_norm.reference(x, w, b), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("m,n,k", ((133, 71, 97), (64, 64, 32)))   # ragged in every dimension; whole blocks
def test_matmul(m, n, k):
    a, b = _normal(m, k), _normal(k, n)
    np.testing.assert_allclose(matmul.matmul(a, b), matmul.reference(a, b), rtol=1e-4, atol=1e-4)


# K loops of 1, 2 (fewer than 4 stages), 3 and 10 iterations, with and without a masked K tail, on the
# tensor-core path where a target has one (the loads then go through pipelined shared-memory buffers)
@pytest.mark.parametrize("k", (16, 40, 96, 300))
@pytest.mark.parametrize("stages", (2, 4))
def test_matmul_f16_k_loops(k, stages, requires):
    requires(dtypes=("f16",), dot=("f16",))
    _check_f16_matmul(70, 96, k, (64, 64, 32, 4), stages)


# Tiles of 4 and 8 warps in the shapes warpgroup instructions (sm_90a's wgmma) split differently: a 16-wide
# instruction, two instructions along M, warpgroups along N, warpgroups along M; K loops of 1, 2 and 5-10
# iterations with masked tails
@pytest.mark.parametrize("k", (16, 40, 300))
@pytest.mark.parametrize("tile", ((64, 16, 32, 4), (128, 64, 64, 4), (64, 128, 32, 8), (128, 128, 64, 8)),
                         ids=lambda t: "x".join(map(str, t)))
def test_matmul_f16_warpgroup_tiles(tile, k, requires):
    requires(dtypes=("f16",), dot=("f16",))
    _check_f16_matmul(150, 140, k, tile, 3)


# The tensor-descriptor form, ragged in every dimension; 600 rows are 10 row tiles: a whole group of GROUP_M = 8
# rows of tiles and a group of 2
@pytest.mark.parametrize("m,n,k", ((600, 70, 48), (64, 64, 32)))
def test_descriptor_matmul_f16(m, n, k, requires):
    requires(dtypes=("f16",), dot=("f16",))
    a, b = _normal(m, k).astype(np.float16), _normal(k, n).astype(np.float16)
    c = np.full((m, n), np.nan, dtype=np.float16)
    descs = (TensorDescriptor.from_tensor(a, [64, 16]), TensorDescriptor.from_tensor(b, [16, 32]),
             TensorDescriptor.from_tensor(c, [64, 32]))
    grid = (pantile.cdiv(m, 64) * pantile.cdiv(n, 32),)
    matmul.descriptor_matmul_kernel[grid](*descs, m, n, k, BLOCK_M=64, BLOCK_N=32, BLOCK_K=16, GROUP_M=8)
    ref = a.astype(np.float32) @ b.astype(np.float32)
    assert np.linalg.norm(c.astype(np.float32) - ref) / np.linalg.norm(ref) < 2e-3


def _check_f16_matmul(m: int, n: int, k: int, tile: tuple[int, int, int, int], stages: int) -> None:
    """The example matmul on f16 matrices at `tile` (BLOCK_M, BLOCK_N, BLOCK_K, num_warps), against numpy."""
    bm, bn, bk, warps = tile
    a, b = _normal(m, k).astype(np.float16), _normal(k, n).astype(np.float16)
    c = np.full((m, n), np.nan, dtype=np.float16)
    grid = (pantile.cdiv(m, bm) * pantile.cdiv(n, bn),)
    matmul.matmul_kernel[grid](a, b, c, m, n, k, k, 1, n, 1, n, 1, BLOCK_M=bm, BLOCK_N=bn, BLOCK_K=bk, GROUP_M=8,
                               num_warps=warps, num_stages=stages)
    ref = a.astype(np.float32) @ b.astype(np.float32)
    assert np.linalg.norm(c.astype(np.float32) - ref) / np.linalg.norm(ref) < 2e-3


# one program for every tile; fewer programs than tiles, each looping over several (tiles of a group split
# between programs); the target's multiprocessor count (one program per SM on a GPU, capped at the tiles)
@pytest.mark.parametrize("programs", (1, 3, None))
@pytest.mark.parametrize("m,n,k", ((133, 71, 97), (64, 64, 32), (300, 40, 16)))
def test_persistent_matmul(m, n, k, programs):
    a, b = _normal(m, k), _normal(k, n)
    np.testing.assert_allclose(matmul.persistent_matmul(a, b, programs=programs), matmul.reference(a, b),
                               rtol=1e-4, atol=1e-4)


# f16 on the tensor-core path where a target has one: each program's K loop pipelined anew for every tile
@pytest.mark.parametrize("programs", (1, 5))
@pytest.mark.parametrize("tile", ((64, 64, 32, 4), (128, 128, 64, 8)), ids=lambda t: "x".join(map(str, t)))
def test_persistent_matmul_f16(tile, programs, requires):
    requires(dtypes=("f16",), dot=("f16",))
    bm, bn, bk, warps = tile
    m, n, k = 270, 150, 200
    a, b = _normal(m, k).astype(np.float16), _normal(k, n).astype(np.float16)
    c = np.full((m, n), np.nan, dtype=np.float16)
    matmul.persistent_matmul_kernel[(programs,)](a, b, c, m, n, k, k, 1, n, 1, n, 1, BLOCK_M=bm, BLOCK_N=bn,
                                                 BLOCK_K=bk, GROUP_M=8, NUM_SMS=programs, num_warps=warps,
                                                 num_stages=3)
    ref = a.astype(np.float32) @ b.astype(np.float32)
    assert np.linalg.norm(c.astype(np.float32) - ref) / np.linalg.norm(ref) < 2e-3


# a partial query and key block; exact blocks; causal (head dim 16: apple:spirv takes minutes to build the causal
# kernel at 64): 4 query blocks, each seeing the key blocks below the diagonal, then its diagonal block in 2 key
# blocks, the last partial
@pytest.mark.parametrize("heads,seq,dim,block_m,block_n,causal", [
    (2, 97, 64, 32, 32, False), (1, 32, 64, 32, 32, False), (2, 97, 16, 32, 16, True)])
def test_attention(heads, seq, dim, block_m, block_n, causal):
    q, k, v = _normal(heads, seq, dim), _normal(heads, seq, dim), _normal(heads, seq, dim)
    want, tol = attention.expected(q, k, v, causal)
    np.testing.assert_allclose(attention.attention(q, k, v, block_m, block_n, causal), want, rtol=tol, atol=tol)


# the tensor-descriptor form (host TensorDescriptor arguments): each head's keys in blocks wider than the query
# blocks, the last reaching into the next head's rows, which the scores drop; causal: the diagonal block in 2 key
# blocks
@pytest.mark.parametrize("heads,seq,block_m,block_n,causal", [(3, 48, 16, 32, False), (2, 64, 32, 16, True)])
def test_descriptor_attention(heads, seq, block_m, block_n, causal):
    q, k, v = _normal(heads, seq, 16), _normal(heads, seq, 16), _normal(heads, seq, 16)
    want, tol = attention.expected(q, k, v, causal)
    np.testing.assert_allclose(attention.descriptor_attention(q, k, v, block_m, block_n, causal), want, rtol=tol,
                               atol=tol)


# f16 attention at the tiles whose two dots run on the tensor cores chained (sm_90a: wgmma, P·V taking P from
# registers; sm_80: mma.sync): the benchmark's 128x64 with 8 warps (two warpgroups), two instructions along M
# in one warpgroup, a 32-wide key block; partial query and key blocks; head dims 64 and 128. Only where tensor
# cores run them: elsewhere test_attention covers the kernel, and intel:spirv took over five minutes to build
# the 128x64 tile
@pytest.mark.parametrize("tile", ((128, 64, 8), (128, 64, 4), (64, 32, 4)), ids=lambda t: "x".join(map(str, t)))
@pytest.mark.parametrize("dim", (64, 128))
@pytest.mark.parametrize("causal", (False, True), ids=("full", "causal"))
def test_attention_f16_tensor_core_tiles(tile, dim, causal, requires, exec_target):
    requires(dtypes=("f16",), dot=("f16",))
    if not exec_target.capabilities.tensor_core_shapes:
        pytest.skip(f"{exec_target.arch}: no tensor cores (capabilities.tensor_core_shapes)")
    bm, bn, warps = tile
    q, k, v = (_normal(2, 200, dim).astype(np.float16) for _ in range(3))
    o = np.full_like(q, np.nan)
    attention.attention_kernel[(pantile.cdiv(200, bm), 2)](q, k, v, o, 200, 1.0 / math.sqrt(dim), 200 * dim, dim,
                                                           HEAD_DIM=dim, BLOCK_M=bm, BLOCK_N=bn, CAUSAL=causal,
                                                           num_warps=warps, num_stages=3)
    want = attention.reference(*(t.astype(np.float32) for t in (q, k, v)), causal=causal)
    assert np.linalg.norm(o.astype(np.float32) - want) / np.linalg.norm(want) < 2e-3


# the descriptor form at the same tiles (sm_90a: Q copied once and K and V pipelined by TMA, Kᵀ read K-major as
# copied), 256 rows a head: query blocks of the next head's rows never stored
@pytest.mark.parametrize("tile", ((128, 64, 8), (128, 128, 8), (64, 32, 4)), ids=lambda t: "x".join(map(str, t)))
@pytest.mark.parametrize("causal", (False, True), ids=("full", "causal"))
def test_descriptor_attention_f16_tensor_core_tiles(tile, causal, requires, exec_target):
    requires(dtypes=("f16",), dot=("f16",))
    if not exec_target.capabilities.tensor_core_shapes:
        pytest.skip(f"{exec_target.arch}: no tensor cores (capabilities.tensor_core_shapes)")
    bm, bn, warps = tile
    heads, seq, dim = 2, 256, 128
    q, k, v = (_normal(heads, seq, dim).astype(np.float16) for _ in range(3))
    o = np.full_like(q, np.nan)
    descs = [TensorDescriptor.from_tensor(t.reshape(heads * seq, dim), [block, dim])
             for t, block in ((q, bm), (k, bn), (v, bn), (o, bm))]
    attention.descriptor_attention_kernel[(seq // bm, heads)](1.0 / math.sqrt(dim), *descs, seq, HEAD_DIM=dim,
                                                              BLOCK_M=bm, BLOCK_N=bn, CAUSAL=causal,
                                                              num_warps=warps, num_stages=3)
    want = attention.reference(*(t.astype(np.float32) for t in (q, k, v)), causal=causal)
    assert np.linalg.norm(o.astype(np.float32) - want) / np.linalg.norm(want) < 2e-3
