"""The Intel SIMT hooks, each run on the OpenCL CPU runtime in a hand-written kernel."""
import math
from fractions import Fraction

import numpy as np
import pytest
from llvmlite import ir as llir

from pantile.ir import PointerType, f16, f32, f64, i32
from pantile.targets.base import ArgSpec
from pantile.targets.intel.hooks import I32, OPENCL_MATH, mangle, type_code

GLOBAL = llir.PointerType(addrspace=1)
F32 = llir.FloatType()

# OpenCL C 3.0 single-precision ULP bounds (section 7.4), used as the tolerance of each builtin.
F32_ULP = {"exp": 3, "exp2": 3, "log": 3, "log2": 3, "sqrt": 3, "rsqrt": 2, "sin": 4, "cos": 4, "erf": 16,
           "floor": 0, "ceil": 0, "abs": 0}
UNARY = sorted(F32_ULP)
REFERENCE = {"exp": np.exp, "exp2": np.exp2, "log": np.log, "log2": np.log2, "sqrt": np.sqrt,
             "rsqrt": lambda x: 1 / np.sqrt(x), "sin": np.sin, "cos": np.cos, "floor": np.floor, "ceil": np.ceil,
             "abs": np.abs, "erf": lambda x: np.array([math.erf(v) for v in x])}


def test_mangled_names_follow_itanium_with_substitutions():
    v4 = type_code(llir.VectorType(F32, 4))
    assert mangle("fma", [v4, v4, v4]) == "_Z3fmaDv4_fS_S_"
    assert mangle("fma", ["f", "f", "f"]) == "_Z3fmafff"
    assert mangle("sub_group_shuffle_xor", ["i", "j"]) == "_Z21sub_group_shuffle_xorij"
    assert mangle("exp", [type_code(llir.HalfType())]) == "_Z3expDh"
    assert mangle("get_sub_group_local_id", []) == "_Z22get_sub_group_local_idv"
    assert type_code(llir.IntType(64), unsigned=True) == "m"
    assert set(OPENCL_MATH) == set(F32_ULP) | {"fma"}


def _index(b, fn_args, i):
    return b.gep(fn_args, [i], source_etype=I32)


def test_ids_of_a_3d_grid(handbuilt):
    def body(h, b, fn):
        tid = h.thread_id(b)
        p = [h.program_id(b, a) for a in range(3)]
        n = [h.num_programs(b, a) for a in range(3)]
        flat = b.add(b.mul(b.add(b.mul(p[2], n[1]), p[1]), n[0]), p[0])
        base = b.mul(b.add(b.mul(flat, llir.Constant(I32, 32)), tid), llir.Constant(I32, 7))
        for k, v in enumerate([tid, *p, *n]):
            b.store(v, b.gep(fn.args[0], [b.add(base, llir.Constant(I32, k))], source_etype=I32))
    launch = handbuilt([ArgSpec("out", PointerType(i32), writes=True)], [GLOBAL], body, local_size=32)
    out = np.zeros((2, 2, 3, 32, 7), np.int32)
    launch((3, 2, 2), [out])
    z, y, x, t = np.meshgrid(range(2), range(2), range(3), range(32), indexing="ij")
    assert (out[..., 0] == t).all()
    assert (out[..., 1] == x).all() and (out[..., 2] == y).all() and (out[..., 3] == z).all()
    assert (out[..., 4:] == [3, 2, 2]).all()


@pytest.mark.parametrize("sub_group_size", [8, 16, 32])
def test_shuffles_within_the_required_sub_group(handbuilt, sub_group_size):
    def body(h, b, fn):
        tid = h.thread_id(b)
        x = b.load(b.gep(fn.args[0], [tid], source_etype=I32), typ=I32)
        lane = b.urem(tid, llir.Constant(I32, sub_group_size))
        results = [h.shuffle_xor(b, x, 1), h.shuffle_xor(b, x, sub_group_size // 2), h.shuffle_up(b, x, 1),
                   h.shuffle_up(b, x, 3), h.shuffle_idx(b, x, b.sub(llir.Constant(I32, sub_group_size - 1), lane))]
        for k, r in enumerate(results):
            at = b.add(b.mul(tid, llir.Constant(I32, len(results))), llir.Constant(I32, k))
            b.store(r, b.gep(fn.args[1], [at], source_etype=I32))
    launch = handbuilt([ArgSpec("x", PointerType(i32)), ArgSpec("out", PointerType(i32), writes=True)],
                       [GLOBAL, GLOBAL], body, sub_group_size=sub_group_size, local_size=64)
    x = np.random.default_rng(0).integers(-2**31, 2**31, 64, dtype=np.int64).astype(np.int32)
    out = np.zeros((64, 5), np.int32)
    launch((1, 1, 1), [x, out])
    t = np.arange(64)
    lane, base = t % sub_group_size, t - t % sub_group_size
    assert (out[:, 0] == x[base + (lane ^ 1)]).all()
    assert (out[:, 1] == x[base + (lane ^ sub_group_size // 2)]).all()
    assert (out[:, 2] == x[np.where(lane >= 1, t - 1, t)]).all()
    assert (out[:, 3] == x[np.where(lane >= 3, t - 3, t)]).all()
    assert (out[:, 4] == x[base + sub_group_size - 1 - lane]).all()


def test_barrier_orders_local_memory(handbuilt):
    def body(h, b, fn):
        ty = llir.ArrayType(I32, 256)
        scratch = llir.GlobalVariable(b.module, ty, "scratch", addrspace=h.shared_addrspace)
        scratch.linkage, scratch.initializer = "internal", llir.Constant(ty, llir.Undefined)
        tid = h.thread_id(b)
        x = b.load(b.gep(fn.args[0], [tid], source_etype=I32), typ=I32)
        b.store(x, b.gep(scratch, [llir.Constant(I32, 0), tid]))
        h.barrier(b)
        mirror = b.sub(llir.Constant(I32, 255), tid)
        y = b.load(b.gep(scratch, [llir.Constant(I32, 0), mirror]))
        b.store(y, b.gep(fn.args[1], [tid], source_etype=I32))
    launch = handbuilt([ArgSpec("x", PointerType(i32)), ArgSpec("y", PointerType(i32), writes=True)],
                       [GLOBAL, GLOBAL], body, local_size=256)
    x = np.arange(256, dtype=np.int32) * 3
    y = np.zeros_like(x)
    launch((1, 1, 1), [x, y])
    assert (y == x[::-1]).all()


def _math_kernel(handbuilt, names, ty, nargs, n):
    def body(h, b, fn):
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        xs = [b.load(b.gep(fn.args[a], [i], source_etype=ty), typ=ty) for a in range(nargs)]
        for k, name in enumerate(names):
            r = h.math(b, name, xs, ty)
            b.store(r, b.gep(fn.args[nargs], [b.add(i, llir.Constant(I32, k * n))], source_etype=ty))
    return body


def _ulp_error(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    spacing = np.spacing(np.abs(want).astype(got.dtype)).astype(np.float64)
    return np.abs(got.astype(np.float64) - want) / spacing


def test_math_builtins_within_opencl_ulp_bounds(handbuilt):
    n = 256
    rng = np.random.default_rng(1)
    x = rng.uniform(0.01, 20, n).astype(np.float32)
    body = _math_kernel(handbuilt, UNARY, F32, 1, n)
    launch = handbuilt([ArgSpec("x", PointerType(f32)), ArgSpec("out", PointerType(f32), writes=True)],
                       [GLOBAL, GLOBAL], body)
    out = np.zeros((len(UNARY), n), np.float32)
    launch((n // 64, 1, 1), [x, out])
    for k, name in enumerate(UNARY):
        err = _ulp_error(out[k], REFERENCE[name](x.astype(np.float64)))
        assert err.max() <= F32_ULP[name], f"{name}: {err.max()} ulp"


def test_rounded_division_and_sqrt_are_exact(handbuilt):
    n = 1024
    rng = np.random.default_rng(2)
    a = (rng.standard_normal(n) * 10.0 ** rng.integers(-20, 20, n)).astype(np.float32)
    c = (rng.standard_normal(n) * 10.0 ** rng.integers(-20, 20, n)).astype(np.float32)

    def body(h, b, fn):
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        x, y = (b.load(b.gep(fn.args[k], [i], source_etype=F32), typ=F32) for k in range(2))
        b.store(h.math(b, "div_rn", [x, y], F32), b.gep(fn.args[2], [i], source_etype=F32))
        b.store(h.math(b, "sqrt_rn", [b.call(b.module.declare_intrinsic("llvm.fabs", [F32]), [x])], F32),
                b.gep(fn.args[3], [i], source_etype=F32))
    spec = [ArgSpec("a", PointerType(f32)), ArgSpec("c", PointerType(f32)),
            ArgSpec("q", PointerType(f32), writes=True), ArgSpec("r", PointerType(f32), writes=True)]
    launch = handbuilt(spec, [GLOBAL] * 4, body)
    q, r = np.zeros_like(a), np.zeros_like(a)
    launch((n // 64, 1, 1), [a, c, q, r])
    with np.errstate(over="ignore", under="ignore"):
        np.testing.assert_array_equal(q, a / c)
    np.testing.assert_array_equal(r, np.sqrt(np.abs(a)))


@pytest.mark.parametrize("ty,dtype,scalar", [(llir.HalfType(), np.float16, f16), (llir.DoubleType(), np.float64, f64),
                                             (llir.VectorType(F32, 4), np.float32, f32)])
def test_fma_and_exp_in_half_double_and_vectors(handbuilt, ty, dtype, scalar):
    n = 256
    lanes = ty.count if isinstance(ty, llir.VectorType) else 1
    rng = np.random.default_rng(3)
    x, y, z = (rng.uniform(-2, 2, n * lanes).astype(dtype) for _ in range(3))

    def body(h, b, fn):
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        a, c, d = (b.load(b.gep(fn.args[k], [i], source_etype=ty), typ=ty) for k in range(3))
        b.store(h.math(b, "fma", [a, c, d], ty), b.gep(fn.args[3], [i], source_etype=ty))
        b.store(h.math(b, "exp", [a], ty), b.gep(fn.args[4], [i], source_etype=ty))
    spec = [ArgSpec(name, PointerType(scalar), writes=name in "fe") for name in "xyzfe"]
    launch = handbuilt(spec, [GLOBAL] * 5, body)
    fma, e = np.zeros_like(x), np.zeros_like(x)
    launch((n // 64, 1, 1), [x, y, z, fma, e])
    for got, a, c, d in zip(fma, x, y, z):   # fma rounds once: within half an ulp of the exact value
        exact = Fraction(float(a)) * Fraction(float(c)) + Fraction(float(d))
        assert abs(Fraction(float(got)) - exact) <= Fraction(float(np.spacing(np.abs(got)))) / 2
    assert _ulp_error(e, np.exp(x.astype(np.float64))).max() <= {np.float16: 2, np.float64: 3, np.float32: 3}[dtype]
