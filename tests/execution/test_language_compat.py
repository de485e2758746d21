"""Triton's language surface of issue #16 on every target, against numpy: the fp8 formats float8e4b15,
float8e4b8 and float8e5b16 (and arrays of them through triton.reinterpret), tl.join of scalars,
tl.inline_asm_elementwise (PTX where capabilities.inline_asm says so, a located refusal elsewhere)."""
import math

import numpy as np
import pytest

import pantile as triton
import pantile.language as tl
from compat_kernels import fp8_codes, fp8_copy, join_scalars, ptx_elementwise

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
    if exec_target.capabilities.inline_asm != "ptx":
        with pytest.raises(triton.CompilationError) as err:
            ptx_elementwise[(1,)](x, y, rot, total, diff, bytes_, N=n)
        assert (f"error: inline_asm_elementwise is not supported on the {exec_target.arch} target "
                "(capabilities.inline_asm is empty): inline assembly is written for one instruction set; write it "
                "with tl operations, or run it on a target whose capabilities.inline_asm names its assembly"
                ) in str(err.value)
        assert "compat_kernels.py" in str(err.value)
        return
    ptx_elementwise[(1,)](x, y, rot, total, diff, bytes_, N=n)
    wide = x.astype(np.uint64)
    np.testing.assert_array_equal(rot, ((wide << y) | (wide >> (32 - y))).astype(np.uint32))
    np.testing.assert_array_equal(total, x + y)
    np.testing.assert_array_equal(diff, x - y)
    np.testing.assert_array_equal(bytes_, data & 0x0F)
