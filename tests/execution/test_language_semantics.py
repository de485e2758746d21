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
