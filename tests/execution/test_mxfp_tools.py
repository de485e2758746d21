"""pantile.tools.mxfp (triton.tools.mxfp) against a numpy reference of the OCP MX format: E2M1 codes (sign,
two exponent bits of bias 1, one mantissa bit), E8M0 scales (2**(e-127), 255 NaN), 32-element blocks; and
its packed data and scales fed to tl.dot_scaled."""
from fractions import Fraction

import numpy as np
import pytest

from compat_kernels import mx_dot
from pantile.tools.mxfp import MXFP4Tensor, MXScaleTensor, block_scales, fp8e8m0_to_float32


def e2m1_value(code: int) -> float:
    """The MX definition of an E2M1 code's value."""
    sign = -1.0 if code & 8 else 1.0
    exponent, mantissa = (code >> 1) & 3, code & 1
    if exponent == 0:
        return sign * mantissa * 0.5
    return sign * 2.0 ** (exponent - 1) * (1 + mantissa / 2)


def e2m1_round(x: float) -> int:
    """The code nearest x (ties to an even mantissa), saturating at 6, with x's sign."""
    codes = range(8)
    magnitude = min(Fraction(abs(x)), Fraction(6))
    best = min(codes, key=lambda c: (abs(Fraction(e2m1_value(c)) - magnitude), c & 1))
    return best | (8 if np.signbit(x) else 0)


def test_every_e2m1_code_decodes_to_the_mx_value_and_encodes_back():
    codes = np.arange(16, dtype=np.uint8)
    t = MXFP4Tensor(size=16)
    t.data = codes
    values = t.to(np.float32)
    np.testing.assert_array_equal(values, [e2m1_value(c) for c in codes])
    np.testing.assert_array_equal(MXFP4Tensor(values).data, codes)      # -0.0 keeps its sign bit


def test_floats_round_to_nearest_e2m1_ties_to_even_and_saturate():
    rng = np.random.default_rng(3)
    halfway = [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0]
    x = np.concatenate([rng.standard_normal(500) * 3, halfway, np.negative(halfway), [7.5, -100.0, 1e-3]])
    x = x.astype(np.float32)
    np.testing.assert_array_equal(MXFP4Tensor(x).data, [e2m1_round(float(v)) for v in x])
    special = MXFP4Tensor(np.array([np.inf, -np.inf, np.nan], np.float32)).data
    np.testing.assert_array_equal(special & 7, [7, 7, 7])                # +-6, as Triton's
    np.testing.assert_array_equal(special[:2] >> 3, [0, 1])


@pytest.mark.parametrize("shape, dim", [((4, 6), 1), ((5, 3), 0), ((2, 7), 1), ((3, 2, 5), 2)])
def test_packing_puts_even_elements_in_the_low_nibble(shape, dim):
    rng = np.random.default_rng(sum(shape))
    t = MXFP4Tensor(size=shape).random()
    t.data = rng.integers(0, 16, shape, dtype=np.uint8)
    packed = t.to_packed_tensor(dim)
    padded = np.concatenate([t.data, np.zeros_like(np.take(t.data, [0], axis=dim))], axis=dim) \
        if shape[dim] % 2 else t.data
    low = np.take(padded, range(0, padded.shape[dim], 2), axis=dim)
    high = np.take(padded, range(1, padded.shape[dim], 2), axis=dim)
    np.testing.assert_array_equal(packed, low + 16 * high)
    np.testing.assert_array_equal(t.unpack_packed_tensor(packed, dim, shape), t.data)


def test_random_codes_cover_every_code():
    np.random.seed(11)
    data = MXFP4Tensor(size=(64, 64)).random().data
    assert data.dtype == np.uint8 and set(np.unique(data)) == set(range(16))


def test_e8m0_scales_from_floats_and_back():
    x = np.array([1.0, 1.5, 0.75, 2.0 ** 127, 2.0 ** -127, 2.0 ** -130, np.float32(8) - np.float32(2 ** -21), 3e38,
                  0.0, -1.0, np.nan, np.inf], np.float32)
    expected = [127, 127, 126, 254, 0, 0, 129, 254, 255, 255, 255, 255]
    scales = MXScaleTensor(x)
    np.testing.assert_array_equal(scales.data, expected)
    values = scales.to(np.float32)
    np.testing.assert_array_equal(values[:8], [2.0 ** (e - 127) for e in expected[:8]])
    assert np.isnan(values[8:]).all()
    assert fp8e8m0_to_float32(np.array([0], np.uint8))[0] == np.float32(2.0 ** -127)      # not zero


def test_random_scales_stay_between_low_and_high():
    np.random.seed(5)
    values = MXScaleTensor(size=(1000,)).random(low=0.25, high=16).to(np.float32)
    assert values.min() == 0.25 and values.max() == 16
    with pytest.raises(ValueError, match="Low must be less than or equal to high"):
        MXScaleTensor(size=4).random(low=8, high=1)


def test_block_scales_fit_each_block_of_32_into_e2m1():
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((4, 96)) * np.exp2(rng.integers(-8, 8, (4, 1)))).astype(np.float32)
    x[1, :32] = 0
    scales = block_scales(x)
    amax = np.abs(x.reshape(4, 3, 32)).max(axis=-1)
    expected = np.where(amax > 0, np.floor(np.log2(np.where(amax > 0, amax, 1))) - 2 + 127, 0)
    np.testing.assert_array_equal(scales, expected)
    scaled = x / np.repeat(fp8e8m0_to_float32(scales), 32, axis=1)
    assert np.abs(scaled).max() < 8      # within E2M1's range after rounding (6 at most, from below 8)


def test_quantized_operands_through_dot_scaled(requires):
    requires(dtypes=["u8", "bf16"], dot=["bf16"])
    m, n, k = 16, 16, 64
    rng = np.random.default_rng(9)
    a, b = rng.standard_normal((m, k)).astype(np.float32), rng.standard_normal((n, k)).astype(np.float32)
    a_scale, b_scale = block_scales(a), block_scales(b)
    a_codes = MXFP4Tensor(a / np.repeat(fp8e8m0_to_float32(a_scale), 32, axis=1))
    b_codes = MXFP4Tensor(b / np.repeat(fp8e8m0_to_float32(b_scale), 32, axis=1))
    out = np.zeros((m, n), np.float32)
    mx_dot[(1,)](a_codes.to_packed_tensor(1), a_scale, np.ascontiguousarray(b_codes.to_packed_tensor(1).T), b_scale,
                 out, M=m, N=n, K=k, A_FMT="e2m1", B_FMT="e2m1", A_SCALED=True, B_SCALED=True)
    dequant = lambda t, s: t.to(np.float32).astype(np.float64) * np.exp2(np.repeat(s, 32, axis=1) - 127.0)  # noqa
    expected = dequant(a_codes, a_scale) @ dequant(b_codes, b_scale).T
    np.testing.assert_allclose(out, expected, rtol=1e-6, atol=1e-6 * np.abs(expected).max())
