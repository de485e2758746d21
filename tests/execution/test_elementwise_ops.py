"""Elementwise kernels launched with numpy arrays on every test target: every op and dtype, masked edges."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

import pantile
from conversion_kernels import narrow_and_back, narrow_with_constants, truncate_then_add
from execution_kernels import compare_ops, convert, float_binary_ops, int_binary_ops, through_narrow, unary_math
from numeric_ref import FORMATS as numeric_formats
from numeric_ref import c_div, decode, encode, exact_fma
from pantile.conformance.tolerance import math_ulp
from pantile.conformance.ulp import ulp_error
from pantile.runtime.args import NUMPY_ELEMENT_NAMES

SIZES = (1, 37, 1000, 4099)          # one program, a partial block, several, many with a ragged edge
BLOCK = 256
INT_DTYPES = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
FLOAT_DTYPES = ("float16", "float32", "float64")
INT_OPS = ("add", "sub", "mul", "floordiv", "mod", "and", "or", "xor", "maximum", "minimum", "lshift", "rshift",
           "where")
FLOAT_OPS = ("add", "sub", "mul", "truediv", "maximum", "minimum", "where", "fma")


def _grid(n: int) -> tuple[int]:
    return (pantile.cdiv(n, BLOCK),)


def _names(*dtypes: str) -> list[str]:
    """IR type names of numpy dtype names, as the capability record lists them."""
    return [NUMPY_ELEMENT_NAMES[d] for d in dtypes]


def _bound(function: str, dtype: str) -> float:
    """OpenCL C's bound in ULPs for `function` in IR type `dtype`; its "0 ulp" means correctly rounded."""
    return math_ulp(function, dtype) or 0.5


def _inputs(dtype: str, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
    return (rng.standard_normal(n) * 20).astype(dt)


@lru_cache(maxsize=None)
def _int_results(arch: str, dtype: str, n: int) -> tuple:
    """Inputs and the rows of every integer op, computed once per target, dtype and size."""
    x, y = _inputs(dtype, n, 1), _inputs(dtype, n, 2)
    y[y == 0] = 7
    out = np.zeros((len(INT_OPS), n), dtype)
    int_binary_ops[_grid(n)](x, y, out, n, BLOCK=BLOCK)
    return x, y, out


def _wrap(values: list, dtype: str) -> np.ndarray:
    info = np.iinfo(dtype)
    span = 1 << info.bits
    return np.array([(v - info.min) % span + info.min for v in values], dtype)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("op", INT_OPS)
def test_integer_ops(op, dtype, n, exec_target, requires):
    requires(dtypes=_names(dtype))
    x, y, out = _int_results(exec_target.arch, dtype, n)
    a, b = x.tolist(), y.tolist()
    if op in ("floordiv", "mod"):
        want = c_div(x, y, np.dtype(dtype), op == "mod")  # Triton's // and % truncate, as C does
    elif op in ("maximum", "minimum"):
        want = getattr(np, op)(x, y)
    elif op == "where":
        want = np.where(x < y, x, y)
    else:
        fn = {"add": lambda p, q: p + q, "sub": lambda p, q: p - q, "mul": lambda p, q: p * q,
              "and": lambda p, q: p & q, "or": lambda p, q: p | q, "xor": lambda p, q: p ^ q,
              "lshift": lambda p, q: p << (q & 7), "rshift": lambda p, q: p >> (q & 7)}[op]
        want = _wrap([fn(p, q) for p, q in zip(a, b)], dtype)
    np.testing.assert_array_equal(out[INT_OPS.index(op)], want)


@lru_cache(maxsize=None)
def _float_results(arch: str, dtype: str, n: int) -> tuple:
    """Inputs and the rows of every float op, computed once per target, dtype and size."""
    x, y = _inputs(dtype, n, 3), _inputs(dtype, n, 4)
    out = np.zeros((len(FLOAT_OPS), n), dtype)
    float_binary_ops[_grid(n)](x, y, out, n, BLOCK=BLOCK)
    return x, y, out


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", FLOAT_OPS)
def test_float_ops(op, dtype, n, exec_target, requires):
    requires(dtypes=_names(dtype), math=[f"fma:{_names(dtype)[0]}"] if op == "fma" else [])
    x, y, out = _float_results(exec_target.arch, dtype, n)
    got = out[FLOAT_OPS.index(op)]
    if op == "truediv":   # `/` is not correctly rounded in Triton: OpenCL's x/y bound
        ir_type = NUMPY_ELEMENT_NAMES[dtype]
        err = ulp_error(ir_type, got, x.astype(np.float64) / y.astype(np.float64))
        assert err.max() <= _bound("div", ir_type), f"{err.max():.2f} ulp at x={x[err.argmax()]!r}, y={y[err.argmax()]!r}"
        return
    if op == "where":
        want = np.where(x < y, x, y)
    elif op == "fma":
        want = exact_fma(x, y, x)
    else:
        want = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "maximum": np.maximum,
                "minimum": np.minimum}[op](x, y)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("n", (37, 4099))
@pytest.mark.parametrize("dtype", ("int8", "uint32", "int64", "float16", "float32", "float64"))
def test_comparisons(dtype, n, requires):
    requires(dtypes=_names(dtype))
    x, y = _inputs(dtype, n, 5), _inputs(dtype, n, 6)
    y[::3] = x[::3]
    out = np.zeros((6, n), np.bool_)
    compare_ops[_grid(n)](x, y, out, n, BLOCK=BLOCK)
    for k, fn in enumerate((np.equal, np.not_equal, np.less, np.less_equal, np.greater, np.greater_equal)):
        np.testing.assert_array_equal(out[k], fn(x, y), err_msg=fn.__name__)


CONVERSIONS = [(s, d) for s in ("int8", "int16", "int32", "uint16", "int64", "float16", "float32", "float64", "bool")
               for d in ("int8", "int32", "uint8", "uint32", "int64", "float16", "float32", "float64", "bool") if s != d]


@pytest.mark.parametrize("src,dst", CONVERSIONS)
def test_conversions_by_value(src, dst, requires):
    requires(dtypes=_names(src, dst))
    n = 300
    rng = np.random.default_rng(7)
    if src == "bool":
        x = rng.integers(0, 2, n).astype(np.bool_)
    else:
        x = (rng.standard_normal(n) * 40).astype(src)
    if np.dtype(dst).kind in "iu" and np.dtype(src).kind == "f":
        x = np.clip(x, 0 if dst.startswith("u") else -100, 100).astype(src)  # in range: numpy's cast is defined there
    out = np.zeros(n, dst)
    convert[_grid(n)](x, out, n, BLOCK=BLOCK)
    with np.errstate(over="ignore"):
        want = x.astype(dst) if dst != "bool" else x != 0
    np.testing.assert_array_equal(out, want)


@pytest.mark.parametrize("narrow", ("bf16", "fp16", "fp8e4nv", "fp8e5"))
def test_narrow_float_arithmetic_rounds_each_step(narrow, requires):
    fmt = {"bf16": "bf16", "fp16": "f16", "fp8e4nv": "f8e4m3", "fp8e5": "f8e5m2"}[narrow]
    requires(dtypes=[fmt])
    n = 1000
    rng = np.random.default_rng(8)
    x, y = (rng.standard_normal(n) * 8).astype(np.float32), (rng.standard_normal(n) * 8).astype(np.float32)
    out = np.zeros(2 * n, np.float32)
    through_narrow[_grid(n)](x, y, out, n, NARROW=narrow, BLOCK=BLOCK)
    xr, yr = decode(encode(x.astype(np.float64), fmt), fmt), decode(encode(y.astype(np.float64), fmt), fmt)
    for k, exact in enumerate((xr + yr, xr * yr)):
        want = decode(encode(exact.astype(np.float32).astype(np.float64), fmt), fmt)
        np.testing.assert_array_equal(out[k * n:(k + 1) * n], want.astype(np.float32))


NARROW_FORMATS = {"bf16": "bf16", "fp8e5": "f8e5m2", "fp8e4nv": "f8e4m3"}
NARROW_SOURCES = ("int8", "int16", "int32", "int64", "uint8", "uint32", "uint64", "bool", "float16", "float32",
                  "float64")


def _narrow_sources(src: str, fmt: str) -> np.ndarray:
    """Inputs of every magnitude, with the 64-bit integers whose rounding through f64 would round twice."""
    rng = np.random.default_rng(10)
    if src == "bool":
        return rng.integers(0, 2, 300).astype(np.bool_)
    dt = np.dtype(src)
    if dt.kind == "f":
        top = min(30.0, np.log2(float(np.finfo(dt).max)) - 1)
        return (np.exp2(rng.uniform(-30, top, 300)) * rng.choice([-1, 1], 300)).astype(dt)
    x = _inputs(src, 300, 11)
    x[:100] //= np.exp2(rng.integers(0, dt.itemsize * 8 - 2, 100)).astype(dt)    # small ones too
    if dt.itemsize == 8:
        # Just above the tie between two neighbours at the top: an f64 on the way would land on the tie.
        top = dt.itemsize * 8 - (2 if dt.kind == "i" else 1)
        above_tie = (1 << top) + (1 << (top - numeric_formats[fmt][1] - 1)) + 1
        x[100:102] = [above_tie, above_tie + (1 << (top - numeric_formats[fmt][1]))]
        if dt.kind == "i":
            x[102:104] = [-above_tie, -above_tie - 1]
    return x


@pytest.mark.parametrize("narrow", sorted(NARROW_FORMATS))
@pytest.mark.parametrize("src", NARROW_SOURCES)
def test_conversions_to_narrow_floats_round_once(src, narrow, requires):
    fmt = NARROW_FORMATS[narrow]
    requires(dtypes=_names(src) + [fmt])
    x = _narrow_sources(src, fmt)
    out = np.zeros(x.size, np.float32)
    narrow_and_back[_grid(x.size)](x, out, x.size, NARROW=narrow, BLOCK=BLOCK)
    exact = x.astype(np.int64) if src == "bool" else x if np.dtype(src).kind == "f" else x.astype(object)
    np.testing.assert_array_equal(out, decode(encode(exact, fmt), fmt).astype(np.float32))


@pytest.mark.parametrize("narrow", sorted(NARROW_FORMATS))
def test_narrow_floats_with_python_constants(narrow, requires):
    fmt = NARROW_FORMATS[narrow]
    requires(dtypes=[fmt])
    n = 500
    x = (np.random.default_rng(12).standard_normal(n) * 4).astype(np.float32)
    out = np.zeros(3 * n, np.float32)
    narrow_with_constants[_grid(n)](x, out, n, NARROW=narrow, BLOCK=BLOCK)

    def rounded(v):
        return decode(encode(np.asarray(v, np.float64), fmt), fmt)

    xr = rounded(x)
    want = (np.maximum(xr, 0.0), rounded((xr + rounded(0.1)).astype(np.float32)), np.minimum(xr, -1.5))
    for k, w in enumerate(want):
        np.testing.assert_array_equal(out[k * n:(k + 1) * n], w.astype(np.float32))


@pytest.mark.parametrize("src,via,other", [("int64", "uint8", "int16"), ("int64", "uint16", "int32"),
                                           ("int32", "uint8", "int16"), ("uint64", "uint8", "int32")])
def test_truncation_then_widening(src, via, other, requires):
    requires(dtypes=_names(src, via, other))
    n = 300
    x, y = _inputs(src, n, 13), _inputs(other, n, 14)
    out = np.zeros(n, via)
    truncate_then_add[_grid(n)](x, y, out, n, BLOCK=BLOCK)
    np.testing.assert_array_equal(out, (x.astype(via).astype(other) + y).astype(via))


# function: (numpy reference in float64, input sampler, bound in ULPs: OpenCL C's, one table for every target)
MATH = {
    "exp": (np.exp, lambda r, n: r.uniform(-87, 88, n), _bound("exp", "f32")),
    "exp2": (np.exp2, lambda r, n: r.uniform(-126, 127, n), _bound("exp2", "f32")),
    "log": (np.log, lambda r, n: np.exp(r.uniform(-80, 80, n)), _bound("log", "f32")),
    "log2": (np.log2, lambda r, n: np.exp(r.uniform(-80, 80, n)), _bound("log2", "f32")),
    "sin": (np.sin, lambda r, n: r.uniform(-100, 100, n), _bound("sin", "f32")),
    "cos": (np.cos, lambda r, n: r.uniform(-100, 100, n), _bound("cos", "f32")),
    "sqrt": (np.sqrt, lambda r, n: np.exp(r.uniform(-80, 80, n)), _bound("sqrt", "f32")),   # approximate in Triton
    "sqrt_rn": (np.sqrt, lambda r, n: np.exp(r.uniform(-80, 80, n)), _bound("sqrt_rn", "f32")),
    "rsqrt": (lambda v: 1 / np.sqrt(v), lambda r, n: np.exp(r.uniform(-80, 80, n)), _bound("rsqrt", "f32")),
    "erf": (np.vectorize(__import__("math").erf), lambda r, n: r.uniform(-5, 5, n), _bound("erf", "f32")),
    "floor": (np.floor, lambda r, n: r.uniform(-100, 100, n), 0), "ceil": (np.ceil, lambda r, n: r.uniform(-100, 100, n), 0),
    "abs": (np.abs, lambda r, n: r.uniform(-100, 100, n), 0),
    # 1 / (1 + exp(-x)): exp's bound, the division's, and half an ULP for the rounded sum
    "sigmoid": (lambda v: 1 / (1 + np.exp(-v)), lambda r, n: r.uniform(-30, 30, n),
                _bound("exp", "f32") + _bound("div", "f32") + 0.5),
}


@pytest.mark.parametrize("fn", sorted(MATH))
def test_math_functions_within_opencl_ulp_bounds(fn, requires):
    requires(math=[f"{fn}:f32"])
    ref, sample, bound = MATH[fn]
    n = 3001
    x = sample(np.random.default_rng(9), n).astype(np.float32)
    out = np.zeros(n, np.float32)
    unary_math[_grid(n)](x, out, n, FN=fn, BLOCK=BLOCK)
    err = ulp_error("f32", out, ref(x.astype(np.float64)))
    assert err.max() <= bound, f"{fn}: {err.max():.2f} ulp at x={x[err.argmax()]!r}"
