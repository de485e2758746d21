"""pantile.targets.llvm: every elementwise op, cast and math function, as scalar and as 8-lane vector code."""
from __future__ import annotations

import math

import numpy as np
import pytest

from llvm_harness import STORAGE, elementwise
from numeric_ref import c_div, decode, encode, exact_fma
from pantile.conformance.ulp import ulp_error
from pantile.ir import ScalarType
from pantile.targets.llvm import constant

INTS = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
N = 64
rng = np.random.default_rng(1234)


def both(name: str, operand_types: tuple, result_type: str, attrs: tuple = ()):
    """Run the op as scalar code and as 8-lane vector code; they must agree bit for bit."""
    scalar, vector = elementwise(name, operand_types, result_type, attrs)

    def run(*arrays: np.ndarray) -> np.ndarray:
        a, b = scalar(*arrays), vector(*arrays)
        np.testing.assert_array_equal(a.view(np.uint8), b.view(np.uint8), err_msg="scalar and vector code differ")
        return a
    return run


def _ints(t: str, n: int = N) -> np.ndarray:
    info = np.iinfo(STORAGE[t])
    x = rng.integers(info.min, info.max, n, dtype=STORAGE[t], endpoint=True)
    x[:4] = [info.min, info.max, 0, 1]
    return x


def _wrap(values, t: str) -> np.ndarray:
    info = np.iinfo(STORAGE[t])
    span = 1 << info.bits
    return np.array([(int(v) - info.min) % span + info.min for v in values], dtype=STORAGE[t])


_INT_REF = {
    "add": lambda a, b: [x + y for x, y in zip(a, b)], "sub": lambda a, b: [x - y for x, y in zip(a, b)],
    "mul": lambda a, b: [x * y for x, y in zip(a, b)], "and": lambda a, b: [x & y for x, y in zip(a, b)],
    "or": lambda a, b: [x | y for x, y in zip(a, b)], "xor": lambda a, b: [x ^ y for x, y in zip(a, b)],
    "max": lambda a, b: [max(x, y) for x, y in zip(a, b)], "min": lambda a, b: [min(x, y) for x, y in zip(a, b)],
}


@pytest.mark.parametrize("t", INTS)
@pytest.mark.parametrize("op", sorted(_INT_REF))
def test_integer_binary_wraps(op, t):
    a, b = _ints(t), _ints(t)[::-1].copy()
    got = both(f"pt.{op}", (t, t), t, ())(a, b)
    np.testing.assert_array_equal(got, _wrap(_INT_REF[op](a.tolist(), b.tolist()), t))


@pytest.mark.parametrize("t", INTS)
@pytest.mark.parametrize("op", ("div", "rem"))
def test_integer_division_truncates_like_c(op, t):
    a, b = _ints(t), _ints(t)[::-1].copy()
    b[b == 0] = 3
    b[5] = 7
    if t.startswith("i"):
        b[6], a[6] = -1, np.iinfo(STORAGE[t]).min  # INT_MIN / -1 wraps
        b[7] = -7
    got = both(f"pt.{op}", (t, t), t, ())(a, b)
    np.testing.assert_array_equal(got, c_div(a, b, STORAGE[t], op == "rem"))


@pytest.mark.parametrize("t", ("i32", "u32", "i8", "u64"))
def test_division_by_zero_is_defined(t):
    a = _ints(t)
    zero = np.zeros(N, STORAGE[t])
    np.testing.assert_array_equal(both("pt.div", (t, t), t, ())(a, zero), a if t[0] == "i" else a // 1)
    np.testing.assert_array_equal(both("pt.rem", (t, t), t, ())(a, zero), zero)


@pytest.mark.parametrize("t", INTS)
@pytest.mark.parametrize("op", ("shl", "shr"))
def test_shifts_signedness_and_oversized_amounts(op, t):
    bits = np.iinfo(STORAGE[t]).bits
    a = _ints(t)
    s = (np.arange(N) % (bits + 3)).astype(STORAGE[t])
    got = both(f"pt.{op}", (t, t), t, ())(a, s)
    want = []
    for x, k in zip(a.tolist(), s.tolist()):
        if op == "shl":
            want.append(0 if k >= bits else x << k)
        else:
            want.append(x >> min(k, bits - 1) if t[0] == "i" else (0 if k >= bits else x >> k))
    np.testing.assert_array_equal(got, _wrap(want, t))


@pytest.mark.parametrize("t", INTS)
@pytest.mark.parametrize("op", ("neg", "not", "abs"))
def test_integer_unary(op, t):
    a = _ints(t)
    ref = {"neg": lambda x: -x, "not": lambda x: ~x, "abs": lambda x: abs(x)}[op]
    got = both(f"pt.{op}", (t,), t, ())(a)
    np.testing.assert_array_equal(got, _wrap([ref(x) for x in a.tolist()], t))


def _floats(t: str) -> np.ndarray:
    x = (rng.standard_normal(N) * 10).astype(np.float64)
    x[:6] = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.5]
    return x


def _to_storage(x: np.ndarray, t: str) -> np.ndarray:
    if t in ("bf16", "f8e4m3", "f8e5m2"):
        return encode(x, t).astype(STORAGE[t])
    return x.astype(STORAGE[t])


def _value(x: np.ndarray, t: str) -> np.ndarray:
    return decode(x, t) if t in ("bf16", "f8e4m3", "f8e5m2") else x.astype(np.float64)


_FLOAT_REF = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
              "rem": np.fmod, "max": np.fmax, "min": np.fmin}
FLOATS = ("f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2")


@pytest.mark.parametrize("t", FLOATS)
@pytest.mark.parametrize("op", sorted(_FLOAT_REF))
def test_float_binary_rounds_once_per_op(op, t):
    a, b = _to_storage(_floats(t), t), _to_storage(_floats(t)[::-1].copy(), t)
    got = both(f"pt.{op}", (t, t), t, ())(a, b)
    with np.errstate(all="ignore"):
        if t in ("f16", "f32", "f64"):
            want = _FLOAT_REF[op](a, b)
            np.testing.assert_array_equal(got, want)
        else:
            exact = _FLOAT_REF[op](_value(a, t).astype(np.float32), _value(b, t).astype(np.float32))
            np.testing.assert_array_equal(_value(got, t), _value(encode(exact.astype(np.float64), t), t))


def test_div_rn_is_correctly_rounded():
    a, b = _floats("f32").astype(np.float32), _floats("f32")[::-1].astype(np.float32)
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(both("pt.div_rn", ("f32", "f32"), "f32", ())(a, b), a / b)


@pytest.mark.parametrize("op", ("max", "min"))
def test_float_max_propagates_nan_when_asked(op):
    a = np.array([1.0, np.nan, 2.0, np.nan] * 16, np.float32)
    b = np.array([np.nan, 3.0, -1.0, np.nan] * 16, np.float32)
    got = both(f"pt.{op}", ("f32", "f32"), "f32", (("propagate_nan", True),))(a, b)
    want = np.maximum(a, b) if op == "max" else np.minimum(a, b)
    np.testing.assert_array_equal(got, want)


_PREDS = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
          "ge": np.greater_equal}


@pytest.mark.parametrize("t", ("i8", "u8", "i32", "u32", "i64", "u64", "f16", "f32", "f64", "bf16", "f8e4m3"))
@pytest.mark.parametrize("pred", sorted(_PREDS))
def test_compare_signedness_and_nan(pred, t):
    if t[0] in "iu":
        a, b = _ints(t), _ints(t)[::-1].copy()
        b[10:20] = a[10:20]
        want = _PREDS[pred](a, b)
    else:
        a, b = _to_storage(_floats(t), t), _to_storage(_floats(t)[::-1].copy(), t)
        b[10:20] = a[10:20]
        want = _PREDS[pred](_value(a, t), _value(b, t))
    got = both("pt.cmp", (t, t), "i1", (("predicate", pred),))(a, b)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("t", ("i8", "f32", "bf16", "f64"))
def test_select(t):
    c = (np.arange(N) % 3 == 0)
    a, b = np.arange(N).astype(STORAGE[t]), (100 - np.arange(N)).astype(STORAGE[t])
    got = both("pt.select", ("i1", t, t), t, ())(c, a, b)
    np.testing.assert_array_equal(got, np.where(c, a, b))


@pytest.mark.parametrize("t", ("f16", "f32", "f64", "bf16"))
def test_fma_single_rounding(t):
    a, b, c = (_to_storage(_floats(t) * k, t) for k in (1.0, 0.5, -2.0))
    got = both("pt.fma", (t, t, t), t, ())(a, b, c)
    exact = _value(a, t) * _value(b, t) + _value(c, t)
    want = _to_storage(exact, t) if t != "f64" else exact_fma(a, b, c)
    np.testing.assert_array_equal(_value(got, t), _value(want, t))


# Casts ---------------------------------------------------------------------------------
CAST_TYPES = ("i1", "i8", "i32", "i64", "u8", "u32", "u64", "f16", "bf16", "f32", "f64", "f8e4m3", "f8e5m2")


def _cast_inputs(src: str) -> np.ndarray:
    if src == "i1":
        return np.arange(N) % 2 == 0
    if src[0] in "iu":
        return _ints(src)
    x = rng.standard_normal(N) * 50
    x[:5] = [0.0, -0.0, 0.5, 2.5, -3.5]
    return _to_storage(x, src)


def _cast_ref(x: np.ndarray, src: str, dst: str) -> np.ndarray:
    v = _value(x, src) if src[0] == "f" or src == "bf16" else x.astype(np.float64) if src != "i1" else x.astype(np.float64)
    if dst == "i1":
        return v != 0
    if dst[0] in "iu":
        if src[0] in "iu":
            return _wrap(x.astype(object).tolist() if src != "i1" else x.astype(int).tolist(), dst)
        info = np.iinfo(STORAGE[dst])
        return np.clip(np.trunc(np.nan_to_num(v)), info.min, info.max).astype(STORAGE[dst])
    if src[0] in "iu" and src != "i1":
        v = np.array([float(i) for i in x.tolist()])  # correctly rounded to f64
        if dst in ("f16", "f32", "f64"):
            return x.astype(STORAGE[dst])
    return _to_storage(v, dst)


@pytest.mark.parametrize("dst", CAST_TYPES)
@pytest.mark.parametrize("src", CAST_TYPES)
def test_cast_by_value(src, dst):
    x = _cast_inputs(src)
    if dst[0] in "iu" and dst != "i1" and src[0] not in "iu":
        # in-range values only here; saturation is tested separately
        info = np.iinfo(STORAGE[dst])
        x = _to_storage(np.clip(_value(x, src), max(info.min, -60000.0), min(info.max, 60000.0)), src)
    got = both("pt.cast", (src,), dst, ())(x)
    want = _cast_ref(x, src, dst)
    if dst in ("bf16", "f8e4m3", "f8e5m2", "f16", "f32", "f64"):
        np.testing.assert_array_equal(_value(got, dst), _value(want, dst))
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("dst", ("i8", "i32", "u8", "u32", "i64"))
def test_float_to_int_saturates(dst):
    x = np.array([1e30, -1e30, np.nan, np.inf, -np.inf, 3.9, -3.9, 0.0] * 8, np.float32)
    info = np.iinfo(STORAGE[dst])
    want = np.array([0 if math.isnan(v) else min(max(int(v) if math.isfinite(v) else int(math.copysign(1e300, v)),
                                                      info.min), info.max) for v in x.tolist()], STORAGE[dst])
    np.testing.assert_array_equal(both("pt.cast", ("f32",), dst, ())(x), want)


@pytest.mark.parametrize("dst", ("bf16", "f8e4m3", "f8e5m2", "f16"))
@pytest.mark.parametrize("src", ("f32", "f64"))
@pytest.mark.parametrize("rounding", ("rtne", "rtz"))
def test_narrowing_at_ties_subnormals_and_overflow(src, dst, rounding):
    x = _ties_and_neighbours(dst).astype(STORAGE[src])
    got = both("pt.cast", (src,), dst, (("rounding", rounding),))(x)
    got_codes = got.view(np.uint16) if dst == "f16" else got
    want = encode(x.astype(np.float64), dst, rounding)
    np.testing.assert_array_equal(got_codes.astype(np.int64), want)


def _ties_and_neighbours(dst: str) -> np.ndarray:
    """Every representable value of dst, the midpoints between neighbours (ties), and points just beside them,
    over the whole range including subnormals and overflow, with both signs (float64)."""
    codes = np.arange(1 << (16 if dst in ("bf16", "f16") else 8))
    vals = decode(codes, dst)
    fin = np.sort(vals[np.isfinite(vals) & (vals >= 0)])
    mids = (fin[1:] + fin[:-1]) / 2
    pts = np.concatenate([fin, mids, mids * (1 + 2**-20), mids * (1 - 2**-20), [fin[-1] * 1.2, 1e300, np.inf, np.nan]])
    if len(pts) > 4096:
        pts = np.concatenate([pts[rng.choice(len(pts) - 4, 4092, replace=False)], pts[-4:]])
    pts = np.concatenate([pts, -pts])
    return pts[: len(pts) // 8 * 8]


@pytest.mark.parametrize("dst", ("bf16", "f8e4m3", "f8e5m2"))
def test_constants_round_as_conversions_do(dst):
    pts = _ties_and_neighbours(dst)
    got = [constant(ScalarType(dst), v).constant for v in pts.tolist()]
    np.testing.assert_array_equal(np.array(got, np.int64), encode(pts, dst))


@pytest.mark.parametrize("pair", (("f32", "i32"), ("i32", "f32"), ("bf16", "i16"), ("f16", "i16"), ("u8", "f8e5m2"),
                                  ("f64", "u64")))
def test_bitcast_keeps_bits(pair):
    src, dst = pair
    raw = rng.integers(0, 255, N * 8, dtype=np.uint8)
    x = raw.view(STORAGE[src])[:N]
    got = both("pt.bitcast", (src,), dst, ())(x)
    np.testing.assert_array_equal(got.view(np.uint8), x.view(np.uint8))


# Math -----------------------------------------------------------------------------------
_MATH = {  # name: (reference on float64, input range, max ulp)
    "exp": (np.exp, (-110.0, 90.0), 2), "exp2": (np.exp2, (-155.0, 130.0), 2), "log": (np.log, (0.0, 1e30), 2),
    "log2": (np.log2, (0.0, 1e30), 2), "sin": (np.sin, (-1e4, 1e4), 2), "cos": (np.cos, (-1e4, 1e4), 2),
    "erf": (np.vectorize(math.erf), (-5.0, 5.0), 2), "sqrt": (np.sqrt, (0.0, 1e30), 0.5),
    "sqrt_rn": (np.sqrt, (0.0, 1e30), 0.5), "rsqrt": (lambda v: 1 / np.sqrt(v), (1e-30, 1e30), 1.5),
    "floor": (np.floor, (-1e3, 1e3), 0), "ceil": (np.ceil, (-1e3, 1e3), 0),
}


@pytest.mark.parametrize("fn", sorted(_MATH))
def test_f32_math_within_ulp_bound(fn):
    ref, (lo, hi), bound = _MATH[fn]
    n = 8192
    x = np.concatenate([rng.uniform(lo, hi, n // 2), np.sign(rng.uniform(-1, 1, n // 2)) *
                        np.exp(rng.uniform(-20, np.log(max(abs(lo), abs(hi))), n // 2))]).astype(np.float32)
    if lo >= 0:
        x = np.abs(x)
    x[:8] = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, 1e-40, -1.0]
    got = both(f"pt.{fn}", ("f32",), "f32", ())(x)
    with np.errstate(all="ignore"):
        want = ref(x.astype(np.float64))
    err = ulp_error("f32", got, want)
    assert err.max() <= bound, f"{fn}: {err.max()} ulp at x={x[err.argmax()]!r}: got {got[err.argmax()]!r}, want {want[err.argmax()]!r}"


@pytest.mark.parametrize("fn", ("exp", "log", "sin", "cos", "erf", "sqrt"))
@pytest.mark.parametrize("t", ("f64", "f16", "bf16"))
def test_math_other_float_types(fn, t):
    x = _to_storage(np.linspace(0.1, 3.0, N), t)
    got = _value(both(f"pt.{fn}", (t,), t, ())(x), t)
    ref = np.vectorize(math.erf) if fn == "erf" else getattr(np, fn)
    want = ref(_value(x, t))
    if t == "f64":
        np.testing.assert_allclose(got, want, rtol=1e-15)
    else:  # computed in f32, rounded once to t
        np.testing.assert_array_equal(got, _value(_to_storage(want.astype(np.float32).astype(np.float64), t), t))
