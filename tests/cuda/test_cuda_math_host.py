"""The CUDA math library's f32 exp, and log and log2 near 1, within OpenCL's bounds, and its f64 sin, cos and
erf within OpenCL's f64 bounds. They are plain LLVM arithmetic, so they run here on the host's JIT (an NVPTX-only
instruction would not even link)."""
import ctypes
import math

import numpy as np
import pytest
from llvmlite import ir

from llvm_harness import loop_function
from numeric_ref import OPENCL_F32_ULP, REFERENCE_F32, f32_math_samples
from pantile.conformance.ulp import ulp_error
from pantile.targets.cpu.engine import LoadedObject, emit_object
from pantile.targets.cuda.hooks import CudaMath
from pantile.targets.llvm.trig_reduce import two_over_pi_bits

OPENCL_F64_ULP = {"sin": 4, "cos": 4, "erf": 16}
REFERENCE_F64 = {"sin": np.sin, "cos": np.cos, "erf": np.frompyfunc(math.erf, 1, 1)}
F32 = ir.FloatType()
F64 = ir.DoubleType()


def host_function(method, typ: ir.Type = F32):
    """f(x) for arrays of `typ` (float32 or float64), from a math-library method's LLVM IR JIT-compiled on the
    host."""
    dtype = np.float32 if typ == F32 else np.float64
    mod = ir.Module()

    def body(b: ir.IRBuilder, fn: ir.Function, i: ir.Value) -> None:
        x = b.load(b.gep(fn.args[0], [i], source_etype=typ), typ=typ)
        b.store(method(b, x), b.gep(fn.args[1], [i], source_etype=typ))
    loop_function(mod, "f", 2, 1, body)
    loaded = LoadedObject(emit_object(str(mod), opt_level=1)[0])
    cfn = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64)(loaded.address("f"))

    def run(x: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(x, dtype)
        out = np.zeros_like(x)
        cfn(x.ctypes.data, out.ctypes.data, len(x))
        return out
    run.code = loaded          # the JIT-compiled code lives as long as the function
    return run


@pytest.mark.parametrize("fn", ("exp", "log", "log2"))
def test_cuda_f32_exp_and_logarithms_meet_the_opencl_bound(fn):
    """exp's polynomial in fma steps (CudaMath.fused_exp) too; log and log2 near 1."""
    x = f32_math_samples(fn)
    err = ulp_error("f32", host_function(getattr(CudaMath(), fn))(x), REFERENCE_F32[fn](x.astype(np.float64)))
    assert err.max() <= OPENCL_F32_ULP[fn], f"{fn}: {err.max():.2f} ulp at x={x[err.argmax()]!r}"


def f64_samples(fn: str) -> np.ndarray:
    """The conformance range, tiny and huge arguments of both signs, and arguments where reductions lose bits:
    near multiples of pi/2 for sin and cos, near the switch at 2 for erf."""
    rng = np.random.default_rng(13)
    signs = rng.choice([-1.0, 1.0], 3000)
    if fn == "erf":
        return np.concatenate([rng.uniform(-5, 5, 6000), rng.uniform(-7, 7, 2000), 2 + rng.uniform(-1e-3, 1e-3, 500),
                               signs * 10.0 ** rng.uniform(-300, 0, 3000)])
    multiples = np.arange(1, 3001) * (math.pi / 2)
    return np.concatenate([rng.uniform(-100, 100, 6000), rng.uniform(-math.pi / 4, math.pi / 4, 2000), multiples,
                           np.nextafter(multiples, 0), signs * 10.0 ** rng.uniform(-300, 308, 3000),
                           signs * 2.0 ** rng.uniform(19, 22, 3000)])


@pytest.mark.parametrize("fn", sorted(OPENCL_F64_ULP))
def test_cuda_f64_sin_cos_erf_meet_the_opencl_bound(fn):
    x = f64_samples(fn)
    got = host_function(getattr(CudaMath(), fn), F64)(x)
    err = ulp_error("f64", got, REFERENCE_F64[fn](x).astype(np.float64))
    assert err.max() <= OPENCL_F64_ULP[fn], f"{fn}: {err.max():.2f} ulp at x={x[err.argmax()]!r}"


def test_cuda_f64_sin_cos_of_the_double_closest_to_a_multiple_of_pi_over_2():
    # x = (k + f) pi/2 with f ~ 3e-19, from 1300 exact bits of 2/pi (the host's libm is 8 ulp off here)
    mantissa, exponent, bits = 6381956970095103, 797, 1300
    scaled = mantissa * two_over_pi_bits(bits) << exponent
    k = (scaled + (1 << bits - 1)) >> bits
    r = (scaled - (k << bits)) / 2 ** bits * (math.pi / 2)       # |r| < 1e-18: sin r = r, cos r = 1 in f64
    want = {"sin": [r, 1.0, -r, -1.0][k % 4], "cos": [1.0, -r, -1.0, r][k % 4]}
    x = np.array([mantissa * 2.0 ** exponent])
    for fn in ("sin", "cos"):
        err = ulp_error("f64", host_function(getattr(CudaMath(), fn), F64)(x), np.array([want[fn]]))
        assert err.max() <= OPENCL_F64_ULP[fn], f"{fn}: {err.max():.2f} ulp"


@pytest.mark.parametrize("fn, x, want", [
    ("sin", [0.0, -0.0, math.inf, -math.inf, math.nan], [0.0, -0.0, math.nan, math.nan, math.nan]),
    ("cos", [0.0, -0.0, math.inf, -math.inf, math.nan], [1.0, 1.0, math.nan, math.nan, math.nan]),
    ("erf", [0.0, -0.0, 6.5, -6.5, 1e300, math.inf, -math.inf, math.nan],
     [0.0, -0.0, 1.0, -1.0, 1.0, 1.0, -1.0, math.nan]),
])
def test_cuda_f64_sin_cos_erf_special_values(fn, x, want):
    got = host_function(getattr(CudaMath(), fn), F64)(np.array(x))
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
