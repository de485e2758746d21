"""Tuple arguments at launch: each leaf specialised as an argument of its own, the structure in the cache key, the
leaves passed to the launcher; compile() and warmup() with tuple signatures; refusals naming the leaf."""
import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.ir import PointerType, ScalarType
from pantile.runtime.args import IntegerArgumentRangeError
from pantile.runtime.compiler import Specialization, cache_key

F32 = PointerType(ScalarType("f32"))


@pantile.jit
def pair_sum(xy, out_ptr, BLOCK: pl.constexpr):
    offs = pl.arange(0, BLOCK)
    total = pl.load(xy[0][0] + offs) + pl.load(xy[0][1] + offs)
    if xy[1][1] is not None:
        total = total * xy[1][1]
    pl.store(out_ptr + offs, total + xy[1][0])


def _aligned(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.float32)


def test_each_leaf_is_specialised_and_named_by_its_path() -> None:
    x, y, out = _aligned(9), _aligned(9), _aligned(8)
    spec, _, _ = pair_sum.compile_request((((x, y[1:]), (1, None)),), {"out_ptr": out, "BLOCK": 8})
    assert spec == Specialization(signature=(("xy.0.0", F32), ("xy.0.1", F32), ("out_ptr", F32)),
                                  constexprs=(("xy.1.0", 1), ("xy.1.1", None), ("BLOCK", 8)),
                                  arg_attrs=(("xy.0.0", (("divisibility", 16),)), ("out_ptr", (("divisibility", 16),))))
    spec, _, _ = pair_sum.compile_request((((x, y), (32, 2.5)),), {"out_ptr": out, "BLOCK": 8})
    assert spec.signature[2:4] == (("xy.1.0", ScalarType("i32")), ("xy.1.1", ScalarType("f32")))
    assert dict(spec.arg_attrs)["xy.1.0"] == (("divisibility", 16),)


def test_the_cache_key_holds_the_structure() -> None:
    x, out = _aligned(8), _aligned(8)
    target = pantile.runtime.jit.host_target()
    options = pair_sum._compile_options(pair_sum._no_options)

    def key(xy):
        spec, _, _ = pair_sum.compile_request((xy,), {"out_ptr": out, "BLOCK": 8})
        return cache_key(pair_sum, spec, target, options)
    assert key(((x, x), (3, None))) == key(((_aligned(8), _aligned(8)), (5, None)))
    assert key(((x, x), (3, None))) != key(((x, x), (3, x)))
    assert key(((x, x), (3, None))) != key(((x, x), ((3,), None)))


def test_launches_of_two_structures_and_alignments_run_their_own_variants() -> None:
    x, y, out = _aligned(9), _aligned(9) * 3, np.zeros(8, np.float32)
    for xy, want in [(((x[:8], y[:8]), (1, None)), x[:8] + y[:8] + 1),
                     (((x[1:], y[:8]), (2, 0.5)), (x[1:] + y[:8]) * 0.5 + 2),
                     (((x[:8], y[:8]), (1, None)), x[:8] + y[:8] + 1),
                     (((x[1:], y[1:]), (2, 0.5)), (x[1:] + y[1:]) * 0.5 + 2)]:
        pair_sum[(1,)](xy, out, BLOCK=8)
        np.testing.assert_array_equal(out, want)


def test_compile_takes_a_tuple_of_types() -> None:
    artifact = pantile.compile(pair_sum, {"xy": (("*fp32:16", "*fp32"), ("i32", "fp32")), "out_ptr": "*fp32"},
                               {"BLOCK": 8})
    assert [(a.name, a.type) for a in artifact.args] == [("xy.0.0", F32), ("xy.0.1", F32), ("xy.1.0", ScalarType("i32")),
                                                         ("xy.1.1", ScalarType("f32")), ("out_ptr", F32)]


def test_warmup_takes_dtypes_inside_a_tuple() -> None:
    f32 = np.dtype(np.float32)
    pair_sum.warmup(((f32, f32), (7, 1.5)), f32, BLOCK=16, grid=(1,))
    count = len(pair_sum._variants)
    out = np.zeros(16, np.float32)
    pair_sum[(1,)](((_aligned(16), _aligned(16)), (7, 1.5)), out, BLOCK=16)
    assert len(pair_sum._variants) == count
    np.testing.assert_array_equal(out, _aligned(16) * 3 + 7)


@pytest.mark.parametrize("leaf, why", [
    ("a", "cannot pass a value of type str; pass an array, an int, a float, a bool, None or a tuple of them"),
    ([1, 2], "cannot pass a value of type list; pass an array, an int, a float, a bool, None or a tuple of them"),
    (2**70, "is 1180591620717411303424, outside the range of every integer type a kernel takes (int64, uint64): "
            "-9223372036854775808 to 18446744073709551615; pass a value in that range"),
])
def test_a_leaf_that_cannot_be_passed_is_named_by_its_path(leaf, why) -> None:
    x = _aligned(8)
    with pytest.raises((TypeError, ValueError)) as e:
        pair_sum[(1,)](((x, x), (3, leaf)), x, BLOCK=8)
    separator = " " if why.startswith("is ") else ": "
    assert str(e.value) == f"argument 'xy[1][1]' of pair_sum(){separator}{why}"


@pantile.jit
def shaped(x_ptr, SHAPE: pl.constexpr):
    pl.store(x_ptr + pl.arange(0, SHAPE[0]), 1.0)


def test_a_tuple_of_arrays_given_to_a_constexpr_says_to_drop_it() -> None:
    x = _aligned(8)
    with pytest.raises(TypeError) as e:
        shaped[(1,)](x, SHAPE=(8, (x,)))
    assert str(e.value) == ("argument 'SHAPE' of shaped() is a tl.constexpr and needs a compile-time value (int, "
                            "float, bool, str, dtype, None or a tuple of them), got a tuple holding ndarray; drop "
                            "tl.constexpr to pass it at run time")


def test_a_compiled_variant_launches_with_a_tuple() -> None:
    x, out = _aligned(8), np.zeros(8, np.float32)
    compiled = pair_sum[(1,)](((x, x), (3, None)), out, BLOCK=8)
    compiled[(1,)](((x, x * 2), (3, None)), out, 8)
    np.testing.assert_array_equal(out, x * 3 + 3)


def test_a_compiled_variant_launched_with_a_tuple_checks_and_unwraps_its_leaves() -> None:
    """compiled[grid](...) with a tuple: an int leaf outside the type the variant took is refused by its path, and
    a TensorWrapper leaf passes its base array."""
    x, out = _aligned(8), np.zeros(8, np.float32)
    compiled = pair_sum[(1,)](((x, x), (7, 0.5)), out, BLOCK=8)
    with pytest.raises(IntegerArgumentRangeError) as e:
        compiled[(1,)](((x, x), (2**40, 0.5)), out, 8)
    assert str(e.value) == ("argument 'xy[1][0]' of pair_sum() is 1099511627776, outside the range of its type i32: "
                            "-2147483648 to 2147483647; launch through pair_sum[grid](...) to compile a variant that "
                            "takes it")
    y = _aligned(8) * 2
    compiled[(1,)](((x, pantile.reinterpret(y, pl.float32)), (3, 0.5)), out, 8)
    np.testing.assert_array_equal(out, (x + y) * 0.5 + 3)
