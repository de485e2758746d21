"""ULP distances, float formats and tolerances of the conformance suite, against hand-computed values."""
import numpy as np
import pytest

from pantile.conformance.formats import as_dot_inputs, decode, encode, ulp_of
from pantile.conformance.tolerance import accumulation, exact, math_ulp, ulp
from pantile.conformance.ulp import ulp_distance, ulp_error

F32_MAX = float(np.finfo(np.float32).max)
ONE_UP = float(np.nextafter(np.float32(1), np.float32(2)))


def test_ulp_distance_counts_representable_numbers():
    got = np.array([1.0, ONE_UP, -ONE_UP, 1.0])
    want = np.array([ONE_UP, 1.0, 1.0, 1.0])
    assert ulp_distance("f32", got, want).tolist() == [1.0, 1.0, 2 * 0x3F800000 + 1, 0.0]


def test_ulp_distance_special_values():
    got = np.array([np.nan, np.nan, 1.0, -0.0, np.inf, F32_MAX, -np.inf])
    want = np.array([np.nan, 1.0, np.nan, 0.0, np.inf, np.inf, np.inf])
    assert ulp_distance("f32", got, want).tolist() == [0.0, np.inf, np.inf, 0.0, 0.0, 1.0, 2 * 0x7F800000]


def test_ulp_distance_crosses_zero_through_denormals():
    tiny = 2.0 ** -149
    assert ulp_distance("f32", np.array([-tiny]), np.array([tiny])).tolist() == [2.0]
    assert ulp_distance("f16", np.array([2.0 ** -24]), np.array([2.0 ** -14])).tolist() == [1023.0]


def test_ulp_error_against_exact_values():
    exact_values = np.array([1.0 + 2.0 ** -24, 1e-46, 1e300, 3.0, 2.0 ** -149])
    got = np.array([1.0, 0.0, np.inf, 3.0 + 2.0 ** -22 * 3, 0.0])
    assert ulp_error("f32", got, exact_values).tolist() == [0.5, 1e-46 / 2.0 ** -149, 0.0, 3.0, 1.0]


def test_ulp_error_overflow_threshold_and_nan():
    # beyond MAX + half an ULP the exact value rounds to inf: inf is then exact, MAX is 1 ULP off
    past = F32_MAX + 2.0 ** 103
    got = np.array([np.inf, F32_MAX, np.nan, 1.0, -np.inf])
    want = np.array([past, past, np.nan, np.nan, -np.inf])
    assert ulp_error("f32", got, want).tolist() == [0.0, 1.0, 0.0, np.inf, 0.0]


def test_ulp_error_float64_infinities():
    assert ulp_error("f64", np.array([np.inf, 1.0, np.inf]), np.array([np.inf, 1.0 + 2.0 ** -52, 1.0])).tolist() == \
        [0.0, 1.0, np.inf]


def test_ulp_of_spacing_including_subnormals():
    assert ulp_of("f32", np.array([1.0, 0.0, 2.0 ** -140, F32_MAX])).tolist() == \
        [2.0 ** -23, 2.0 ** -149, 2.0 ** -149, 2.0 ** 104]
    assert ulp_of("bf16", np.array([1.0])).tolist() == [2.0 ** -7]


@pytest.mark.parametrize("name,value,bits", [
    ("bf16", 1.0, 0x3F80), ("bf16", -2.0, 0xC000), ("bf16", np.inf, 0x7F80), ("bf16", 1.0 + 2.0 ** -8, 0x3F80),
    ("bf16", 1.0 + 3 * 2.0 ** -8, 0x3F82), ("f8e4m3", 448.0, 0x7E), ("f8e4m3", 1000.0, 0x7E),
    ("f8e4m3", -1.0, 0xB8), ("f8e4m3", 2.0 ** -9, 0x01), ("f8e5m2", 57344.0, 0x7B), ("f8e5m2", 61440.0, 0x7C),
    ("f8e5m2", 1.25, 0x3D), ("f8e5m2", 1.125, 0x3C),
])
def test_encode_rounds_to_nearest_even(name, value, bits):
    assert int(encode(name, np.array([value]))[0]) == bits


def test_encode_toward_zero_and_decode():
    assert decode("f16", encode("f16", np.array([1e6, -65503.0]), "rtz")).tolist() == [65504.0, -65472.0]
    assert decode("bf16", encode("bf16", np.array([1.0 + 2.0 ** -7 - 2.0 ** -20]), "rtz")).tolist() == [1.0]
    assert encode("f32", np.array([0.1]), "rtz")[0] == np.float32(np.nextafter(np.float32(0.1), np.float32(0)))
    assert np.isnan(decode("f8e4m3", np.array([0x7F, 0xFF], np.uint8))).all()
    assert decode("f8e5m2", np.array([0x7C, 0xFC, 0x01], np.uint8)).tolist() == [np.inf, -np.inf, 2.0 ** -16]


def test_tf32_dot_inputs_round_to_ten_mantissa_bits_with_ties_away():
    one, tie = 1.0, 2.0 ** -11     # half of tf32's unit at 1
    x = np.array([one + tie, -(one + tie), one + tie - 2.0 ** -23, 3 * tie + 1, 2.0 ** -130, np.inf, np.nan,
                  np.finfo(np.float32).max], np.float32)
    got = as_dot_inputs(x, "tf32")
    want = [one + 2 * tie, -(one + 2 * tie), one, one + 4 * tie, 2.0 ** -130, np.inf, np.nan, np.inf]
    np.testing.assert_array_equal(got, np.array(want, np.float32))
    np.testing.assert_array_equal(as_dot_inputs(x, "f32"), x)
    with pytest.raises(ValueError, match="dot inputs are rounded to 'f32' or 'tf32', not 'bf16'"):
        as_dot_inputs(x, "bf16")


def test_exact_tolerance_distinguishes_signed_zero_but_not_nan_payloads():
    got = np.array([0.0, np.nan, 1.0], np.float32)
    assert exact().compare("f32", got, np.array([0.0, -np.nan, 1.0])) is None
    mismatch = exact().compare("f32", got, np.array([-0.0, np.nan, 1.0]))
    assert str(mismatch) == "1 of 3 elements differ; first at index (0,): got 0.0, want -0.0"


def test_ulp_tolerance_reports_the_worst_error():
    got = np.array([1.0, 1.0, 2.0], np.float32)
    want = np.array([1.0, 1.0 + 3 * 2.0 ** -23, 2.0 + 2.0 ** -22])
    mismatch = ulp(2.5).compare("f32", got, want)
    assert str(mismatch) == ("1 of 3 elements differ; first at index (1,): got 1.0, want 1.0000003576278687; "
                             "largest error 3 ULP")
    assert ulp(3).compare("f32", got, want) is None


def test_zero_ulp_means_correctly_rounded():
    got = np.array([1.0], np.float32)
    assert ulp(0).compare("f32", got, np.array([1.0 + 2.0 ** -24])) is None
    assert ulp(0).compare("f32", got, np.array([1.0 + 2.0 ** -23])) is not None
    assert ulp(0, signed_zero=True).compare("f32", np.array([0.0], np.float32), np.array([-0.0])) is not None


def test_accumulation_bound_grows_with_length():
    got = np.array([1.0 + 2.0 ** -20], np.float32)
    want = (np.array([1.0]), np.array([1.0]))
    assert accumulation(4).compare("f32", got, want) is not None
    assert accumulation(64).compare("f32", got, want) is None


def test_opencl_table():
    assert [math_ulp(f, "f32") for f in ("div", "exp", "log", "sin", "cos", "sqrt", "rsqrt", "tan", "pow",
                                         "div_rn", "sqrt_rn")] == [2.5, 3, 3, 4, 4, 3, 2, 5, 16, 0, 0]
