"""tl.static_range on every target, against numpy: the loop variable is a tl.constexpr in each unrolled copy, so
it indexes tuples and shapes, drives compile-time ifs and static_asserts and is passed as a constexpr argument;
values assigned in one copy flow into the next; negative steps, empty ranges and nesting (issue #16)."""
import numpy as np

from static_range_kernels import first_or_count, shape_by_index, static_loops, weighted_parts


def test_tuple_indexed_by_the_static_index():
    a = np.linspace(-2, 2, 8, dtype=np.float32)
    b = np.arange(8, dtype=np.int32) - 3
    out = np.zeros(8, np.float32)
    weighted_parts[(1,)](a, b, out, N=8)
    np.testing.assert_array_equal(out, a + (2 * b).astype(np.float32) + np.float32(30))


def test_compile_time_if_on_the_index_gives_types_per_copy():
    x = np.arange(4, dtype=np.float32) * 1.5
    out = np.zeros(4, np.float32)
    first_or_count[(1,)](x, out, N=4)
    np.testing.assert_array_equal(out, 2 * x + 30)


def test_shape_indexed_by_the_static_index():
    out = np.zeros(1, np.int32)
    shape_by_index[(1,)](out, M=4, N=16)
    np.testing.assert_array_equal(out, [416])


def test_negative_step_nesting_empty_range_and_the_last_index():
    x = np.arange(16, dtype=np.float32) + 0.25
    out = np.zeros(4, np.float32)
    static_loops[(1,)](x, out)
    tri = sum(x[4 * r + c] for r in range(4) for c in range(r + 1))
    np.testing.assert_allclose(out, [x[6] * 6 + x[4] * 4 + x[2] * 2, tri, x[0], 3], rtol=1e-6)
