"""The generated describer of a kernel's arguments (runtime/binder.py) gives every value the key and address the
general path gives it, and sends what it has no inline path for to the general path."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.runtime.args import array_key, scalar_key
from pantile.runtime.binder import DATA_PTR_TYPES, describer_source, make_describer


@pantile.jit(do_not_specialize=["m"])
def copy_n(src_ptr, dst_ptr, n, m, BLOCK: pl.constexpr):
    offs = pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs, mask=offs < n + m), mask=offs < n + m)


class PtrArray:
    """An array type that gives its address by data_ptr() (as torch tensors do)."""

    def __init__(self, address: int, dtype=np.float32) -> None:
        self.address, self.dtype = address, np.dtype(dtype)

    def data_ptr(self) -> int:
        return self.address


def _expected(value, specialize: bool):
    if isinstance(value, np.ndarray):
        address = value.__array_interface__["data"][0]
        return array_key(value.dtype, address, specialize), address
    return scalar_key(value, specialize), None


@pytest.mark.parametrize("n", [1, 16, 17, 0, -16, -1, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**40, 2.5])
@pytest.mark.parametrize("offset", [0, 1])
def test_inline_paths_give_the_general_keys(n, offset):
    base = np.zeros(64, np.float32)
    src = base[offset:]
    frozen = base.copy()[offset:]
    frozen.flags.writeable = False         # no writable buffer: its address is read the slow way
    values = [src, frozen, n, n, 128]
    keys, addresses, foreign = copy_n._describe(values)
    expected = [_expected(src, True), _expected(frozen, True), _expected(n, True), _expected(n, False)]
    assert list(keys[:4]) == [k for k, _ in expected]
    assert addresses == [a for _, a in expected] + [None]
    assert keys[4] == ("constexpr", 128) and foreign == []


def test_the_general_path_takes_the_rest_and_data_ptr_arrays_go_inline_after_the_first():
    seen = []

    def general(i, v, values, foreign):
        seen.append(i)
        foreign.append(v)
        return ("*f32",), v.data_ptr()

    describe = make_describer([False], [True], general)
    DATA_PTR_TYPES.discard(PtrArray)
    foreign: list = []
    assert describe([PtrArray(4096)], foreign) == ((("*f32",),), [4096]) and seen == [0]
    # The kernel's own general path registers the type; from then on it is read inline.
    keys, addresses, foreign = copy_n._describe([PtrArray(4096), PtrArray(4104), 5, 5, 64])
    assert PtrArray in DATA_PTR_TYPES
    assert keys[:2] == (("*f32", "div16"), ("*f32",)) and addresses[:2] == [4096, 4104]
    assert [type(a) for a in foreign] == [PtrArray, PtrArray]
    foreign = []
    assert describe([PtrArray(4112)], foreign) == (((("*f32", "div16"),), [4112])) and seen == [0]
    assert len(foreign) == 1


def test_a_constexpr_that_is_not_a_compile_time_value_is_refused_by_the_general_path():
    with pytest.raises(TypeError, match="argument 'BLOCK' of copy_n\\(\\) is a tl.constexpr"):
        copy_n._describe([np.zeros(4, np.float32), np.zeros(4, np.float32), 1, 1, [64]])


def test_an_unsupported_dtype_is_refused_by_name():
    with pytest.raises(TypeError, match="argument 'src_ptr' of copy_n\\(\\): arrays of dtype complex64"):
        copy_n._describe([np.zeros(4, np.complex64), np.zeros(4, np.float32), 1, 1, 64])


def test_the_source_has_no_loop_and_specializes_only_where_asked():
    source = describer_source([False, False, True], [True, False, True])
    assert "for " not in source
    assert "I32_ONE if v0 == 1" in source and "k1 = I32\n" in source     # the second is do_not_specialize
    assert 'k2 = ("constexpr", v2)' in source
