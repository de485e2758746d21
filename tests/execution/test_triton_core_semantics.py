"""What Triton 3.6's own language tests (test_core.py) rely on, on every target against numpy: subscripts with
None and ':' read as Triton reads them; a tuple passed as a tl.constexpr argument; a helper returning a number
(its default argument); a runtime conditional expression of two stores; tl.extra.cuda.num_warps() and
num_threads() as compile-time values; a list of tensors passed to a helper, a None argument and isinstance() on a
constexpr."""
import numpy as np
import pytest

from triton_core_kernels import (count_threads, helper_defaults, lists_nones_and_classes, reshape_to,
                                 store_by_ternary, subscripts_like_triton)


def test_subscripts_insert_dimensions_where_triton_does():
    x = np.arange(32, dtype=np.float32).reshape(4, 8) - 7.0
    out = np.zeros_like(x)
    subscripts_like_triton[(1,)](x, out, M=4, N=8)
    np.testing.assert_array_equal(out, x + x.sum())


@pytest.mark.parametrize("shape", [(4, 8), (16, 2)])
def test_a_tuple_is_a_constexpr_argument(shape):
    x = np.arange(32, dtype=np.int32)
    out = np.zeros(32, np.int32)
    reshape_to[(1,)](x, out, N=32, SHAPE=shape)
    np.testing.assert_array_equal(out.reshape(shape), x.reshape(shape) * (np.arange(shape[1]) + 1))



def test_a_helper_returns_a_number_and_defaults_fill_missing_arguments():
    out0, out1 = np.zeros(1, np.int32), np.zeros(1, np.int32)
    helper_defaults[(1,)](out0, out1, 5)
    assert (out0[0], out1[0]) == (10, 5)
    helper_defaults[(1,)](out0, out1)
    assert (out0[0], out1[0]) == (10, 3)


def test_a_runtime_conditional_expression_of_two_stores_runs_one():
    x = np.arange(1, 9, dtype=np.float32)
    out = np.zeros(8, np.float32)
    store_by_ternary[(8,)](x, out)
    np.testing.assert_array_equal(out, np.where(np.arange(8) % 2 == 0, x, -x))


@pytest.mark.parametrize("warps", [1, 4, 8])
def test_num_warps_and_num_threads_are_the_launch_warps(warps):
    out = np.zeros(512, np.int32)
    count_threads[(1,)](out, num_warps=warps)
    np.testing.assert_array_equal(out, np.where(np.arange(512) < 32 * warps, warps, 0))


@pytest.mark.parametrize("c", [3, 2.5])
@pytest.mark.parametrize("scaled", [False, True])
def test_a_list_of_tensors_to_a_helper_a_none_argument_and_isinstance_on_a_constexpr(c, scaled):
    x = np.arange(16, dtype=np.float32) - 5
    scale = np.linspace(0.5, 2, 8, dtype=np.float32)
    out = np.zeros(8, np.float32)
    lists_nones_and_classes[(1,)](x, scale if scaled else None, out, N=8, C=c)
    expected = (4 * x[:8] + 2 * x[8:]) * (scale if scaled else 1) + (c if isinstance(c, int) else 0)
    np.testing.assert_array_equal(out, expected)
