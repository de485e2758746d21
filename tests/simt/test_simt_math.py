"""f32 math on the SIMT targets within OpenCL's ULP bounds, near 1 too; sqrt_rn and div_rn correctly rounded.
(Each target's own math library is checked on the host's JIT in its own test folder.)"""
import numpy as np
import pytest

import pantile
import pantile.language as tl
from execution_kernels import unary_math
from numeric_ref import OPENCL_F32_ULP, REFERENCE_F32, f32_math_samples
from pantile.conformance.ulp import ulp_error


@pytest.mark.parametrize("fn", sorted(OPENCL_F32_ULP))
def test_f32_exp_and_log_meet_the_opencl_bound(simt_target, fn):
    x = f32_math_samples(fn)
    out = np.zeros_like(x)
    unary_math[(pantile.cdiv(len(x), 256),)](x, out, len(x), FN=fn, BLOCK=256)
    err = ulp_error("f32", out, REFERENCE_F32[fn](x.astype(np.float64)))
    assert err.max() <= OPENCL_F32_ULP[fn], f"{fn}: {err.max():.2f} ulp at x={x[err.argmax()]!r}"


@pantile.jit
def rounded(x_ptr, y_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs, mask=offs < n, other=1.0)
    y = tl.load(y_ptr + offs, mask=offs < n, other=1.0)
    tl.store(out_ptr + offs, tl.sqrt_rn(x), mask=offs < n)
    tl.store(out_ptr + n + offs, tl.div_rn(x, y), mask=offs < n)


def test_sqrt_rn_and_div_rn_are_correctly_rounded(simt_target):
    rng = np.random.default_rng(5)
    n = 20000
    x = (10.0 ** rng.uniform(-30, 30, n)).astype(np.float32)
    y = (rng.choice([-1, 1], n) * 10.0 ** rng.uniform(-30, 30, n)).astype(np.float32)
    out = np.zeros(2 * n, np.float32)
    rounded[(pantile.cdiv(n, 256),)](x, y, out, n, BLOCK=256)
    np.testing.assert_array_equal(out[:n], np.sqrt(x))
    with np.errstate(over="ignore", under="ignore"):
        np.testing.assert_array_equal(out[n:], x / y)
