"""The Intel SIMT hooks, each run on the OpenCL CPU runtime in a hand-written kernel."""
import math

import numpy as np
import pytest
from llvmlite import ir as llir

from pantile.ir import PointerType, f32, f64, i32
from pantile.targets.base import ArgSpec
from pantile.targets.intel.hooks import I32
from pantile.targets.spirv.opencl import mangle, type_code
from pantile import DeviceAssertionError
from pantile.targets.llvm import MATH_FUNCTIONS

GLOBAL = llir.PointerType(addrspace=1)
F32 = llir.FloatType()

# OpenCL C 3.0 single-precision ULP bounds (section 7.4) against the exact result; 0.5 is correctly rounded.
F32_ULP = {"exp": 3, "exp2": 3, "log": 3, "log2": 3, "sqrt": 3, "sqrt_rn": 0.5, "rsqrt": 2, "sin": 4, "cos": 4,
           "erf": 16, "floor": 0, "ceil": 0}
UNARY = sorted(F32_ULP)
REFERENCE = {"exp": np.exp, "exp2": np.exp2, "log": np.log, "log2": np.log2, "sqrt": np.sqrt,
             "sqrt_rn": np.sqrt, "rsqrt": lambda x: 1 / np.sqrt(x), "sin": np.sin, "cos": np.cos,
             "floor": np.floor, "ceil": np.ceil, "erf": lambda x: np.array([math.erf(v) for v in x])}


def test_mangled_names_follow_itanium_with_substitutions():
    v4 = type_code(llir.VectorType(F32, 4))
    assert mangle("fma", [v4, v4, v4]) == "_Z3fmaDv4_fS_S_"
    assert mangle("fma", ["f", "f", "f"]) == "_Z3fmafff"
    assert mangle("sub_group_shuffle_xor", ["i", "j"]) == "_Z21sub_group_shuffle_xorij"
    assert mangle("exp", [type_code(llir.HalfType())]) == "_Z3expDh"
    assert mangle("get_sub_group_local_id", []) == "_Z22get_sub_group_local_idv"
    assert type_code(llir.IntType(64), unsigned=True) == "m"
    assert set(F32_ULP) == set(MATH_FUNCTIONS)


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


def _unary_kernel(names, ty, n):
    """out[k * n + i] = names[k](x[i]) through the hooks' math library."""
    def body(h, b, fn):
        lib = h.math_library()
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        x = b.load(b.gep(fn.args[0], [i], source_etype=ty), typ=ty)
        for k, name in enumerate(names):
            b.store(lib.call(b, name, x), b.gep(fn.args[1], [b.add(i, llir.Constant(I32, k * n))], source_etype=ty))
    return body


def _ulp_error(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    spacing = np.spacing(np.abs(want).astype(got.dtype)).astype(np.float64)
    return np.abs(got.astype(np.float64) - want) / spacing


def test_math_library_within_opencl_ulp_bounds(handbuilt):
    n = 256
    x = np.random.default_rng(1).uniform(0.01, 20, n).astype(np.float32)
    launch = handbuilt([ArgSpec("x", PointerType(f32)), ArgSpec("out", PointerType(f32), writes=True)],
                       [GLOBAL, GLOBAL], _unary_kernel(UNARY, F32, n))
    out = np.zeros((len(UNARY), n), np.float32)
    launch((n // 64, 1, 1), [x, out])
    for k, name in enumerate(UNARY):
        err = _ulp_error(out[k], REFERENCE[name](x.astype(np.float64)))
        assert err.max() <= F32_ULP[name], f"{name}: {err.max()} ulp"


@pytest.mark.parametrize("ty,dtype,scalar", [(llir.DoubleType(), np.float64, f64),
                                             (llir.VectorType(F32, 4), np.float32, f32)])
def test_math_library_in_double_and_vectors(handbuilt, ty, dtype, scalar):
    lanes = ty.count if isinstance(ty, llir.VectorType) else 1
    n = 128
    x = np.random.default_rng(3).uniform(-2, 2, n * lanes).astype(dtype)
    launch = handbuilt([ArgSpec("x", PointerType(scalar)), ArgSpec("out", PointerType(scalar), writes=True)],
                       [GLOBAL, GLOBAL], _unary_kernel(["exp", "erf"], ty, n))
    out = np.zeros((2, n * lanes), dtype)
    launch((n // 64, 1, 1), [x, out])
    assert _ulp_error(out[0], np.exp(x.astype(np.float64))).max() <= 3
    assert _ulp_error(out[1], REFERENCE["erf"](x.astype(np.float64))).max() <= 16


def test_division_and_sqrt_are_correctly_rounded(handbuilt):
    """pt.div_rn and pt.sqrt_rn lower to fdiv and the math library's sqrt_rn: exact on this device."""
    n = 4096
    rng = np.random.default_rng(2)
    a = (rng.standard_normal(n) * 10.0 ** rng.integers(-30, 30, n)).astype(np.float32)
    c = (rng.standard_normal(n) * 10.0 ** rng.integers(-30, 30, n)).astype(np.float32)

    def body(h, b, fn):
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        x, y = (b.load(b.gep(fn.args[k], [i], source_etype=F32), typ=F32) for k in range(2))
        b.store(b.fdiv(x, y), b.gep(fn.args[2], [i], source_etype=F32))
        absolute = b.call(b.module.declare_intrinsic("llvm.fabs", [F32]), [x])
        b.store(h.math_library().sqrt_rn(b, absolute), b.gep(fn.args[3], [i], source_etype=F32))
    spec = [ArgSpec("a", PointerType(f32)), ArgSpec("c", PointerType(f32)),
            ArgSpec("q", PointerType(f32), writes=True), ArgSpec("r", PointerType(f32), writes=True)]
    launch = handbuilt(spec, [GLOBAL] * 4, body)
    q, r = np.zeros_like(a), np.zeros_like(a)
    launch((n // 64, 1, 1), [a, c, q, r])
    with np.errstate(over="ignore", under="ignore"):
        np.testing.assert_array_equal(q, a / c)
    np.testing.assert_array_equal(r, np.sqrt(np.abs(a)))


def test_printf_reaches_the_process_stdout(handbuilt, capfd):
    def body(h, b, fn):
        tid = h.thread_id(b)
        with b.if_then(b.icmp_unsigned("==", tid, llir.Constant(I32, 5))):
            x = b.load(b.gep(fn.args[0], [tid], source_etype=F32), typ=F32)
            h.printf(b, "pid %d tid %d x=%.2f\n", [h.program_id(b, 0), tid, b.fpext(x, llir.DoubleType())])
    launch = handbuilt([ArgSpec("x", PointerType(f32))], [GLOBAL], body)
    capfd.readouterr()
    launch((2, 1, 1), [np.arange(64, dtype=np.float32) / 4])
    lines = sorted(capfd.readouterr().out.splitlines())
    assert lines == ["pid 0 tid 5 x=1.25", "pid 1 tid 5 x=1.25"]


def test_failed_device_assertion_is_reported_after_the_launch(handbuilt, capfd):
    def body(h, b, fn):
        x = b.load(b.gep(fn.args[0], [h.thread_id(b)], source_etype=I32), typ=I32)
        with b.if_then(b.icmp_signed("<", x, llir.Constant(I32, 0))):
            h.assert_fail(b, "x >= 0", "kern.py", 7, "check")
    launch = handbuilt([ArgSpec("x", PointerType(i32))], [GLOBAL], body, debug=True)
    assert launch.artifact.metadata["assertions"] == ["kern.py:7: device assertion failed: x >= 0"]
    launch((1, 1, 1), [np.arange(64, dtype=np.int32)])
    bad = np.arange(64, dtype=np.int32)
    bad[9] = -1
    with pytest.raises(DeviceAssertionError, match=r"^kern.py:7: device assertion failed: x >= 0 \(program \(0, 0, 0\)\)$"):
        launch((1, 1, 1), [bad])
    assert capfd.readouterr().out == "kern.py:7: device assertion failed: x >= 0\n"
    launch((1, 1, 1), [np.arange(64, dtype=np.int32)])
