"""The generated warm launch (runtime/binder.py): a kernel's dispatcher binds as Python does, keys each launch by
what specializes it, takes the entry a launch of the same key registered, and sends every other launch (a new key,
a value it has no key for, a wrong call) through the general path."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.runtime.args import I32
from pantile.runtime.binder import dispatch_source, tuple_dispatch_key
from pantile.runtime.tuple_args import leaf_paths


@pantile.jit(do_not_specialize=["m"])
def copy_n(src_ptr, dst_ptr, n, m, BLOCK: pl.constexpr = 64):
    offs = pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs, mask=offs < n + m), mask=offs < n + m)


@pytest.fixture
def general_launches(monkeypatch):
    """One entry per launch of copy_n that took the general path."""
    seen = []
    bind = copy_n._bind_with_options

    def recorded(args, kwargs):
        seen.append(args)
        return bind(args, kwargs)

    monkeypatch.setattr(copy_n, "_bind_with_options", recorded)
    copy_n._entries.clear()
    return seen


def _run(n, m=0, offset=0, **options):
    src = np.arange(80, dtype=np.float32)[offset:]
    dst = np.zeros(80, np.float32)[offset:]
    copy_n[(1,)](src, dst, n, m, **options)
    np.testing.assert_array_equal(dst[:n + m], src[:n + m])
    np.testing.assert_array_equal(dst[n + m:], 0)


def test_a_second_launch_of_a_key_takes_its_entry(general_launches):
    _run(5)
    _run(5)
    _run(7)                                # 5 and 7: one key (an int32 neither 1 nor a multiple of 16)
    assert len(general_launches) == 1 and len(copy_n._entries) == 1


@pytest.mark.parametrize("second", [dict(n=16), dict(n=1), dict(n=5, offset=1), dict(n=5, num_warps=2)])
def test_launches_that_specialize_otherwise_have_keys_of_their_own(general_launches, second):
    _run(5)
    _run(**second)
    _run(**second)
    assert len(general_launches) == 2 and len(copy_n._entries) == 2


@pytest.mark.parametrize("m", [2**31, 2.0])
def test_an_int64_or_a_float_has_a_key_of_its_own(general_launches, m):
    src = np.arange(64, dtype=np.float32)
    for value in (3, m, m):
        dst = np.zeros(64, np.float32)
        copy_n[(1,)](src, dst, -value, value + 5)
        np.testing.assert_array_equal(dst[:5], src[:5])
        np.testing.assert_array_equal(dst[5:], 0)
    assert len(general_launches) == 2 and len(copy_n._entries) == 2


def test_do_not_specialize_keys_one_and_sixteen_alike(general_launches):
    _run(3, m=1)
    _run(3, m=16)
    _run(3, m=5)
    assert len(general_launches) == 1


def test_a_value_with_no_key_goes_the_general_path_every_time(general_launches):
    for _ in range(2):
        _run(np.int32(5))                      # a numpy scalar
    assert len(general_launches) == 2 and not copy_n._entries


def test_an_array_without_a_buffer_is_keyed_by_whether_it_is_writable(general_launches):
    src = np.arange(64, dtype=np.float32)
    src.flags.writeable = False
    _run(5)
    for _ in range(2):
        dst = np.zeros(64, np.float32)
        copy_n[(1,)](src, dst, 5, 0)
        np.testing.assert_array_equal(dst[:5], src[:5])
    with pytest.raises(ValueError, match="argument 'dst_ptr' of copy_n\\(\\): the kernel stores through this "
                                         "pointer but the array is read-only"):
        copy_n[(1,)](dst, src, 5, 0)
    assert len(general_launches) == 3 and len(copy_n._entries) == 2


def test_ignored_options_and_defaults_keep_the_warm_path(general_launches):
    _run(5, num_ctas=1)
    _run(5, num_ctas=1, launch_pdl=False)
    assert len(general_launches) == 1


def test_wrong_calls_get_the_kernels_own_errors():
    src, dst = np.zeros(4, np.float32), np.zeros(4, np.float32)
    with pytest.raises(TypeError) as info:
        copy_n[(1,)](src, dst, 4, 0, 64, 5)
    assert str(info.value) == "copy_n() takes 5 arguments (src_ptr, dst_ptr, n, m, BLOCK) but 6 were given"
    with pytest.raises(TypeError) as info:
        copy_n[(1,)](src, dst, 4)
    assert str(info.value) == "copy_n() missing argument 'm'"
    with pytest.raises(TypeError) as info:
        copy_n[(1,)](src, dst, 4, 0, BLOKC=4)
    assert str(info.value) == "copy_n() got an unexpected keyword argument 'BLOKC'"
    with pytest.raises(TypeError) as info:
        copy_n[(1,)](src, dst, 4, 0, src_ptr=src)
    assert str(info.value) == "copy_n() got multiple values for argument 'src_ptr'"


def test_a_constexpr_that_is_not_a_compile_time_value_is_refused_by_the_general_path():
    with pytest.raises(TypeError, match="argument 'BLOCK' of copy_n\\(\\) is a tl.constexpr"):
        copy_n[(1,)](np.zeros(4, np.float32), np.zeros(4, np.float32), 1, 1, [64])


def test_an_unsupported_dtype_is_refused_by_name():
    with pytest.raises(TypeError, match="argument 'src_ptr' of copy_n\\(\\): arrays of dtype complex64"):
        copy_n[(1,)](np.zeros(4, np.complex64), np.zeros(4, np.float32), 1, 1)


@pantile.jit
def named_like_the_generated_code(_pt_grid, type, _pt_key, stream, num_warps, BLOCK: pl.constexpr):
    offs = pl.arange(0, BLOCK)
    pl.store(_pt_grid + offs, pl.load(type + offs) + _pt_key + stream * num_warps)


def test_parameters_may_have_any_name_options_included():
    out, x = np.zeros(8, np.float32), np.arange(8, dtype=np.float32)
    for _ in range(2):
        named_like_the_generated_code[(1,)](out, x, 2.0, 3.0, num_warps=5.0, BLOCK=8)
        np.testing.assert_array_equal(out, x + 17)
    assert len(named_like_the_generated_code._entries) == 1


def test_the_source_has_no_loop_and_specializes_only_where_asked():
    source = dispatch_source(["a", "b", "C"], [False, False, True], [True, False, True], [True, True, False],
                             ["num_warps", "stream"])
    assert "for " not in source
    assert "_pt_I32_ONE if a == 1" in source and "_pt_c1 = _pt_I32 if -2147483648 <= b" in source
    assert "_pt_c2 = (_pt_type(C), C)" in source
    assert "def launch(_pt_grid, a=_pt_MISSING, b=_pt_MISSING, C=_pt_default2, *_pt_more, num_warps=_pt_MISSING, " \
           "stream=None, **_pt_named):" in source


@pantile.jit
def copy_pair(pair, n, BLOCK: pl.constexpr = 64):
    """pair = ((src, dst), scale): dst = src * scale where offs < n."""
    (src, dst), scale = pair
    offs = pl.arange(0, BLOCK)
    pl.store(dst + offs, pl.load(src + offs, mask=offs < n) * scale, mask=offs < n)


@pytest.fixture
def general_pair_launches(monkeypatch):
    """One entry per launch of copy_pair that took the general path."""
    seen = []
    bind = copy_pair._bind_with_options
    monkeypatch.setattr(copy_pair, "_bind_with_options", lambda args, kwargs: seen.append(args) or bind(args, kwargs))
    copy_pair._entries.clear()
    return seen


def _run_pair(scale, offset=0, src=None):
    src = np.arange(80, dtype=np.float32)[offset:] if src is None else src
    dst = np.zeros(80, np.float32)[offset:]
    copy_pair[(1,)](((src, dst), scale), 20)
    np.testing.assert_array_equal(dst[:20], src[:20] * np.float32(scale))
    np.testing.assert_array_equal(dst[20:], 0)


def test_a_tuple_argument_takes_the_warm_path_keyed_by_its_leaves(general_pair_launches):
    _run_pair(3)
    _run_pair(5)                           # the same key: an int neither 1 nor a multiple of 16
    assert len(general_pair_launches) == 1 and len(copy_pair._entries) == 1
    for second in (1, 2.5, 2**40):         # a leaf specialised otherwise: an entry of its own
        _run_pair(second)
        _run_pair(second)
    _run_pair(3, offset=1)                 # leaves no longer 16-byte aligned
    _run_pair(3, offset=1)
    assert len(general_pair_launches) == 5 and len(copy_pair._entries) == 5


def test_a_read_only_leaf_misses_the_entry_of_writable_ones(general_pair_launches):
    _run_pair(3)
    src = np.arange(80, dtype=np.float32)
    src.flags.writeable = False
    _run_pair(3, src=src)                  # read-only but only read: runs, by an entry of its own
    _run_pair(3, src=src)
    with pytest.raises(ValueError, match=r"argument 'pair\[0\]\[1\]' of copy_pair\(\): the kernel stores through"):
        copy_pair[(1,)](((np.zeros(80, np.float32), src), 3), 20)
    assert len(general_pair_launches) == 3 and len(copy_pair._entries) == 2


def test_a_tuple_with_a_leaf_of_no_key_goes_the_general_path_every_time(general_pair_launches):
    for _ in range(2):
        _run_pair(np.float32(2))               # a numpy scalar leaf
    assert len(general_pair_launches) == 2 and not copy_pair._entries


def test_the_key_and_the_leaf_expressions_of_a_tuple():
    x = np.zeros(8, np.float32)
    key, addresses = tuple_dispatch_key(((x, 3), (), (None, (1.5, pl.constexpr(4)))), True)
    assert key == (tuple, (tuple, (np.ndarray, x.dtype, x.ctypes.data % 16 == 0), I32), (tuple,),
                   (tuple, type(None), (tuple, float, (pl.constexpr, 4))))
    assert addresses == [x.ctypes.data, None, None, None, None, None]
    assert leaf_paths(((x, 3), (), (None, (1.5, 4)))) == ["[0][0]", "[0][1]", "[1]", "[2][0]", "[2][1][0]",
                                                          "[2][1][1]"]
