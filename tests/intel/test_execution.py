"""@pantile.jit kernels run on intel:spirv through Intel's OpenCL CPU runtime, compared with numpy.

Cases whose dtypes or atomics the device lacks are excluded by name of that capability.
"""
import math

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.registry import get_target

ARCH = "intel:spirv"
TARGET = get_target(ARCH)
CAPS = TARGET.capabilities
RNG = np.random.default_rng(1234)
FLOATS = ("f16", "bf16", "f32", "f64")
INTS = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64")
NUMPY = {"i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64, "u8": np.uint8, "u16": np.uint16,
         "u32": np.uint32, "u64": np.uint64, "f16": np.float16, "f32": np.float32, "f64": np.float64}


def needs(dtypes=(), atomics=(), dot=()):
    """pytest marks excluding a case whose capability the device lacks (the reason names it)."""
    why = CAPS.unsupported(dtypes=dtypes, atomics=atomics, dot=dot)
    return [pytest.mark.skip(reason=f"{ARCH}: {why}")] if why else []


@pytest.fixture(autouse=True)
def on_intel():
    """Launches go to intel:spirv; pantile's usual cache keeps Intel's slow builds across runs."""
    with pantile.target(ARCH):
        yield


def random(dtype: str, n, lo=-100, hi=100):
    """Random values of an IR dtype as numpy (bf16 travels as float32 values rounded to bf16)."""
    if dtype in INTS:
        info = np.iinfo(NUMPY[dtype])
        return RNG.integers(max(info.min, lo), min(info.max, hi), n, endpoint=True).astype(NUMPY[dtype])
    return RNG.uniform(lo, hi, n).astype(NUMPY.get(dtype, np.float32))


# elementwise -------------------------------------------------------------------------------------------------
@pantile.jit
def binary_kernel(x_ptr, y_ptr, out_ptr, n, IS_INT: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    y = tl.load(y_ptr + offs, mask=mask)
    tl.store(out_ptr + offs, x + y, mask=mask)
    tl.store(out_ptr + n + offs, x - y, mask=mask)
    tl.store(out_ptr + 2 * n + offs, x * y, mask=mask)
    tl.store(out_ptr + 3 * n + offs, tl.maximum(x, y), mask=mask)
    tl.store(out_ptr + 4 * n + offs, tl.minimum(x, y), mask=mask)
    tl.store(out_ptr + 5 * n + offs, tl.where(x < y, x, y), mask=mask)
    if IS_INT:
        tl.store(out_ptr + 6 * n + offs, x // y, mask=mask)
        tl.store(out_ptr + 7 * n + offs, x % y, mask=mask)
        tl.store(out_ptr + 8 * n + offs, x & y, mask=mask)
        tl.store(out_ptr + 9 * n + offs, x | y, mask=mask)
        tl.store(out_ptr + 10 * n + offs, x ^ y, mask=mask)
    else:
        tl.store(out_ptr + 6 * n + offs, x / y, mask=mask)


def c_div(x, y):
    """C integer division (toward zero), as pt.div on integers."""
    q = np.abs(x.astype(np.int64)) // np.abs(y.astype(np.int64))
    return (np.sign(x.astype(np.int64)) * np.sign(y.astype(np.int64)) * q).astype(x.dtype)


COMMON = [np.add, np.subtract, np.multiply, np.maximum, np.minimum, lambda x, y: np.where(x < y, x, y)]
INT_ONLY = [c_div, lambda x, y: (x.astype(np.int64) - c_div(x, y).astype(np.int64) * y).astype(x.dtype),
            np.bitwise_and, np.bitwise_or, np.bitwise_xor]


@pytest.mark.parametrize("dtype", [pytest.param(d, marks=needs([d])) for d in INTS + ("f16", "f32", "f64")])
def test_binary_ops(dtype):
    n = 1000
    is_int = dtype in INTS
    x = random(dtype, n)
    y = random(dtype, n, 1, 100)
    refs = COMMON + (INT_ONLY if is_int else [np.divide])
    out = np.zeros((len(refs), n), NUMPY[dtype])
    binary_kernel[(math.ceil(n / 256),)](x, y, out, n, IS_INT=is_int, BLOCK=256)
    for k, ref in enumerate(refs):
        with np.errstate(over="ignore"):
            np.testing.assert_array_equal(out[k], ref(x, y).astype(NUMPY[dtype]), err_msg=f"operation {k}")


@pantile.jit
def math_kernel(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=1.0)
    tl.store(out_ptr + 0 * n + offs, tl.exp(x), mask=mask)
    tl.store(out_ptr + 1 * n + offs, tl.exp2(x), mask=mask)
    tl.store(out_ptr + 2 * n + offs, tl.log(x), mask=mask)
    tl.store(out_ptr + 3 * n + offs, tl.log2(x), mask=mask)
    tl.store(out_ptr + 4 * n + offs, tl.sqrt(x), mask=mask)
    tl.store(out_ptr + 5 * n + offs, tl.sqrt_rn(x), mask=mask)
    tl.store(out_ptr + 6 * n + offs, tl.rsqrt(x), mask=mask)
    tl.store(out_ptr + 7 * n + offs, tl.sin(x), mask=mask)
    tl.store(out_ptr + 8 * n + offs, tl.cos(x), mask=mask)
    tl.store(out_ptr + 9 * n + offs, tl.erf(x), mask=mask)
    tl.store(out_ptr + 10 * n + offs, tl.floor(x), mask=mask)
    tl.store(out_ptr + 11 * n + offs, tl.ceil(x), mask=mask)
    tl.store(out_ptr + 12 * n + offs, tl.abs(x), mask=mask)
    tl.store(out_ptr + 13 * n + offs, tl.sigmoid(x), mask=mask)


# In kernel order: reference and OpenCL C single precision bound in ulp of the exact result (0.5: correctly rounded).
MATH = [("exp", np.exp, 3), ("exp2", np.exp2, 3), ("log", np.log, 3), ("log2", np.log2, 3), ("sqrt", np.sqrt, 3),
        ("sqrt_rn", np.sqrt, 0.5), ("rsqrt", lambda x: 1 / np.sqrt(x), 2), ("sin", np.sin, 4), ("cos", np.cos, 4),
        ("erf", np.vectorize(math.erf), 16), ("floor", np.floor, 0), ("ceil", np.ceil, 0), ("abs", np.abs, 0),
        ("sigmoid", lambda x: 1 / (1 + np.exp(-x)), 8)]


def test_math_functions_within_ulp_bounds():
    n = 700
    x = RNG.uniform(0.05, 30, n).astype(np.float32)
    out = np.zeros((len(MATH), n), np.float32)
    math_kernel[(math.ceil(n / 256),)](x, out, n, BLOCK=256)
    for k, (name, ref, ulps) in enumerate(MATH):
        want = ref(x.astype(np.float64))
        err = np.abs(out[k] - want) / np.spacing(np.abs(want).astype(np.float32)).astype(np.float64)
        assert err.max() <= ulps, f"{name}: {err.max()} ulp"


@pantile.jit
def cast_kernel(x_ptr, a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    tl.store(a_ptr + offs, x.to(a_ptr.dtype.element_ty), mask=mask)
    tl.store(b_ptr + offs, x.to(b_ptr.dtype.element_ty), mask=mask)
    tl.store(c_ptr + offs, x.to(c_ptr.dtype.element_ty), mask=mask)
    tl.store(d_ptr + offs, x.to(d_ptr.dtype.element_ty), mask=mask)


@pytest.mark.parametrize("src,dsts", [pytest.param(s, d, marks=needs((s,) + d)) for s, d in [
    ("f32", ("i32", "u8", "f16", "f64")), ("i16", ("f32", "i64", "u8", "f64")), ("f64", ("f32", "i8", "u32", "f16"))]])
def test_casts(src, dsts):
    n = 500
    x = random(src, n, 0, 120)
    outs = [np.zeros(n, NUMPY[d]) for d in dsts]
    cast_kernel[(2,)](x, *outs, n, BLOCK=256)
    for d, out in zip(dsts, outs):
        np.testing.assert_array_equal(out, x.astype(NUMPY[d]), err_msg=f"{src} -> {d}")


# reductions and scans ----------------------------------------------------------------------------------------
@pantile.jit
def reduce_kernel(x_ptr, out_ptr, M: tl.constexpr, N: tl.constexpr):
    rows = tl.arange(0, M)
    cols = tl.arange(0, N)
    x = tl.load(x_ptr + rows[:, None] * N + cols[None, :])
    tl.store(out_ptr + cols, tl.sum(x, axis=0))
    tl.store(out_ptr + N + cols, tl.max(x, axis=0))
    tl.store(out_ptr + 2 * N + cols, tl.min(x, axis=0))
    tl.store(out_ptr + 3 * N + cols, tl.argmax(x, axis=0).to(out_ptr.dtype.element_ty))
    tl.store(out_ptr + 4 * N + rows, tl.sum(x, axis=1))
    tl.store(out_ptr + 4 * N + M + rows, tl.max(x, axis=1))
    tl.store(out_ptr + 4 * N + 2 * M + rows, tl.min(x, axis=1))
    tl.store(out_ptr + 4 * N + 3 * M + rows, tl.argmax(x, axis=1).to(out_ptr.dtype.element_ty))


@pytest.mark.parametrize("dtype", ["i32", "f32"])
def test_reductions_along_both_axes(dtype):
    m, n = 32, 64
    x = random(dtype, (m, n))
    out = np.zeros(4 * (m + n), NUMPY[dtype])
    reduce_kernel[(1,)](x, out, M=m, N=n)
    for axis, part in ((0, out[:4 * n].reshape(4, n)), (1, out[4 * n:].reshape(4, m))):
        if dtype == "f32":
            np.testing.assert_allclose(part[0], x.sum(axis), rtol=1e-5, atol=1e-3)
        else:
            np.testing.assert_array_equal(part[0], x.sum(axis))
        np.testing.assert_array_equal(part[1], x.max(axis))
        np.testing.assert_array_equal(part[2], x.min(axis))
        np.testing.assert_array_equal(part[3], x.argmax(axis))


@pantile.jit
def scan_kernel(x_ptr, sign_ptr, sum_ptr, prod_ptr, N: tl.constexpr):
    offs = tl.arange(0, N)
    tl.store(sum_ptr + offs, tl.cumsum(tl.load(x_ptr + offs), axis=0))
    tl.store(prod_ptr + offs, tl.cumprod(tl.load(sign_ptr + offs), axis=0))


@pytest.mark.parametrize("n", [16, 1024])
def test_cumsum_and_cumprod(n):
    x = random("i32", n, -5, 5)
    signs = RNG.choice(np.array([-1, 1], np.int32), n)
    sums, prods = np.zeros(n, np.int32), np.zeros(n, np.int32)
    scan_kernel[(1,)](x, signs, sums, prods, N=n)
    np.testing.assert_array_equal(sums, np.cumsum(x))
    np.testing.assert_array_equal(prods, np.cumprod(signs))


# dot ---------------------------------------------------------------------------------------------------------
@pantile.jit
def matmul_kernel(a_ptr, b_ptr, c_ptr, M: tl.constexpr, N: tl.constexpr, K: tl.constexpr, BK: tl.constexpr):
    rm = tl.arange(0, M)[:, None]
    rn = tl.arange(0, N)[None, :]
    acc = tl.zeros((M, N), dtype=tl.float32)
    for k in range(0, K, BK):
        rk = k + tl.arange(0, BK)
        a = tl.load(a_ptr + rm * K + rk[None, :])
        b = tl.load(b_ptr + rk[:, None] * N + rn)
        acc += tl.dot(a, b)
    tl.store(c_ptr + rm * N + rn, acc)


@pytest.mark.parametrize("dtype", [pytest.param(d, marks=needs([d], dot=[d])) for d in ("f16", "f32")])
def test_dot_in_a_loop(dtype):
    m, n, k = 32, 32, 64
    a = RNG.uniform(-1, 1, (m, k)).astype(NUMPY[dtype])
    b = RNG.uniform(-1, 1, (k, n)).astype(NUMPY[dtype])
    c = np.zeros((m, n), np.float32)
    matmul_kernel[(1,)](a, b, c, M=m, N=n, K=k, BK=16)
    np.testing.assert_allclose(c, a.astype(np.float32) @ b.astype(np.float32), rtol=1e-4, atol=1e-4)


# atomics -----------------------------------------------------------------------------------------------------
@pantile.jit
def atomic_kernel(x_ptr, out_ptr, n, BINS: tl.constexpr, INTEGER: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    where = out_ptr + offs % BINS
    tl.atomic_add(where, x, mask=mask)
    if INTEGER:
        tl.atomic_max(where + BINS, x, mask=mask)
        tl.atomic_min(where + 2 * BINS, x, mask=mask)
        tl.atomic_or(where + 3 * BINS, x, mask=mask)
        tl.atomic_xor(where + 4 * BINS, x, mask=mask)


ATOMIC_KINDS = {"i32": ["add", "max", "min", "or", "xor"], "u32": ["add", "umax", "umin", "or", "xor"],
                "i64": ["add", "max", "min", "or", "xor"], "f32": ["fadd"]}


@pytest.mark.parametrize("dtype", [pytest.param(d, marks=needs([d], atomics=k)) for d, k in ATOMIC_KINDS.items()])
def test_atomics_across_programs(dtype):
    n, bins = 3000, 7
    x = random(dtype, n, 0 if dtype[0] == "u" else -50, 50)
    integer = dtype in INTS
    if not integer:
        x = np.round(x)   # integral values: the float sum is exact in any order
    reduces = [np.add] + ([np.maximum, np.minimum, np.bitwise_or, np.bitwise_xor] if integer else [])
    starts = [0] + ([np.iinfo(NUMPY[dtype]).min, np.iinfo(NUMPY[dtype]).max, 0, 0] if integer else [])
    out = np.repeat(np.array(starts, NUMPY[dtype]), bins)
    atomic_kernel[(math.ceil(n / 256),)](x, out, n, BINS=bins, INTEGER=integer, BLOCK=256)
    for k, (reduce, start) in enumerate(zip(reduces, starts)):
        want = [reduce.reduce(x[b::bins], initial=NUMPY[dtype](start)) for b in range(bins)]
        np.testing.assert_array_equal(out[k * bins:(k + 1) * bins], np.array(want, NUMPY[dtype]),
                                      err_msg=reduce.__name__)


@pantile.jit
def cas_counter_kernel(lock_ptr, count_ptr):
    one = tl.arange(0, 1)          # one-element blocks: each program updates once
    pid = tl.program_id(0)
    tl.atomic_add(count_ptr + one, one + 1)
    old = tl.atomic_cas(lock_ptr + one, one * 0, one + pid + 1)
    tl.atomic_xchg(count_ptr + 1 + pid + one, old)


def test_atomic_cas_and_xchg_elect_one_program():
    programs = 16
    lock = np.zeros(1, np.int32)
    count = np.zeros(1 + programs, np.int32)
    cas_counter_kernel[(programs,)](lock, count)
    assert count[0] == programs
    winner = lock[0]
    assert 1 <= winner <= programs
    assert count[winner] == 0 and sorted(count[1:]) == [0] + [winner] * (programs - 1)


# masks and control flow ----------------------------------------------------------------------------------------
@pantile.jit
def masked_copy_kernel(x_ptr, out_ptr, n, other, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=other)
    tl.store(out_ptr + offs, x, mask=offs % 3 != 0)


def test_masked_loads_and_stores():
    x = np.arange(100, dtype=np.float32)
    out = np.full(128, -1, np.float32)
    masked_copy_kernel[(1,)](x, out, 70, 7.5, BLOCK=128)
    want = np.where(np.arange(128) < 70, np.arange(128, dtype=np.float32), 7.5)
    want[::3] = -1
    np.testing.assert_array_equal(out, want)


@pantile.jit
def control_flow_kernel(x_ptr, out_ptr, steps, negate, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    acc = tl.load(x_ptr + pid * BLOCK + offs)
    for i in range(steps):
        if i % 2 == 0:
            acc = acc * 2
        else:
            acc = acc - 1
    k = 0
    while k < pid:
        acc += 100
        k += 1
    if negate:
        if pid == 2:
            acc = -acc
    tl.store(out_ptr + pid * BLOCK + offs, acc)


@pytest.mark.parametrize("negate", [True, False])
def test_loops_and_branches(negate):
    block, programs, steps = 64, 4, 5
    x = random("i32", programs * block, -10, 10)
    out = np.zeros_like(x)
    control_flow_kernel[(programs,)](x, out, steps, negate, BLOCK=block)
    want = x.reshape(programs, block).astype(np.int64)
    for i in range(steps):
        want = want * 2 if i % 2 == 0 else want - 1
    want = want + 100 * np.arange(programs)[:, None]
    if negate:
        want[2] = -want[2]
    np.testing.assert_array_equal(out, want.ravel())


@pantile.jit
def grid_kernel(out_ptr):
    x, y, z = tl.program_id(0), tl.program_id(1), tl.program_id(2)
    nx, ny = tl.num_programs(0), tl.num_programs(1)
    tl.store(out_ptr + (z * ny + y) * nx + x, x + 10 * y + 100 * z)


def test_three_dimensional_grid():
    out = np.zeros((2, 3, 5), np.int32)
    grid_kernel[(5, 3, 2)](out)
    z, y, x = np.meshgrid(range(2), range(3), range(5), indexing="ij")
    np.testing.assert_array_equal(out, x + 10 * y + 100 * z)


@pantile.jit
def print_kernel(x_ptr, N: tl.constexpr):
    tl.device_print("x=", tl.load(x_ptr + tl.arange(0, N)))


def test_device_print_prints_each_element_once(capfd):
    capfd.readouterr()
    print_kernel[(2,)](np.arange(4, dtype=np.int32) * 10, N=4)
    lines = sorted(capfd.readouterr().out.splitlines())
    assert lines == sorted(f"pid ({p}, 0, 0) idx ({i}) x={10 * i}" for p in range(2) for i in range(4))
