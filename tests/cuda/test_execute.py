"""Kernels run on the GPU and compared with numpy (skipped, printing why, where there is no GPU)."""
import numpy as np
import pytest

import cuda_kernels as K
from cuda_helpers import compile_module


def run(gpu, module, grid, *args, num_warps=4):
    """Compile `module` for the installed GPU and launch it on numpy arrays (copied in and out)."""
    art = compile_module(module, gpu.arch, num_warps)
    gpu.launcher(art)(grid, list(args))
    return art


@pytest.mark.parametrize("n", [98_432, 1024, 1000])
def test_vector_add_with_masked_edge(gpu, n: int) -> None:
    rng = np.random.default_rng(n)
    x, y = rng.standard_normal(n, dtype=np.float32), rng.standard_normal(n, dtype=np.float32)
    out = np.full(n, np.nan, dtype=np.float32)
    run(gpu, K.vector_add(1024), ((n + 1023) // 1024, 1, 1), x, y, out, n)
    np.testing.assert_array_equal(out, x + y)


def test_softmax_rows_masked(gpu) -> None:
    rows, n = 64, 100
    x = np.random.default_rng(1).standard_normal((rows, n), dtype=np.float32)
    out = np.zeros_like(x)
    run(gpu, K.softmax_rows(128), (rows, 1, 1), x, out, n)
    e = np.exp(x - x.max(1, keepdims=True))
    np.testing.assert_allclose(out, e / e.sum(1, keepdims=True), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("combiner,dtype", [("pt.add", "f32"), ("pt.max", "f32"), ("pt.add", "i32"),
                                            ("pt.min", "i32")])
@pytest.mark.parametrize("num_warps", [1, 4, 8])
def test_reduce_2d(gpu, axis: int, combiner: str, dtype: str, num_warps: int) -> None:
    rng = np.random.default_rng(2)
    x = (rng.standard_normal((32, 64)) * 100).astype(dtype.replace("f", "float").replace("i", "int"))
    out = np.zeros(x.shape[1 - axis], dtype=x.dtype)
    run(gpu, K.reduce_2d(32, 64, axis, combiner, dtype), (1, 1, 1), x, out, num_warps=num_warps)
    ref = {"pt.add": np.sum, "pt.max": np.max, "pt.min": np.min}[combiner](x, axis=axis)
    np.testing.assert_allclose(out, ref, rtol=1e-5)


@pytest.mark.parametrize("n", [32, 256, 2048])
@pytest.mark.parametrize("reverse", [False, True])
def test_scan_1d(gpu, n: int, reverse: bool) -> None:
    x = np.random.default_rng(n).integers(-50, 50, n).astype(np.int32)
    out = np.zeros_like(x)
    run(gpu, K.scan_1d(n, "i32", reverse), (1, 1, 1), x, out)
    ref = np.cumsum(x[::-1])[::-1] if reverse else np.cumsum(x)
    np.testing.assert_array_equal(out, ref)


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("shape", [(16, 32), (64, 128)])
def test_scan_2d(gpu, axis: int, shape) -> None:
    x = np.random.default_rng(3).integers(-8, 8, shape).astype(np.float32)
    out = np.zeros_like(x)
    run(gpu, K.scan_2d(shape[0], shape[1], axis), (1, 1, 1), x, out)
    np.testing.assert_array_equal(out, np.cumsum(x, axis=axis))


@pytest.mark.parametrize("m,n,k,dtype,acc", [(32, 32, 16, "f16", "f32"), (16, 16, 16, "f32", "f32"),
                                             (64, 32, 32, "f16", "f16"), (32, 32, 32, "i8", "i32"),
                                             (16, 64, 16, "f64", "f64")])
def test_dot(gpu, m: int, n: int, k: int, dtype: str, acc: str) -> None:
    rng = np.random.default_rng(4)
    np_t = {"f16": np.float16, "f32": np.float32, "f64": np.float64, "i8": np.int8, "i32": np.int32}
    a = rng.integers(-3, 4, (m, k)).astype(np_t[dtype])
    b = rng.integers(-3, 4, (k, n)).astype(np_t[dtype])
    c = np.zeros((m, n), dtype=np_t[acc])
    run(gpu, K.dot(m, n, k, dtype, acc), (1, 1, 1), a, b, c)
    np.testing.assert_array_equal(c, (a.astype(np.float64) @ b.astype(np.float64)).astype(np_t[acc]))


def test_transpose(gpu) -> None:
    x = np.random.default_rng(5).standard_normal((32, 64), dtype=np.float32)
    out = np.zeros((64, 32), dtype=np.float32)
    run(gpu, K.transpose(32, 64), (1, 1, 1), x, out)
    np.testing.assert_array_equal(out, x.T)


@pytest.mark.parametrize("dtype", ["i32", "f32"])
def test_atomic_add_histogram_with_mask(gpu, dtype: str) -> None:
    count, bins = 1000, 8
    x = np.random.default_rng(6).integers(0, 10, 1024).astype(np.int32 if dtype == "i32" else np.float32)
    out = np.zeros(bins, dtype=x.dtype)
    run(gpu, K.histogram(256, bins, "add", dtype), (4, 1, 1), x, out, count)
    ref = np.zeros(bins, dtype=np.float64)
    np.add.at(ref, np.arange(count) % bins, x[:count])
    np.testing.assert_array_equal(out, ref.astype(x.dtype))


def test_atomic_max(gpu) -> None:
    x = np.random.default_rng(7).integers(-1000, 1000, 1024).astype(np.int32)
    out = np.full(8, -2**31, dtype=np.int32)
    run(gpu, K.histogram(256, 8, "max"), (4, 1, 1), x, out, 1024)
    np.testing.assert_array_equal(out, x.reshape(-1, 8).max(0))


def test_outer_product(gpu) -> None:
    rng = np.random.default_rng(8)
    a, b = rng.standard_normal(32, dtype=np.float32), rng.standard_normal(64, dtype=np.float32)
    out = np.zeros((32, 64), dtype=np.float32)
    run(gpu, K.outer_product(32, 64), (1, 1, 1), a, b, out)
    np.testing.assert_array_equal(out, np.outer(a, b))


def test_integer_division_shift_max(gpu) -> None:
    rng = np.random.default_rng(9)
    x = rng.integers(-1000, 1000, 128).astype(np.int32)
    y = rng.integers(1, 50, 128).astype(np.int32) * rng.choice([-1, 1], 128).astype(np.int32)
    out = np.zeros(4 * 128, dtype=np.int32)
    run(gpu, K.int_math(128), (1, 1, 1), x, y, out)
    q = np.trunc(x / y).astype(np.int32)
    np.testing.assert_array_equal(out.reshape(4, 128), np.stack([q, x - q * y, x >> 3, np.maximum(x, y)]))


def test_torch_tensors_are_passed_by_device_pointer(gpu) -> None:
    torch = pytest.importorskip("torch", reason="torch is not installed")
    n = 5000
    x, y = torch.randn(n, device="cuda"), torch.randn(n, device="cuda")
    out = torch.empty_like(x)
    run(gpu, K.vector_add(1024), ((n + 1023) // 1024, 1, 1), x, y, out, n)
    torch.cuda.synchronize()
    assert torch.equal(out, x + y)


def test_launch_past_the_grid_limit_is_refused(gpu) -> None:
    art = compile_module(K.vector_add(1024), gpu.arch)
    with pytest.raises(ValueError, match=r"axis 1 must be between 0 and 65535"):
        gpu.launcher(art)((1, 70000, 1), [np.zeros(1, np.float32)] * 3 + [1])


@pytest.mark.parametrize("name", ["vector_add", "softmax", "layer_norm", "matmul", "attention"])
def test_example_runs_through_the_runtime_and_matches_numpy(gpu, name: str) -> None:
    import importlib
    import pantile
    example = importlib.import_module(f"pantile.examples.{name}")
    with pantile.target(gpu.arch):
        example.main()          # odd sizes: masked edges; compares with numpy itself


def test_join_split_cat(gpu) -> None:
    a, b = np.arange(64, dtype=np.float32), np.arange(100, 164, dtype=np.float32)
    out = np.zeros(6 * 64, dtype=np.float32)
    run(gpu, K.join_split_cat(64), (1, 1, 1), a, b, out)
    np.testing.assert_array_equal(out, np.concatenate([a, b, np.stack([a, b], 1).ravel(), b, a]))


def test_three_dimensional_grid(gpu) -> None:
    out = np.full(61, -1, dtype=np.int32)
    run(gpu, K.grid_ids(), (3, 4, 5), out)
    p0, p1, p2 = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), indexing="ij")
    want = np.zeros(61, dtype=np.int32)
    want[(p0 + 3 * (p1 + 4 * p2)).ravel()] = (p0 + 100 * p1 + 10000 * p2).ravel()
    want[60] = 60
    np.testing.assert_array_equal(out, want)


def test_conversion_above_48_kb_uses_dynamic_shared_memory(gpu) -> None:
    x = np.random.default_rng(10).standard_normal((128, 128), dtype=np.float32)
    out = np.zeros_like(x)
    art = run(gpu, K.transpose(128, 128), (1, 1, 1), x, out)
    assert art.metadata["dynamic_shared"] and art.shared_memory == 65536
    np.testing.assert_array_equal(out, x.T)


def test_bf16_add(gpu) -> None:
    rng = np.random.default_rng(11)
    x, y = (rng.integers(-100, 100, 256) / 4).astype(np.float32), (rng.integers(-100, 100, 256) / 4).astype(np.float32)
    bits = lambda f: (f.view(np.uint32) >> 16).astype(np.uint16)  # noqa: E731  (exact: 8-bit significands)
    out = np.zeros(256, dtype=np.uint16)
    run(gpu, K.add_typed(256, "bf16"), (1, 1, 1), bits(x), bits(y), out)
    np.testing.assert_array_equal(out, bits(x + y))


_SCRIPT = """
import sys
import numpy as np
sys.path.insert(0, {here!r})
import cuda_kernels as K
from cuda_helpers import compile_module
from pantile.targets.registry import get_target
target = get_target("cuda")
art = compile_module(K.{kernel}(64), target.arch, debug=True)
target.launcher(art)((1, 1, 1), [np.array({values}, dtype=np.int32)])
print("launched")
"""


def _in_subprocess(kernel: str, values: list) -> "subprocess.CompletedProcess":
    """Run a kernel in a fresh process: device printf goes to its stdout, a failed assertion kills its context."""
    import os
    import subprocess
    import sys
    script = _SCRIPT.format(here=os.path.dirname(__file__), kernel=kernel, values=values)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)


def test_device_print_prints_every_element_once(gpu) -> None:
    done = _in_subprocess("print_values", list(range(100, 164)))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if " x: " in line]
    assert sorted(lines) == sorted(f"pid (0, 0, 0) idx ({i}) x: {100 + i}" for i in range(64))


def test_device_assert_stops_the_kernel(gpu) -> None:
    done = _in_subprocess("assert_positive", [1] * 63 + [0])
    assert done.returncode != 0 and "launched" not in done.stdout
    assert "Assertion `x > 0` failed" in done.stdout + done.stderr


def test_a_scalar_atomic_happens_once_per_program_and_all_threads_see_its_result(gpu) -> None:
    counter, out = np.zeros(1, dtype=np.int32), np.full(300, -1, dtype=np.int32)
    run(gpu, K.ticket(), (300, 1, 1), counter, out)
    assert counter[0] == 300
    np.testing.assert_array_equal(np.sort(out), np.arange(300))
