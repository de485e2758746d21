"""tl.add/sub/mul, map_elementwise, swizzle2d, philox_impl, libdevice's classifications and tl.extra.cuda's
launch-dependency calls on every target, against numpy."""
import numpy as np

from execution_kernels import hinted_pointers, language_extras, merge_halves
from philox_ref import philox

N = 64


def _swizzle(i, j, size_i, size_j, size_g):
    """Grouped ordering, written out for one index pair."""
    ij = i * size_j + j
    first_row = ij // (size_g * size_j) * size_g
    rows = min(size_i - first_row, size_g)
    within = ij % (size_g * size_j)
    return first_row + within % rows, within // rows


def test_language_extras():
    x = np.linspace(-3, 3, N).astype(np.float32)
    x[:5] = [np.nan, np.inf, -np.inf, -0.0, 0.0]
    w = (np.arange(N, dtype=np.uint64) * 2654435761 % 2**32).astype(np.uint32)
    out, iout = np.zeros((4, N), np.float32), np.zeros((8, N), np.int32)
    language_extras[(1,)](x, w, out, iout, N=N)
    np.testing.assert_array_equal(out[0], x + np.float32(1.5))
    np.testing.assert_array_equal(out[1], x - np.float32(1.5))
    np.testing.assert_array_equal(out[2], x * x)
    # (tl.maximum without propagate_nan may return either operand for NaN, so lane 0 is left out)
    np.testing.assert_array_equal(out[3, 1:], np.minimum(np.maximum(x[1:], -1), 1))
    np.testing.assert_array_equal(iout[0], np.isnan(x))
    np.testing.assert_array_equal(iout[1], np.isinf(x))
    np.testing.assert_array_equal(iout[2], np.signbit(x))
    np.testing.assert_array_equal(iout[3], np.isfinite(x))
    expected = np.array([_swizzle(k // 8, k % 8, N // 8, 8, 3) for k in range(N)]).T
    np.testing.assert_array_equal(iout[4:6], expected)
    words = [w, w + 1, w + 2, w + 3]
    keys = (w * 5, w * 7)
    for lane in range(N):
        c = philox((int(keys[1][lane]) << 32) | int(keys[0][lane]), [np.array([v[lane]], np.uint32) for v in words])
        assert (iout[6, lane], iout[7, lane]) == (c[0].view(np.int32)[0], c[3].view(np.int32)[0])


def test_bitonic_merge_and_constexpr_function():
    rng = np.random.default_rng(5)
    x = np.concatenate([np.sort(rng.standard_normal((4, 16)), axis=1), -np.sort(-rng.standard_normal((4, 16)), axis=1)],
                       axis=1).astype(np.float32)
    out = np.zeros((5, 32), np.float32)
    merge_halves[(1,)](x, out, M=4, N=32)
    np.testing.assert_array_equal(out[:4], np.sort(x, axis=1))
    assert (out[4] == 64).all()


def test_hints_on_pointers():
    x = np.arange(64, dtype=np.float32)
    out = np.zeros_like(x)
    hinted_pointers[(1,)](x, out, BLOCK=64)
    np.testing.assert_array_equal(out, 2 * x)
