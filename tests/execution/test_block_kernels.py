"""Reductions, scans, dot, atomics, control flow, masks, shapes, calls, print and assert: kernels on every target."""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest

import pantile
import pantile.language as tl
from execution_kernels import (atomic_bins, atomic_counters, bf16_atomic_bins, branches_in_loops, calls_helper,
                               cas_election, cas_increment, checked, control_flow, countdown, grid_ids, masked_copy,
                               matmul, nested_loops, printer, reduce_1d, reduce_2d, reduce_3d, reduce_all, scale_add,
                               scan_1d, scan_2d, shapes, ticket, tiled_sum, typed_dot, unrolled_ranges, volatile_copy,
                               widen_select)
from numeric_ref import decode, encode
from pantile.conformance.formats import as_dot_inputs
from pantile.conformance.tolerance import accumulation
from pantile.runtime.args import NUMPY_ELEMENT_NAMES

rng = np.random.default_rng(2024)
SHAPES = ((13, 29), (1, 7), (16, 32), (9, 1))   # odd, one row (M == 1 is specialised), aligned, one column
# Every shape in 32-bit types; 64-bit types (slow to compile on some targets) on the odd shape.
REDUCTION_CASES = [(s, d) for d in ("float32", "int32") for s in SHAPES] + [(SHAPES[0], d) for d in ("float64", "int64")]


def _names(*dtypes: str) -> list[str]:
    """IR type names of numpy dtype names, as the capability record lists them."""
    return [NUMPY_ELEMENT_NAMES[d] for d in dtypes]


def _check_reductions(axis: int, shape: tuple[int, int], dtype: str, num_warps: int | None = None) -> None:
    """Every reduction of reduce_2d along `axis` of a masked `shape` block against numpy."""
    m, n = shape
    x = rng.integers(-50, 50, shape).astype(dtype)
    width = 16 if axis == 1 else 32
    out = np.zeros((7, width), dtype)
    reduce_2d[(1,)](x, out, m, n, n, AXIS=axis, BM=16, BN=32, num_warps=num_warps)
    k = x.shape[1 - axis]
    np.testing.assert_array_equal(out[0][:k], x.sum(axis), err_msg="sum")
    np.testing.assert_array_equal(out[1][:k], x.max(axis), err_msg="max")
    np.testing.assert_array_equal(out[2][:k], x.min(axis), err_msg="min")
    np.testing.assert_array_equal(out[3][:k], x.argmax(axis), err_msg="argmax")
    np.testing.assert_array_equal(out[4][:k], x.argmin(axis), err_msg="argmin")
    np.testing.assert_array_equal(out[5][:k], x.max(axis), err_msg="user reduce, value")
    np.testing.assert_array_equal(out[6][:k], x.argmax(axis), err_msg="user reduce, index")


@pytest.mark.parametrize("shape,dtype", REDUCTION_CASES)
@pytest.mark.parametrize("axis", (0, 1))
def test_reductions_along_each_axis(axis, shape, dtype, requires):
    requires(dtypes=_names(dtype))
    _check_reductions(axis, shape, dtype)


@pytest.mark.parametrize("num_warps", (1, 8))
@pytest.mark.parametrize("axis", (0, 1))
def test_reductions_with_one_or_eight_warps(axis, num_warps):
    _check_reductions(axis, SHAPES[0], "float32", num_warps)


@pytest.mark.parametrize("n", (1, 1000, 5000))
def test_reduction_to_scalar_per_program(n):
    x = rng.standard_normal(n).astype(np.float32)
    programs = pantile.cdiv(n, 512)
    out = np.zeros(2 * programs, np.float32)
    reduce_all[(programs,)](x, out, n, BLOCK=512)
    padded = np.concatenate([x, np.zeros(programs * 512 - n, np.float32)]).reshape(programs, 512)
    np.testing.assert_allclose(out[:programs], padded.sum(1), rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(out[programs:], [x[i * 512:(i + 1) * 512].max() for i in range(programs)])


@pytest.mark.parametrize("axis", (0, 1, 2))
def test_reduction_of_3d_block(axis):
    x = rng.integers(-9, 9, (4, 8, 16)).astype(np.int32)
    out = np.zeros(x.sum(axis).size, np.int32)
    reduce_3d[(1,)](x, out, A=4, B=8, C=16, AXIS=axis)
    np.testing.assert_array_equal(out.reshape(x.sum(axis).shape), x.sum(axis))


@pytest.mark.parametrize("shape,dtype", (((8, 16), "int32"), ((8, 16), "float64"), ((16, 128), "int32")))
@pytest.mark.parametrize("reverse", (False, True))
@pytest.mark.parametrize("axis", (0, 1))
def test_scans(axis, reverse, shape, dtype, requires):
    requires(dtypes=_names(dtype))
    m, n = shape
    x = rng.integers(1, 3, (m, n)).astype(dtype)
    out = np.zeros((3, m, n), dtype)
    scan_2d[(1,)](x, out, AXIS=axis, REVERSE=reverse, M=m, N=n)
    flip = (lambda a: np.flip(a, axis)) if reverse else (lambda a: a)
    np.testing.assert_array_equal(out[0], flip(np.cumsum(flip(x), axis, dtype=x.dtype)), err_msg="cumsum")
    np.testing.assert_array_equal(out[1], flip(np.cumprod(flip(x), axis, dtype=x.dtype)), err_msg="cumprod")
    np.testing.assert_array_equal(out[2], flip(np.cumsum(flip(x), axis, dtype=x.dtype)), err_msg="associative_scan")


@pytest.mark.parametrize("n", (16, 1024))
def test_scans_of_a_1d_block(n):
    x = rng.integers(-5, 5, n, endpoint=True).astype(np.int32)
    signs = rng.choice(np.array([-1, 1], np.int32), n)
    out = np.zeros((3, n), np.int32)
    scan_1d[(1,)](x, signs, out, N=n)
    np.testing.assert_array_equal(out[0], np.cumsum(x), err_msg="cumsum")
    np.testing.assert_array_equal(out[1], np.cumsum(x[::-1])[::-1], err_msg="reversed cumsum")
    np.testing.assert_array_equal(out[2], np.cumprod(signs), err_msg="cumprod")


def _rounded(x: np.ndarray, name: str) -> np.ndarray:
    fmt = {"bf16": "bf16", "fp16": "f16", "fp8e4nv": "f8e4m3", "fp8e5": "f8e5m2"}.get(name)
    return x if fmt is None else decode(encode(x.astype(np.float64), fmt), fmt).astype(np.float32)


def _assert_dot_within_accumulation_bound(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """c = a @ b within the conformance suite's bound for a K-term sum in f32, the inputs rounded as the
    target's dots take them (f32 inputs default to tf32 on tensor cores, as in Triton; the products of these
    inputs are exact in f32)."""
    rounded_to = pantile.launch_target(a, b).capabilities.f32_dot_inputs
    a64, b64 = (as_dot_inputs(x, rounded_to).astype(np.float64) for x in (a, b))
    mismatch = accumulation(a.shape[1] + 2, "f32").compare("f32", c, (a64 @ b64, np.abs(a64) @ np.abs(b64)))
    assert mismatch is None, str(mismatch)


# Ragged and tiny shapes for every input type; whole blocks (another specialisation) where fp8's slow compile allows.
DOT_CASES = [(mnk, t) for t in ("fp32", "fp16", "bf16", "fp8e4nv", "fp8e5") for mnk in ((37, 45, 70), (5, 3, 17))] + \
            [((64, 64, 64), t) for t in ("fp32", "fp16", "bf16")]


@pytest.mark.parametrize("mnk,inputs", DOT_CASES)
def test_dot_accumulates_in_f32(mnk, inputs, requires):
    ir_type = {"fp32": "f32", "fp16": "f16", "bf16": "bf16", "fp8e4nv": "f8e4m3", "fp8e5": "f8e5m2"}[inputs]
    requires(dtypes=[ir_type], dot=[ir_type])
    m, n, k = mnk
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((k, n)).astype(np.float32)
    c = np.zeros((m, n), np.float32)
    grid = (pantile.cdiv(m, 32), pantile.cdiv(n, 32))
    matmul[grid](a, b, c, m, n, k, k, 1, n, 1, n, 1, IN=inputs, BM=32, BN=32, BK=16)
    _assert_dot_within_accumulation_bound(c, _rounded(a, inputs), _rounded(b, inputs))


def test_dot_transposed_strides():
    m, n, k = 40, 24, 33
    a = rng.standard_normal((k, m)).astype(np.float32).T   # column-major view
    b = rng.standard_normal((k, n)).astype(np.float32)
    c = np.zeros((n, m), np.float32).T
    matmul[(2, 1)](a, b, c, m, n, k, a.strides[0] // 4, a.strides[1] // 4, n, 1, c.strides[0] // 4,
                   c.strides[1] // 4, IN="fp32", BM=32, BN=32, BK=16)
    _assert_dot_within_accumulation_bound(c, a, b)


@pytest.mark.parametrize("inputs,acc,mnk", (("int8", "int32", (16, 16, 32)), ("int8", "int32", (32, 16, 32)),
                                            ("float16", "float16", (64, 32, 16)), ("float64", "float64", (16, 64, 16))))
def test_dot_accumulates_in_the_output_type(inputs, acc, mnk, requires):
    requires(dtypes=_names(inputs, acc), dot=_names(inputs))
    m, n, k = mnk
    lo, hi = (-128, 127) if inputs == "int8" else (-3, 3)   # small integers: exact in every accumulator
    a = rng.integers(lo, hi, (m, k), endpoint=True).astype(inputs)
    b = rng.integers(lo, hi, (k, n), endpoint=True).astype(inputs)
    c = np.zeros((m, n), acc)
    typed_dot[(1,)](a, b, c, M=m, N=n, K=k)
    np.testing.assert_array_equal(c, (a.astype(np.int64) @ b.astype(np.int64)).astype(acc))


@pytest.mark.parametrize("n", (5000, 70000))
def test_atomics_under_contention(n, requires):
    requires(dtypes=["f32"], atomics=["add", "fadd", "max", "min", "xchg", "or"])
    counter, fcounter = np.zeros(1, np.int32), np.zeros(1, np.float32)
    mx, mn = np.full(1, -1, np.int32), np.full(1, 1 << 30, np.int32)
    xchg, bits, old = np.full(1, -1, np.int32), np.zeros(4, np.int32), np.zeros(n, np.int32)
    atomic_counters[(pantile.cdiv(n, 128),)](counter, fcounter, mx, mn, xchg, bits, old, n, BLOCK=128)
    assert counter[0] == n
    assert fcounter[0] == n * 0.5
    assert (mx[0], mn[0]) == (n - 1, 0)
    assert 0 <= xchg[0] < n
    np.testing.assert_array_equal(np.sort(old), np.arange(n))  # every old value seen exactly once
    want = np.zeros(4, np.int64)
    for i in range(n):
        want[i % 4] |= 1 << (i % 31)
    np.testing.assert_array_equal(bits, want.astype(np.int32))


ATOMIC_KINDS = {"int32": ["add", "max", "min", "or", "xor"], "uint32": ["add", "umax", "umin", "or", "xor"],
                "int64": ["add", "max", "min", "or", "xor"], "float32": ["fadd"]}


@pytest.mark.parametrize("dtype", sorted(ATOMIC_KINDS))
def test_atomics_into_bins_across_programs(dtype, requires):
    requires(dtypes=_names(dtype), atomics=ATOMIC_KINDS[dtype])
    n, bins = 3000, 7
    integer = dtype != "float32"
    x = rng.integers(0 if dtype.startswith("u") else -50, 50, n, endpoint=True).astype(dtype)  # integral: exact sums
    reduces = [np.add] + ([np.maximum, np.minimum, np.bitwise_or, np.bitwise_xor] if integer else [])
    starts = [0] + ([np.iinfo(dtype).min, np.iinfo(dtype).max, 0, 0] if integer else [])
    out = np.repeat(np.array(starts, dtype), bins)
    atomic_bins[(pantile.cdiv(n, 256),)](x, out, n, BINS=bins, INTEGER=integer, BLOCK=256)
    for k, (reduce, start) in enumerate(zip(reduces, starts)):
        want = [reduce.reduce(x[b::bins], initial=np.dtype(dtype).type(start)) for b in range(bins)]
        np.testing.assert_array_equal(out[k * bins:(k + 1) * bins], np.array(want, dtype), err_msg=reduce.__name__)


def test_bf16_atomics_into_bins_across_programs(requires):
    requires(dtypes=["bf16"], atomic_dtypes=["bf16"], atomics=["fadd", "max", "min"])
    n, bins = 1000, 8
    x = rng.integers(-2, 2, n, endpoint=True).astype(np.float32)   # every partial sum is exact in bf16
    bf16 = lambda v: (np.asarray(v, np.float32).view(np.uint32) >> 16).astype(np.uint16)      # noqa: E731
    out = bf16(np.repeat([0.0, -np.inf, np.inf], bins))
    old = np.zeros(n, np.uint16)
    bf16_atomic_bins[(pantile.cdiv(n, 128),)](pantile.reinterpret(bf16(x), tl.bfloat16),
                                             pantile.reinterpret(out, tl.bfloat16),
                                             pantile.reinterpret(old, tl.bfloat16), n, BINS=bins, BLOCK=128)
    values = (out.astype(np.uint32) << 16).view(np.float32).reshape(3, bins)
    by_bin = x.reshape(-1, bins)
    np.testing.assert_array_equal(values, [by_bin.sum(0), by_bin.max(0), by_bin.min(0)])
    olds = (old.astype(np.uint32) << 16).view(np.float32).reshape(-1, bins)
    for b in range(bins):    # each add read what the one before it left: 0, then each sum but the last
        assert Counter((olds[:, b] + by_bin[:, b]).tolist() + [0.0]) == Counter(olds[:, b].tolist() + [values[0, b]])


def test_atomic_cas_elects_one_program(requires):
    requires(atomics=["add", "xchg", "cas"])
    programs = 16
    lock = np.zeros(1, np.int32)
    count = np.zeros(1 + programs, np.int32)
    cas_election[(programs,)](lock, count)
    assert count[0] == programs
    winner = lock[0]
    assert 1 <= winner <= programs
    assert count[winner] == 0 and sorted(count[1:]) == [0] + [winner] * (programs - 1)


def test_scalar_atomic_runs_once_per_program_and_returns_its_ticket(requires):
    requires(atomics=["add"])
    counter, out = np.zeros(1, np.int32), np.full(300, -1, np.int32)
    ticket[(300,)](counter, out)
    assert counter[0] == 300
    np.testing.assert_array_equal(np.sort(out), np.arange(300))


def test_atomic_cas_spin_lock(requires):
    requires(atomics=["xchg", "cas"])
    counter, lock = np.zeros(1, np.int32), np.zeros(1, np.int32)
    cas_increment[(512,)](counter, lock, 20)   # enough programs to be spread over threads
    assert counter[0] == 512 * 20
    assert lock[0] == 0


@pytest.mark.parametrize("steps", (0, 1, 5, 8))
@pytest.mark.parametrize("n", (10, 300))
def test_control_flow(n, steps):
    x = rng.standard_normal(n).astype(np.float32)
    out = np.full(3 * n, -7.0, np.float32)
    control_flow[(pantile.cdiv(n, 128),)](x, out, n, steps, BLOCK=128)
    acc = np.zeros(n, np.float32)
    for i in range(steps):
        acc = acc + x * np.float32(i)
    total = sum(range(steps))
    np.testing.assert_array_equal(out[:n], acc - 1 if total > 10 else acc + 1)
    np.testing.assert_array_equal(out[n:2 * n], x * np.float32(0.5) ** len(range(0, steps, 2)))
    third = np.full(n, -7.0, np.float32)
    js = list(range(1, steps, 3))
    if js:
        third[::2] = x[::2] + js[-1]
    np.testing.assert_array_equal(out[2 * n:], third)


@pytest.mark.parametrize("n", (0, 1, 9, 10))
def test_negative_step_and_while_loops(n):
    out = np.zeros(33, np.int32)
    countdown[(1,)](out, n, BLOCK=16)
    acc, trips = np.zeros(16, np.int64), 0
    for i in range(n, 0, -2):
        acc, trips = acc * 2 + i + np.arange(16), trips + 1
    v = np.arange(16)
    while v.max() > 3:
        v = v // 2
    np.testing.assert_array_equal(out[:16], acc)
    np.testing.assert_array_equal(out[16:32], v)
    assert out[32] == trips


# trip counts of none (and a negative span), fewer than the factor, whole groups, and groups plus a remainder
@pytest.mark.parametrize("lo,hi", ((5, 5), (7, -3), (0, 2), (-4, 8), (1, 12)))
@pytest.mark.parametrize("step,unroll", ((1, 3), (2, 4), (3, 2)))
def test_loop_unroll_factor_keeps_every_trip_in_order(lo, hi, step, unroll):
    out = np.zeros(9, np.int32)
    unrolled_ranges[(1,)](out, lo, hi, BLOCK=8, STEP=step, UNROLL=unroll)
    acc = np.zeros(8, np.int64)
    for i in range(lo, hi, step):
        acc = (acc * 3 + i + np.arange(8)).astype(np.int32).astype(np.int64)
    np.testing.assert_array_equal(out[:8], acc)
    assert out[8] == len(range(lo, hi, step))


@pytest.mark.parametrize("negate", (True, False))
def test_branches_inside_loops(negate):
    block, programs, steps = 64, 4, 5
    x = rng.integers(-10, 10, programs * block, endpoint=True).astype(np.int32)
    out = np.zeros_like(x)
    branches_in_loops[(programs,)](x, out, steps, negate, BLOCK=block)
    want = x.reshape(programs, block).astype(np.int64)
    for i in range(steps):
        want = want * 2 if i % 2 == 0 else want - 1
    want = want + 100 * np.arange(programs)[:, None]
    if negate:
        want[2] = -want[2]
    np.testing.assert_array_equal(out, want.ravel())


def test_masked_loads_take_other_and_masked_stores_skip():
    x = np.arange(100, dtype=np.float32)
    out = np.full(128, -1, np.float32)
    masked_copy[(1,)](x, out, 70, 7.5, BLOCK=128)
    want = np.where(np.arange(128) < 70, np.arange(128, dtype=np.float32), 7.5)
    want[::3] = -1
    np.testing.assert_array_equal(out, want)


@pytest.mark.parametrize("n", (5, 1 << 20))
def test_scalar_arguments_and_large_grids(n):
    x = np.random.default_rng(0).standard_normal(n).astype(np.float32)
    out = np.zeros_like(x)
    scale_add[(pantile.cdiv(n, 128),)](x, out, n, 1.5, -2.25, False, BLOCK=128)
    np.testing.assert_array_equal(out, x * np.float32(1.5) + np.float32(-2.25))
    scale_add[(pantile.cdiv(n, 128),)](x, out, n, 3.0, 0.0, True, BLOCK=128)
    np.testing.assert_array_equal(out, x * np.float32(3.0) + 1)


def test_a_block_far_larger_than_its_threads(requires):
    """2^16 elements a program (a loop over register chunks on SIMT targets), the second program masked."""
    requires(dtypes=("i8",))
    block = 1 << 16
    n = 2 * block - 3
    x = rng.integers(-100, 100, n).astype(np.int8)
    y = rng.standard_normal(n).astype(np.float32)
    out = np.zeros(n, np.float32)
    widen_select[(2,)](x, y, out, n, BLOCK=block)
    np.testing.assert_array_equal(out, np.where(x > 0, x.astype(np.float32) * 2 + y, y - 1))


@pytest.mark.parametrize("op", ("sum", "max", "argmax"))
def test_a_reduction_of_a_block_far_larger_than_its_threads(op):
    """2^16 elements reduced to one (a loop of per-register accumulators on SIMT targets)."""
    block = 1 << 16
    n = block - 5
    x = rng.standard_normal(n).astype(np.float32)
    x[n // 3] = x[2 * n // 3] = 9.0       # argmax ties: the first index wins
    out = np.zeros(1, np.float32)
    reduce_1d[(1,)](x, out, n, OP=op, BLOCK=block)
    if op == "sum":   # f32 partial sums of 2^16 terms: an error of 2^-20 of the sum of magnitudes, whatever cancels
        exact = x.astype(np.float64) * 2
        np.testing.assert_allclose(out[0], exact.sum(), rtol=1e-5, atol=2.0 ** -20 * np.abs(exact).sum())
    else:
        assert out[0] == {"max": 18.0, "argmax": n // 3}[op]


def test_a_loop_over_tiles_far_larger_than_its_threads():
    """A loop whose body streams and sums 2^14 elements, the last tile masked."""
    block = 1 << 14
    n = 3 * block - 7
    x = rng.standard_normal(n).astype(np.float32)
    out = np.zeros(1, np.float32)
    tiled_sum[(1,)](x, out, n, BLOCK=block)
    np.testing.assert_allclose(out[0], x.astype(np.float64).sum(), rtol=1e-4, atol=1e-3)


def test_nested_scalar_loops():
    out = np.zeros((3, 7), np.int32)
    nested_loops[(1,)](out, A=3, B=7)
    np.testing.assert_array_equal(out, np.arange(3)[:, None] * 10 + np.arange(7)[None, :])


@pytest.mark.parametrize("m,n", ((4, 8), (16, 32)))
def test_shape_operations(m, n):
    x = rng.integers(0, 100, (m, n)).astype(np.int32)
    out = np.zeros((6, m * n), np.int32)
    shapes[(1,)](x, out, M=m, N=n)
    pairs = x.reshape(-1, 2)
    np.testing.assert_array_equal(out[0], x.T.reshape(-1))
    np.testing.assert_array_equal(out[1], np.concatenate([pairs[:, 0], pairs[:, 1]]))
    np.testing.assert_array_equal(out[2], np.stack([pairs[:, 0], pairs[:, 1] * 2], 1).reshape(-1))
    np.testing.assert_array_equal(out[3], (x - x.sum(1, keepdims=True)).reshape(-1))
    np.testing.assert_array_equal(out[4], np.concatenate([pairs[:, 1], pairs[:, 0]]))
    np.testing.assert_array_equal(out[5], np.outer(x.sum(1), x.sum(0)).reshape(-1))


def test_device_print(capfd, requires):
    requires(device_print=True)
    x = np.array([3, 1, 4], np.int32)
    printer[(2,)](x, 3, BLOCK=4)
    lines = capfd.readouterr().out.splitlines()
    # Triton's format (tests/simt/test_simt_print.py); each element of a block once, a scalar at least once
    assert sorted(line for line in lines if " x=: " in line) == [
        f"pid ({p}, 0, 0) idx ({i}) x=: {v}" for p in range(2) for i, v in enumerate((3, 1, 4, 0))]
    assert "pid (0, 0, 0) idx () pid=: 0" in lines and "pid (1, 0, 0) idx () pid=: 1" in lines


def test_device_assert_is_compiled_out_without_debug():
    """On every target, those where a failed assert is fatal included: the failing check is not there."""
    x = np.ones(1000, np.int32)
    x[777] = 0
    checked[(pantile.cdiv(1000, 128),)](x, 1000, BLOCK=128)


def test_device_assert_only_in_debug_builds(requires):
    requires(recoverable_assert=True)
    x = np.ones(1000, np.int32)
    x[777] = 0
    with pytest.raises(pantile.DeviceAssertionError) as err:
        checked[(pantile.cdiv(1000, 128),)](x, 1000, BLOCK=128, debug=True)
    text = str(err.value)
    assert re.search(r"execution_kernels\.py:\d+: device assertion failed: x must be positive", text), text
    assert re.search(r"\(program \(6, 0, 0\)(, element 9)?\)", text), text   # 777 = 6 * 128 + 9, where it is known
    checked[(pantile.cdiv(1000, 128),)](np.ones(1000, np.int32), 1000, BLOCK=128, debug=True)  # the process goes on


@pytest.mark.parametrize("dtype", ("float16", "int8", "float64"))
def test_volatile_loads(dtype, requires):
    requires(dtypes=_names(dtype))
    x = (np.arange(300) % 100).astype(dtype)
    out = np.zeros_like(x)
    volatile_copy[(3,)](x, out, 300, BLOCK=128)
    np.testing.assert_array_equal(out, x)


def test_noinline_calls():
    x = np.arange(8, dtype=np.float32)
    out = np.zeros(9, np.float32)
    calls_helper[(1,)](x, out, BLOCK=8)
    s = x.sum() * 2
    y = x + s
    t = y.sum() * 0.5
    np.testing.assert_array_equal(out[:8], y + t)
    assert out[8] == s + t


def test_unsupported_atomic_names_the_source_line(exec_target):
    from execution_kernels import fp8_atomic
    from pantile.targets.atomics import supported_atomic_types
    with pytest.raises(Exception, match=rf"execution_kernels\.py:\d+:\d+: error: atomic_add on f8e5m2 is not "
                                        rf"supported on the {re.escape(exec_target.arch)} target; "
                                        rf"use {re.escape(supported_atomic_types(exec_target.capabilities))}"):
        fp8_atomic[(1,)](np.zeros(1, np.float32), np.zeros(1, np.uint8))


@pytest.mark.parametrize("grid", ((1, 1, 1), (7,), (3, 4), (3, 4, 5), (1, 1, 300), (200, 2, 2)))
def test_grid_program_ids(grid):
    gx, gy, gz = tuple(grid) + (1,) * (3 - len(grid))
    out = np.full((gz, gy, gx, 6), -1, np.int32)
    grid_ids[grid](out)
    z, y, x = np.meshgrid(np.arange(gz), np.arange(gy), np.arange(gx), indexing="ij")
    want = np.stack([x, y, z, np.full_like(x, gx), np.full_like(x, gy), np.full_like(x, gz)], -1)
    np.testing.assert_array_equal(out, want)
