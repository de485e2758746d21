"""f32 sin and cos over the whole finite range (Payne–Hanek reduction above 2**20), against math.sin/math.cos.

Python's math.sin and math.cos reduce their float64 argument exactly, and every f32 is a
float64, so they are a correctly reduced reference. The bound is OpenCL's 4 ulp.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import pantile
import pantile.language as tl
from llvm_harness import elementwise
from pantile.conformance.ulp import ulp_error
from pantile.targets.llvm.trig_reduce import two_over_pi_bits, window

BOUND_ULP = 4
REFERENCE = {"sin": math.sin, "cos": math.cos}
SPECIALS = np.array([0.0, -0.0, 1e-45, -1e-45, 1.17549435e-38, 2.0 ** 20, -2.0 ** 20, np.nextafter(2.0 ** 20, 0),
                     3.4028235e38, -3.4028235e38, 3.4e38, 1e30, 1e20, 8388608.0, 16777215.0, 1.5707964,
                     3.1415927, 1e6, 100.0, np.inf, -np.inf, np.nan, -np.nan, 1.0], np.float32)


def _arguments(n: int, seed: int) -> np.ndarray:
    """Random bit patterns over every finite f32 (both signs), one of each exponent 2**-126..2**127, specials."""
    rng = np.random.default_rng(seed)
    random_bits = rng.integers(0, 0xFF000000, n, dtype=np.uint64).astype(np.uint32)
    random_bits = random_bits + (random_bits >= 0x7F800000) * np.uint32(0x00800000)   # skip inf/nan exponents
    every_exponent = (np.arange(1, 255, dtype=np.uint32) << np.uint32(23)) | rng.integers(
        0, 1 << 23, 254, dtype=np.uint64).astype(np.uint32)
    x = np.concatenate([random_bits.view(np.float32), every_exponent.view(np.float32),
                        -every_exponent.view(np.float32), SPECIALS])
    return np.concatenate([x, np.ones(-len(x) % 8, np.float32)])


def _reference(fn: str, x: np.ndarray) -> np.ndarray:
    f = REFERENCE[fn]
    return np.array([f(v) if math.isfinite(v) else math.nan for v in x.astype(np.float64).tolist()])


def _check(fn: str, x: np.ndarray, got: np.ndarray) -> float:
    err = ulp_error("f32", got, _reference(fn, x))
    worst = int(err.argmax())
    assert err.max() <= BOUND_ULP, f"{fn}: {err.max()} ulp at x={x[worst]!r}: got {got[worst]!r}"
    return float(err.max())


def test_two_over_pi_bits_match_known_constants():
    assert abs(two_over_pi_bits(53) - 2 / math.pi * 2.0 ** 53) <= 1   # math.pi itself is rounded
    assert two_over_pi_bits(96) == 0xA2F9836E4E441529FC2757D1   # the published leading words of 2/pi
    assert window(152) == 0xA2F9836E4E441529FC2757D1
    assert window(153) == (0xA2F9836E4E441529FC2757D1 << 1) % (1 << 96) | (two_over_pi_bits(97) & 1)


@pytest.mark.parametrize("lanes", (0, 8))
@pytest.mark.parametrize("fn", ("sin", "cos"))
def test_shared_layer_within_4_ulp_everywhere(fn, lanes):
    x = _arguments(100_000, seed=11)
    scalar, vector = elementwise(f"pt.{fn}", ("f32",), "f32")
    got = (vector if lanes else scalar)(x)
    _check(fn, x, got)
    nan_in = ~np.isfinite(x)
    assert np.isnan(got[nan_in]).all() and np.isfinite(got[~nan_in]).all()


@pantile.jit
def _sin_cos_kernel(x_ptr, sin_ptr, cos_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask, other=0.0)
    tl.store(sin_ptr + offs, tl.sin(x), mask=mask)
    tl.store(cos_ptr + offs, tl.cos(x), mask=mask)


def test_jit_kernel_within_4_ulp_everywhere():
    x = _arguments(20_000, seed=12)[:-3]     # a ragged last block
    s, c = np.zeros_like(x), np.zeros_like(x)
    _sin_cos_kernel[(pantile.cdiv(len(x), 256),)](x, s, c, len(x), BLOCK=256)
    _check("sin", x, s)
    _check("cos", x, c)

