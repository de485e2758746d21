"""Triton's language surface of issue #16 on every target, against numpy: the fp8 formats float8e4b15,
float8e4b8 and float8e5b16 (and arrays of them through triton.reinterpret), tl.join of scalars and tl.split
into scalars, numbers in variables taking tensor attributes,
tl.inline_asm_elementwise (PTX where capabilities.inline_asm says so, a located refusal elsewhere),
tl.dot_scaled (MX formats e2m1/e4m3/e5m2 with e8m0 scales), tl.condition, tl.async_task, tl.tuple, tl.slice,
tl.void, tl.const, the batched (rank-3) tl.dot, >> of a signed integer by an unsigned one, and return inside
a runtime if."""
import math
import warnings

import numpy as np
import pytest

import pantile as triton
import pantile.language as tl
from compat_kernels import (batched_dot, copy_from_const, countdown, early_returns, fp8_codes, fp8_copy, join_scalars,
                            expect_zero_upper_half, mx_dot, numbers_and_scalar_halves, one_element_blocks,
                            ptx_elementwise, shift_right)
from pantile.conformance.formats import decode
from pantile.runtime.args import NUMPY_ELEMENT_NAMES

# Triton's definitions: exponent bits, mantissa bits, bias; "fn": no inf, NaN is 0x7F/0xFF;
# "fnuz": no inf, no -0, NaN is 0x80 alone.
FP8 = {"float8e4b15": (4, 3, 15, "fn"), "float8e4b8": (4, 3, 8, "fnuz"), "float8e5b16": (5, 2, 16, "fnuz")}


def _decode(code: int, e: int, m: int, bias: int, kind: str) -> float:
    if (kind == "fnuz" and code == 0x80) or (kind == "fn" and code & 0x7F == 0x7F):
        return math.nan
    sign = -1.0 if code & 0x80 else 1.0
    exp, man = (code >> m) & ((1 << e) - 1), code & ((1 << m) - 1)
    if exp == 0:
        return sign * math.ldexp(man / (1 << m), 1 - bias)
    return sign * math.ldexp(1 + man / (1 << m), exp - bias)


def _encode(v: float, table: np.ndarray, kind: str) -> int:
    """The code of v rounded to nearest (ties to an even code), saturating at the largest finite value."""
    if math.isnan(v):
        return 0x80 if kind == "fnuz" else 0x7F
    finite = [c for c in range(0x80) if not math.isnan(table[c])]
    mags = np.array([table[c] for c in finite])
    a = min(abs(v), mags.max())
    d = np.abs(mags - a)
    best = [finite[k] for k in np.flatnonzero(d == d.min())]
    code = min(best, key=lambda c: c & 1)
    negative = math.copysign(1.0, v) < 0
    return code | 0x80 if negative and not (kind == "fnuz" and code == 0) else code


@pytest.mark.parametrize("name", sorted(FP8))
def test_fp8_formats_convert_to_and_from_f32(name, requires):
    e, m, bias, kind = FP8[name]
    requires(dtypes=[{"float8e4b15": "f8e4b15", "float8e4b8": "f8e4b8", "float8e5b16": "f8e5b16"}[name]])
    table = np.array([_decode(c, e, m, bias, kind) for c in range(256)])
    finite = table[np.isfinite(table)]
    top = np.abs(finite).max()
    ties = (np.sort(finite)[1:] + np.sort(finite)[:-1]) / 2
    rng = np.random.default_rng(16)
    values = np.concatenate([ties, rng.uniform(-1.5 * top, 1.5 * top, 200),
                             [0.0, -0.0, np.inf, -np.inf, np.nan, top * 4, -top * 4, 1e-30, -1e-30]])
    values = values[:512].astype(np.float32)
    n = 512
    values = np.resize(values, n)
    codes = np.arange(n, dtype=np.uint16).astype(np.uint8)
    decoded, encoded = np.zeros(n, np.float32), np.zeros(n, np.uint8)
    fp8_codes[(1,)](codes, values, decoded, encoded, FMT=getattr(tl, name), N=n)
    np.testing.assert_array_equal(decoded, table[codes].astype(np.float32))
    expected = np.array([_encode(float(v), table, kind) for v in values], np.uint8)
    np.testing.assert_array_equal(encoded, expected)


def test_fp8_format_arrays_through_reinterpret():
    src = np.array([0x38, 0x40, 0xC8, 0x7F, 0x00, 0x01, 0x7E, 0x80] * 8, np.uint8)   # float8e4b8 codes
    dst = np.zeros(64, np.uint8)
    fp8_copy[(1,)](triton.reinterpret(src, tl.float8e4b8), triton.reinterpret(dst, tl.float8e5b16), N=64)
    e, m, bias, kind = FP8["float8e4b8"]
    values = [_decode(int(c), e, m, bias, kind) for c in src]
    table = np.array([_decode(c, *FP8["float8e5b16"]) for c in range(256)])
    np.testing.assert_array_equal(dst, [_encode(v, table, "fnuz") for v in values])


def test_join_of_two_scalars_is_a_block_of_two():
    out = np.zeros(2, np.int32)
    join_scalars[(1,)](np.array([41], np.int32), out)
    np.testing.assert_array_equal(out, [41, 42])


def test_inline_asm_elementwise_runs_ptx_or_is_refused_by_capability(exec_target):
    rng = np.random.default_rng(3)
    n = 256
    x, y = rng.integers(0, 2**32, n, dtype=np.uint32), rng.integers(0, 32, n, dtype=np.uint32)
    data = rng.integers(0, 256, n, dtype=np.uint8)
    rot, total, diff, bytes_ = np.zeros(n, np.uint32), np.zeros(n, np.uint32), np.zeros(n, np.uint32), data.copy()
    floats = rng.standard_normal(n).astype(np.float32)
    f = floats.copy()
    if exec_target.capabilities.inline_asm != "ptx":
        with pytest.raises(triton.CompilationError) as err:
            ptx_elementwise[(1,)](x, y, rot, total, diff, bytes_, f, N=n)
        assert (f"error: inline_asm_elementwise is not supported on the {exec_target.arch} target "
                "(capabilities.inline_asm is empty): inline assembly is written for one instruction set; write it "
                "with tl operations, or run it on a target whose capabilities.inline_asm names its assembly"
                ) in str(err.value)
        assert "compat_kernels.py" in str(err.value)
        return
    ptx_elementwise[(1,)](x, y, rot, total, diff, bytes_, f, N=n)
    wide = x.astype(np.uint64)
    np.testing.assert_array_equal(rot, ((wide << y) | (wide >> (32 - y))).astype(np.uint32))
    np.testing.assert_array_equal(total, x + y)
    np.testing.assert_array_equal(diff, x - y)
    np.testing.assert_array_equal(bytes_, data & 0x0F)
    np.testing.assert_array_equal(f, -floats)


E2M1 = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0])


def _mx_values(codes: np.ndarray, fmt: str) -> np.ndarray:
    """float64 values of an operand's codes (e2m1: two per byte along the last axis, low nibble first)."""
    if fmt == "e2m1":
        nibbles = np.stack([codes & 15, codes >> 4], axis=-1).reshape(*codes.shape[:-1], -1)
        return np.where(nibbles & 8, -1.0, 1.0) * E2M1[nibbles & 7]
    return decode({"e4m3": "f8e4m3", "e5m2": "f8e5m2", "bf16": "bf16", "fp16": "f16"}[fmt], codes)


def _round(values: np.ndarray, fmt: str) -> np.ndarray:
    """values (exact in f32) rounded to bf16, or to fp16 for fmt "fp16", as float64."""
    if fmt == "fp16":
        return values.astype(np.float16).astype(np.float64)
    bits = values.astype(np.float32).view(np.uint32)
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return bits.view(np.float32).astype(np.float64)


# typed: fp8 operands passed as tl.float8e4nv / tl.float8e5 arrays rather than uint8 codes (Triton takes both);
# nvfp4: e2m1 operands with an e4m3 scale per 16 elements (NVIDIA's format, tutorial 10's default).
@pytest.mark.parametrize("a_fmt, b_fmt, a_scaled, b_scaled, kind", [
    ("e2m1", "bf16", True, False, "mx"), ("e4m3", "e5m2", True, True, "mx"), ("fp16", "e2m1", False, True, "mx"),
    ("e5m2", "e4m3", False, True, "mx"), ("e4m3", "e4m3", True, True, "typed"), ("e2m1", "e2m1", True, True, "nvfp4")])
def test_dot_scaled_against_the_mx_definition(a_fmt, b_fmt, a_scaled, b_scaled, kind, requires):
    fp8 = {"mx": [], "typed": ["f8e4m3", "f8e5m2"], "nvfp4": ["f8e4m3"]}[kind]
    requires(dtypes=["u8", "bf16", "f16", *fp8], dot=["f16" if "fp16" in (a_fmt, b_fmt) else "bf16"])
    m, n, k = 16, 16, 64
    rng = np.random.default_rng(7)

    def operand(fmt: str, rows: int, cols: int) -> np.ndarray:
        if fmt == "bf16":
            bits = _round(rng.standard_normal((rows, cols)), "bf16").astype(np.float32).view(np.uint32)
            return (bits >> 16).astype(np.uint16)
        if fmt == "fp16":
            return rng.standard_normal((rows, cols)).astype(np.float16)
        codes = rng.integers(0, 256, (rows, cols), dtype=np.uint8)
        if fmt in ("e4m3", "e5m2"):      # no NaN or inf codes: the definition leaves their products to NaN rules
            special = 0x7F if fmt == "e4m3" else 0x7C
            codes = np.where((codes & special) == special, codes & 0xF0, codes).astype(np.uint8)
        return codes

    a = operand(a_fmt, m, k // 2 if a_fmt == "e2m1" else k)
    b_rows = operand(b_fmt, n, k // 2 if b_fmt == "e2m1" else k)      # generated [N, K] so e2m1 packs along K
    b = np.ascontiguousarray(b_rows.T)
    group = 16 if kind == "nvfp4" else 32
    if kind == "nvfp4":      # positive normal e4m3 scales between 2**-3 and 2**3
        a_scale, b_scale = (rng.integers(0x20, 0x50, (rows, k // 16), dtype=np.uint8) for rows in (m, n))
        factor = lambda s: np.repeat(decode("f8e4m3", s), 16, axis=1)      # noqa: E731
        scales = (triton.reinterpret(a_scale, tl.float8e4nv), triton.reinterpret(b_scale, tl.float8e4nv))
    else:
        a_scale, b_scale = (rng.integers(118, 136, (rows, k // 32), dtype=np.uint8) for rows in (m, n))
        factor = lambda s: np.exp2(np.repeat(s, 32, axis=1).astype(np.float64) - 127)      # noqa: E731
        scales = (a_scale, b_scale)
    out = np.zeros((m, n), np.float32)
    wrap = {"bf16": lambda x: triton.reinterpret(x, tl.bfloat16)}
    if kind == "typed":
        wrap = {"e4m3": lambda x: triton.reinterpret(x, tl.float8e4nv),
                "e5m2": lambda x: triton.reinterpret(x, tl.float8e5)}
    mx_dot[(1,)](wrap.get(a_fmt, lambda x: x)(a), scales[0], wrap.get(b_fmt, lambda x: x)(b), scales[1], out,
                 M=m, N=n, K=k, A_FMT=a_fmt, B_FMT=b_fmt, A_SCALED=a_scaled, B_SCALED=b_scaled, GROUP=group)
    compute = "fp16" if "fp16" in (a_fmt, b_fmt) else "bf16"
    va = _mx_values(a, a_fmt) * (factor(a_scale) if a_scaled else 1)
    vb = _mx_values(b_rows, b_fmt) * (factor(b_scale) if b_scaled else 1)
    expected = _round(va, compute) @ _round(vb, compute).T
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5 * np.abs(expected).max())


def test_dot_scaled_e8m0_zero_is_two_to_the_minus_127(requires):
    # The OCP MX definition: e8m0 byte s is 2**(s - 127) for every s but 255, so 0 is 2**-127, not 0.
    requires(dtypes=["u8", "bf16"], dot=["bf16"])
    m = n = 16
    k = 64
    ones = np.full((m, k), 0x38, np.uint8)                      # e4m3 1.0
    out = np.zeros((m, n), np.float32)
    mx_dot[(1,)](ones, np.zeros((m, k // 32), np.uint8), np.ascontiguousarray(ones.T),
                 np.full((n, k // 32), 136, np.uint8), out, M=m, N=n, K=k, A_FMT="e4m3", B_FMT="e4m3",
                 A_SCALED=True, B_SCALED=True)
    np.testing.assert_array_equal(out, np.full((m, n), k * 2.0 ** -127 * 2.0 ** 9, np.float32))


def test_condition_async_task_tuple_and_slice():
    out = np.zeros(2, np.int32)
    countdown[(1,)](np.array([100], np.int32), out)
    np.testing.assert_array_equal(out, [6, 100])
    assert tl.void.name == "void" and tl.void != tl.int32 and tl.tuple is tuple and tl.slice is slice


def test_split_into_scalars_and_numbers_with_tensor_attributes():
    out = np.zeros(4, np.int32)
    numbers_and_scalar_halves[(1,)](np.array([3, 4], np.int32), out)
    np.testing.assert_array_equal(out, [15] * 4)


@pytest.mark.parametrize("x, want", [(4.0, [8.0, 5.0, 1.0]), (-3.0, [-6.0, -2.0, -1.0])])
def test_item_and_if_take_the_only_element_of_a_one_element_block(x, want):
    out = np.zeros(3, np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # the if on a block warns when it compiles (tests/frontend checks the text)
        one_element_blocks[(1,)](np.array([x], np.float32), out)
    np.testing.assert_array_equal(out, want)


def test_const_pointers_are_read_only():
    src, dst = np.arange(8, dtype=np.float32), np.zeros(8, np.float32)
    copy_from_const[(1,)](src, dst, N=8, WRITE_SRC=False)
    np.testing.assert_array_equal(dst, src)
    with pytest.raises(triton.CompilationError) as err:
        copy_from_const[(1,)](src, dst, N=8, WRITE_SRC=True)
    assert err.value.error_message == ("Cannot store to a constant pointer: tl.store writes through a pointer made "
                                       "from a tl.const argument")
    assert "compat_kernels.py" in str(err.value)


# (B, M, N, K, BM, BN, inputs, out_dtype or the accumulator's dtype, num_warps, with an accumulator)
BATCHED_DOTS = [(2, 16, 16, 16, 16, 16, "float32", "float32", 4, False),
                (4, 32, 16, 8, 16, 16, "float16", "float32", 1, False),
                (8, 16, 32, 16, 16, 16, "float16", "float16", 4, False),
                (2, 32, 32, 32, 16, 32, "int8", "int32", 2, False),
                (4, 16, 8, 16, 16, 8, "float32", "float32", 8, True),
                (2, 32, 16, 64, 32, 16, "float16", "float32", 4, True)]


@pytest.mark.parametrize("b, m, n, k, bm, bn, dtype, out, warps, with_acc", BATCHED_DOTS)
def test_batched_dot_is_one_matmul_per_batch(b, m, n, k, bm, bn, dtype, out, warps, with_acc, requires):
    short = {"float32": "f32", "float16": "f16", "int8": "i8", "int32": "i32"}
    requires(dtypes=[short[dtype], short[out]], dot=[short[dtype]])
    rng = np.random.default_rng(3)
    # small integers: every product and sum is exact in each dtype, so the result must equal numpy's exactly
    x = rng.integers(-3, 4, (b, m, k)).astype(dtype)
    y = rng.integers(-3, 4, (b, k, n)).astype(dtype)
    acc = rng.integers(-50, 50, (b, m, n)).astype(out)
    got = np.zeros((b, m, n), out)
    batched_dot[(m // bm, n // bn)](x, y, acc, got, B=b, M=m, N=n, K=k, BM=bm, BN=bn, OUT=getattr(tl, out),
                                    WITH_ACC=with_acc, num_warps=warps)
    expected = np.matmul(x.astype(np.int64), y.astype(np.int64)) + (acc if with_acc else 0)
    np.testing.assert_array_equal(got, expected.astype(out))


INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def _promoted(a: np.dtype, b: np.dtype) -> np.dtype:
    """Triton's integer promotion (C's usual conversions): the wider type; at equal width the unsigned one."""
    if a.itemsize != b.itemsize:
        return a if a.itemsize > b.itemsize else b
    return a if a.kind == "u" else b


@pytest.mark.parametrize("xt", INTS)
@pytest.mark.parametrize("yt", ("uint8", "uint64", "int8", "int32"))
def test_shift_right_is_arithmetic_when_the_left_operand_is_signed(xt, yt, requires):
    """Triton shifts right arithmetically when the left operand is signed, logically when it is unsigned, in the
    promoted type: int8 >> uint8 is a uint8 with the sign bits shifted in."""
    requires(dtypes=[NUMPY_ELEMENT_NAMES[xt], NUMPY_ELEMENT_NAMES[yt]])
    x, y = np.dtype(xt), np.dtype(yt)
    out_t = _promoted(x, y)
    n = 64
    rng = np.random.default_rng(16)
    xs = rng.integers(np.iinfo(x).min, np.iinfo(x).max, n, dtype=x, endpoint=True)
    ys = rng.integers(0, 8 * out_t.itemsize, n).astype(y)
    out = np.zeros(n, out_t)
    shift_right[(1,)](xs, ys, out, N=n)
    work = np.dtype(f"{'int' if x.kind == 'i' else 'uint'}{8 * out_t.itemsize}")
    np.testing.assert_array_equal(out.view(work), xs.astype(work) >> ys.astype(work))


def test_return_inside_runtime_ifs_skips_the_rest_of_the_kernel():
    x = np.array([3, -2, 0, 5, -7, 0, 1, 4], np.int32)
    n = 6                                      # programs 6 and 7 return at once
    out = np.full(8, -9, np.int32)
    count = np.array([0, -1, np.count_nonzero(x[:n])], np.int32)
    early_returns[(8,)](x, out, count, n, TOTAL=8)
    expected = np.where((np.arange(8) < n) & (x != 0), np.sign(x), -9)
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(count, [4, 4, 4])  # four programs counted; the fourth wrote the total
    out[:] = -9
    early_returns[(2,)](x, out, count, n, TOTAL=1)
    np.testing.assert_array_equal(out, [7, 7] + [-9] * 6)


def test_expect_zero_returns_its_value_and_checks_it_in_debug_builds(requires):
    x = np.concatenate([np.arange(1, 9), np.zeros(8)]).astype(np.float32)
    x[12] = 1e-30
    out = np.zeros(16, np.float32)
    expect_zero_upper_half[(1,)](x, out, N=16)          # compiled out without debug
    np.testing.assert_array_equal(out, x)
    requires(device_assert=True)
    x[12] = 0
    expect_zero_upper_half[(1,)](x, out, N=16, debug=True)
    np.testing.assert_array_equal(out, x)
    x[12] = 1e-30
    requires(recoverable_assert=True)
    with pytest.raises(triton.DeviceAssertionError) as err:
        expect_zero_upper_half[(1,)](x, out, N=16, debug=True)
    assert "device assertion failed: expect_zero expected x == 0 where mask is true" in str(err.value)
