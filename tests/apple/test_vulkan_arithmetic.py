"""apple:spirv arithmetic that naga and LLVM's Vulkan back end would get wrong without the target's rewrites:
unordered float comparisons (naga reads each as ordered), and f64 math from arithmetic (128-bit products,
funnel shifts, leading-zero counts, copysign and the 2/pi table, none of which Vulkan SPIR-V has as such)."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.apple.device import NOMINAL_ADAPTER, capabilities_of
from pantile.targets.registry import get_target

TARGET = "apple:spirv"


@pantile.jit
def comparisons(a, b, out, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    m = offs < n
    x = tl.load(a + offs, mask=m)
    y = tl.load(b + offs, mask=m)
    tl.store(out + offs, (x != y).to(tl.int32), mask=m)
    tl.store(out + n + offs, (x == y).to(tl.int32), mask=m)
    tl.store(out + 2 * n + offs, (x < y).to(tl.int32), mask=m)
    tl.store(out + 3 * n + offs, (x >= y).to(tl.int32), mask=m)
    tl.store(out + 4 * n + offs, (x != x).to(tl.int32), mask=m)


def test_comparisons_with_nan_follow_ieee(device: None) -> None:
    """NaN is unequal to everything, itself included, and neither less nor greater."""
    a = np.array([1.0, np.nan, np.nan, np.inf, -0.0, 2.0], np.float32)
    b = np.array([1.0, 1.0, np.nan, np.inf, 0.0, np.nan], np.float32)
    n = len(a)
    out = np.zeros(5 * n, np.int32)
    with pantile.target(TARGET):
        comparisons[(1,)](a, b, out, n, BLOCK=8)
    with np.errstate(invalid="ignore"):
        want = [a != b, a == b, a < b, a >= b, a != a]
    np.testing.assert_array_equal(out.reshape(5, n), np.array(want, np.int32))


@pantile.jit
def f64_math(x, out, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = offs < n
    v = tl.load(x + offs, mask=m)
    tl.store(out + offs, tl.sin(v), mask=m)
    tl.store(out + n + offs, tl.cos(v), mask=m)
    tl.store(out + 2 * n + offs, tl.erf(v), mask=m)
    tl.store(out + 3 * n + offs, tl.exp(v), mask=m)


def test_f64_math_from_arithmetic(device: None) -> None:
    """sin and cos of huge arguments need the Payne-Hanek table and 128-bit products; erf uses copysign."""
    if "f64" not in get_target(TARGET).capabilities.dtypes:
        pytest.skip("the adapter has no shader-f64")
    x = np.concatenate([np.linspace(-20.0, 20.0, 200), [1e10, -3e22, 1e300, 0.5, 1e-300, 0.0]])
    n = len(x)
    out = np.zeros(4 * n, np.float64)
    with pantile.target(TARGET):
        f64_math[((n + 127) // 128,)](x, out, n, BLOCK=128)
    got = out.reshape(4, n)
    np.testing.assert_allclose(got[0], np.sin(x), rtol=4e-16, atol=1e-300)
    np.testing.assert_allclose(got[1], np.cos(x), rtol=4e-16, atol=1e-300)
    np.testing.assert_allclose(got[2], [math.erf(v) for v in x], rtol=2e-15, atol=1e-300)
    with np.errstate(over="ignore"):
        np.testing.assert_allclose(got[3], np.exp(x), rtol=4e-16)


@pantile.jit
def wide_comparisons(a, out, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    m = offs < n
    x = tl.load(a + offs, mask=m).to(tl.int64)     # sign-extended, then compared with constants
    tl.store(out + offs, (x >= 3).to(tl.int32), mask=m)
    tl.store(out + n + offs, (x < -2).to(tl.int32), mask=m)
    tl.store(out + 2 * n + offs, (3 <= x).to(tl.int32), mask=m)
    tl.store(out + 3 * n + offs, (x > -(2 ** 40)).to(tl.int32), mask=m)
    tl.store(out + 4 * n + offs, tl.maximum(x, 1).to(tl.int32), mask=m)


def test_signed_64_bit_comparisons_of_sign_extended_values(device: None) -> None:
    """lavapipe evaluates `i64(s) >= 3` as true for every i32 s (legalize.wide_signed_compare): the comparisons
    reach it unsigned, with the top bits flipped."""
    if "i64" not in get_target(TARGET).capabilities.dtypes:
        pytest.skip("the adapter has no shader-int64")
    a = np.array([-2 ** 31, -5, -2, -1, 0, 2, 3, 7, 2 ** 31 - 1], np.int32)
    n = len(a)
    out = np.zeros(5 * n, np.int32)
    with pantile.target(TARGET):
        wide_comparisons[(1,)](a, out, n, BLOCK=16)
    x = a.astype(np.int64)
    want = [x >= 3, x < -2, 3 <= x, x > -(2 ** 40), np.maximum(x, 1)]
    np.testing.assert_array_equal(out.reshape(5, n), np.array(want).astype(np.int32))


@pantile.jit
def remainders(a, b, out, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    m = offs < n
    tl.store(out + offs, tl.load(a + offs, mask=m) % tl.load(b + offs, mask=m), mask=m)


@pytest.mark.parametrize("dtype", ["i8", "i32", "i64"])
def test_signed_remainders_reach_the_driver_as_unsigned_ones(dtype: str) -> None:
    """NVIDIA's Vulkan driver gave `x % y` of negative operands as the remainder of their unsigned bits
    (legalize.signed_remainder): the module holds OpUMod of the magnitudes, no OpSRem or OpSMod."""
    artifact = pantile.compile(remainders, {"a": f"*{dtype}", "b": f"*{dtype}", "out": f"*{dtype}", "n": "i32"},
                               {"BLOCK": 64}, target=TARGET)
    assert "OpUMod" in artifact.asm["spirv"]
    assert "OpSRem" not in artifact.asm["spirv"] and "OpSMod" not in artifact.asm["spirv"]


def test_signed_remainders_truncate_like_c(device: None) -> None:
    a = np.array([7, -7, 7, -7, 0, 9, -9, 1, -2 ** 31, -2 ** 31, 2 ** 31 - 1, -5], np.int32)
    b = np.array([2, 2, -2, -2, 3, 4, 4, -1, 3, 2 ** 31 - 1, -2 ** 31, -2 ** 31], np.int32)
    out = np.zeros_like(a)
    with pantile.target(TARGET):
        remainders[(1,)](a, b, out, len(a), BLOCK=16)
    np.testing.assert_array_equal(out, np.fmod(a, b))


def test_an_adapter_whose_sqrt_is_not_correctly_rounded_has_no_sqrt_rn() -> None:
    """The probe's sqrt against numpy's (NVIDIA's Vulkan sqrt was 0.86 ulp off at 4.6375025e-23)."""
    assert {"sqrt_rn:f32", "sqrt_rn:f64"} <= capabilities_of(replace(NOMINAL_ADAPTER, rounded_sqrt=False)) \
        .unsupported_math
    assert not {"sqrt_rn:f32", "sqrt_rn:f64"} & capabilities_of(NOMINAL_ADAPTER).unsupported_math
