"""The five example kernels (pantile.examples) on every test target, at sizes that leave masked edges.

Each runs through its example's own launch wrapper and is compared with the example's numpy
reference at the tolerance the example itself checks (its main() also benchmarks, so it is not called).
"""
import numpy as np
import pytest

from pantile.examples import attention, layer_norm, matmul, softmax, vector_add

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
    np.testing.assert_allclose(matmul.matmul(a, b), a @ b, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("heads,seq", ((2, 97), (1, 32)))   # a partial query and key block; exact blocks
def test_attention(heads, seq):
    q, k, v = _normal(heads, seq, 64), _normal(heads, seq, 64), _normal(heads, seq, 64)
    np.testing.assert_allclose(attention.attention(q, k, v), attention.reference(q, k, v), rtol=1e-4, atol=1e-4)
