"""Tuples passed as runtime arguments, as Triton 3 takes them: each leaf (array, scalar, None, constexpr) is an
argument of its own, specialised as one would be, and the kernel sees the tuple; on every target against numpy."""
import numpy as np
import pytest

import pantile.language as tl

from pantile.tools.tensor_descriptor import TensorDescriptor

from tuple_kernels import (add_pair, each_pointer, indexed_at_runtime, scalars, scaled_tile_copy, sum_scaled,
                           through_helper)


def test_a_tuple_of_pointers_is_loaded_through():
    x, y = np.arange(16, dtype=np.float32), np.linspace(0, 1, 16, dtype=np.float32)
    out = np.zeros(16, np.float32)
    add_pair[(1,)]((x, y), out, 13, BLOCK=16)
    np.testing.assert_array_equal(out, np.where(np.arange(16) < 13, x + y, 0))


@pytest.mark.parametrize("bias", [None, 0.5])
def test_a_nested_tuple_iterated_with_static_range(bias):
    rows = [np.arange(8, dtype=np.float32) * (k + 1) for k in range(3)]
    out = np.zeros(8, np.float32)
    sum_scaled[(1,)]((tuple(rows), (3.0, bias)), out, BLOCK=8)
    np.testing.assert_allclose(out, sum(rows) * 3.0 + (bias or 0))


def test_a_for_loop_over_a_tuple():
    digits = [np.full(4, d, np.int32) for d in (1, 2, 3)]
    out = np.zeros(4, np.int32)
    each_pointer[(1,)](tuple(digits), out, BLOCK=4)
    np.testing.assert_array_equal(out, np.full(4, 123))


@pytest.mark.parametrize("ab", [(1, 7), (5, 1), (1, 1), (-3, 32)])
def test_a_tuple_of_scalars_with_ints_equal_to_one(ab):
    out = np.zeros(1, np.int32)
    scalars[(1,)](ab, out)
    assert out[0] == ab[0] * 100 + ab[1]


def test_a_tuple_with_a_constexpr_leaf():
    out = np.zeros(1, np.int32)
    scalars[(1,)]((tl.constexpr(4), 9), out)
    assert out[0] == 409


def test_a_tuple_passed_to_a_helper_and_stored_through():
    x, y, out = np.arange(8, dtype=np.int32), np.zeros(8, np.int32), np.zeros(1, np.int32)
    through_helper[(1,)]((x, y), out, BLOCK=8)
    np.testing.assert_array_equal(y, x * 2)
    assert out[0] == 2


def test_two_tuple_structures_compile_two_variants():
    rows = [np.ones(8, np.float32) for _ in range(5)]
    out = np.zeros(8, np.float32)
    sum_scaled[(1,)]((tuple(rows[:4]), (2.0, None)), out, BLOCK=8)
    np.testing.assert_array_equal(out, np.full(8, 8.0))
    first = len(sum_scaled._variants)
    sum_scaled[(1,)]((tuple(rows), (2.0, None)), out, BLOCK=8)
    np.testing.assert_array_equal(out, np.full(8, 10.0))
    sum_scaled[(1,)]((tuple(rows[:4]), (2.0, None)), out, BLOCK=8)
    np.testing.assert_array_equal(out, np.full(8, 8.0))
    assert len(sum_scaled._variants) == first + 1


def test_a_read_only_array_stored_through_in_a_tuple_is_refused():
    x, y, out = np.arange(8, dtype=np.int32), np.zeros(8, np.int32), np.zeros(1, np.int32)
    y.flags.writeable = False
    with pytest.raises(ValueError) as e:
        through_helper[(1,)]((x, y), out, BLOCK=8)
    assert str(e.value) == ("argument 'pair[1]' of through_helper(): the kernel stores through this pointer but the "
                            "array is read-only; pass a writable array (e.g. its .copy())")


def test_a_tuple_indexed_by_a_runtime_value_names_the_line():
    x = np.zeros(1, np.int32)
    with pytest.raises(Exception) as e:
        indexed_at_runtime[(1,)]((x, x), 3, x)
    assert type(e.value).__name__ == "CompilationError"
    assert "tuple_kernels.py:" in str(e.value)
    assert "a compile-time tuple cannot be indexed by a runtime tensor" in str(e.value)


@pytest.mark.parametrize("with_sums", [False, True])
def test_tensor_descriptors_inside_a_tuple(with_sums):
    """Descriptors as tuple leaves (as Triton takes them): ragged edges padded with zeros on load and clipped on
    store, and a None leaf beside them."""
    x = np.arange(20 * 24, dtype=np.float32).reshape(20, 24) / 7
    y = np.full_like(x, -1.0)
    sums = np.full((20, 8), -1.0, np.float32)
    leaf = TensorDescriptor.from_tensor(sums, [8, 4]) if with_sums else None
    descs = (TensorDescriptor.from_tensor(x, [8, 16]), (TensorDescriptor.from_tensor(y, [8, 16]), leaf))
    scaled_tile_copy[(3, 2)](descs, 2.5, BLOCK_M=8, BLOCK_N=16)
    np.testing.assert_array_equal(y, x * np.float32(2.5))
    if with_sums:   # a row's second tile ends at column 24: its sum is of 8 elements, the padding adds 0
        tiles = (x * np.float32(2.5))[:, :16], (x * np.float32(2.5))[:, 16:]
        np.testing.assert_allclose(sums, np.repeat(np.stack([t.sum(1) for t in tiles], axis=1), 4, axis=1),
                                   rtol=1e-6)
