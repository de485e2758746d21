"""The language's semantics, executed on every test target and compared with numpy."""
import numpy as np

import semantics_kernels as semantics


def test_integer_division_truncates_like_c() -> None:
    a = np.array([7, -7, 7, -7, 0, 9, -9, 1], dtype=np.int32)
    b = np.array([2, 2, -2, -2, 3, 4, 4, -1], dtype=np.int32)
    q, r = np.zeros_like(a), np.zeros_like(a)
    semantics.integer_division[(1,)](a, b, q, r, N=8)
    np.testing.assert_array_equal(q, np.trunc(a / b).astype(np.int32))
    np.testing.assert_array_equal(r, np.fmod(a, b))


def test_arg_reductions_break_ties_to_the_smallest_index() -> None:
    x = np.array([3, 9, 1, 9, 1, 4, 2, 0], dtype=np.float32)
    x[7] = 5
    out = np.full(3, -1, dtype=np.int32)
    semantics.arg_reductions[(1,)](x, out, N=8)
    np.testing.assert_array_equal(out, [1, 2, 2])


def _nan_skipping_arg(row: np.ndarray, greater: bool) -> int:
    """Triton's argmax/argmin: NaN skipped, ties to the smallest index, an all-NaN row gives its last index."""
    numbers = ~np.isnan(row)
    if not numbers.any():
        return len(row) - 1
    best = row[numbers].max() if greater else row[numbers].min()
    return int(np.flatnonzero(row == best)[0])


def test_arg_reductions_skip_nan_in_every_position() -> None:
    n, R, N = 45, 16, 64
    x = np.random.default_rng(7).integers(-20, 20, size=(R, N)).astype(np.float32)
    x[0, 0] = np.nan                      # first
    x[1, n - 1] = np.nan                  # last unmasked
    x[2, ::3] = np.nan                    # every third
    x[3, :] = np.nan                      # all NaN
    x[4, :n] = 5.0                        # all equal but one NaN: the first index
    x[4, 7] = np.nan
    x[5, :n] = np.nan                     # NaN but a single -inf
    x[5, 30] = -np.inf
    x[6, 1:n] = np.nan                    # one number, first
    x[7, :n - 1] = np.nan                 # one number, last
    x[8, 10] = x[8, 40] = 99.0            # a tie for the maximum, a NaN between
    x[8, 20] = np.nan
    x[9, 10] = x[9, 40] = -99.0           # and for the minimum
    x[9, 20] = np.nan
    out = np.full(6 * R, -7, dtype=np.int32)
    values = np.zeros(2 * R, dtype=np.float32)
    semantics.arg_reductions_with_nan[(1,)](x, out, values, n, R=R, N=N)
    got = out.reshape(6, R)
    seen = x.copy()
    seen[:, n:] = np.nan                  # the masked columns load NaN
    argmax = np.array([_nan_skipping_arg(row, True) for row in seen])
    argmin = np.array([_nan_skipping_arg(row, False) for row in seen])
    np.testing.assert_array_equal(got[0], argmax, err_msg="argmax")
    np.testing.assert_array_equal(got[1], argmin, err_msg="argmin")
    np.testing.assert_array_equal(got[4], argmax, err_msg="max(return_indices=True), index")
    np.testing.assert_array_equal(got[5], argmin, err_msg="min(return_indices=True), index")
    np.testing.assert_array_equal(values[:R], seen[np.arange(R), argmax], err_msg="max(return_indices=True)")
    np.testing.assert_array_equal(values[R:], seen[np.arange(R), argmin], err_msg="min(return_indices=True)")
    # Without tie_break_left any index of the best value is right; NaN is still skipped.
    for got_row, best in ((got[2], argmax), (got[3], argmin)):
        np.testing.assert_array_equal(seen[np.arange(R), got_row], seen[np.arange(R), best])
        np.testing.assert_array_equal(got_row[3], N - 1)


def test_uint8_arithmetic_wraps() -> None:
    x = np.array([0, 100, 245, 250], dtype=np.uint8)
    out = np.zeros_like(x)
    semantics.wrapping_uint8[(1,)](x, out, N=4)
    np.testing.assert_array_equal(out, (x.astype(np.int32) + 10) % 256)


def test_descending_range_while_helper_and_conditional() -> None:
    out = np.full(10, -99, dtype=np.int32)
    semantics.control_flow[(1,)](out, 10)
    # range(10, 0, -3) is 10, 7, 4, 1; then k = 4..7 sums to 22; n > 5 picks 22 + 10.
    np.testing.assert_array_equal(out, [10, 7, 4, 1, -99, -99, -99, -99, 32, -4])


def test_cumsum_and_where_with_a_python_number() -> None:
    x = np.array([1, 2, 3, 4], dtype=np.int32)
    out = np.zeros(8, dtype=np.int32)
    semantics.scans_and_where[(1,)](x, out, N=4)
    np.testing.assert_array_equal(out, [1, 3, 6, 10, -1, -1, 3, 4])
