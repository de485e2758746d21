"""What Triton 3.6's own language tests (test_core.py) rely on, on every target against numpy: subscripts with
None and ':' read as Triton reads them."""
import numpy as np

from triton_core_kernels import subscripts_like_triton


def test_subscripts_insert_dimensions_where_triton_does():
    x = np.arange(32, dtype=np.float32).reshape(4, 8) - 7.0
    out = np.zeros_like(x)
    subscripts_like_triton[(1,)](x, out, M=4, N=8)
    np.testing.assert_array_equal(out, x + x.sum())
