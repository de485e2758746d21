"""apple:spirv kernels executed through wgpu (lavapipe in CI) and compared with numpy; the SPIR-V is checked by
spirv-val for Vulkan 1.3 and carries none of what naga rejects."""
from __future__ import annotations

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.targets.registry import get_target
from compat_kernels import batched_dot

TARGET = "apple:spirv"


@pantile.jit
def axpy(x, y, out, n, alpha, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    m = offs < n
    tl.store(out + offs, alpha * tl.load(x + offs, mask=m) + tl.load(y + offs, mask=m, other=1.0), mask=m)


@pantile.jit
def strided_copy(src, dst, n, stride, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    p = src + offs * stride
    tl.store(dst + offs, tl.load(p, mask=offs < n) + 1, mask=offs < n)


def test_axpy_numpy_arrays(device: None) -> None:
    n = 1000
    rng = np.random.default_rng(0)
    x, y = rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32)
    out = np.zeros(n, np.float32)
    with pantile.target(TARGET):
        axpy[(n + 127) // 128,](x, y, out, n, 3.0, BLOCK=128)
    np.testing.assert_allclose(out, 3.0 * x + y, rtol=1e-6)


def test_integer_strided_view(device: None) -> None:
    src = np.arange(300, dtype=np.int32)
    dst = np.zeros(100, np.int32)
    with pantile.target(TARGET):
        strided_copy[(1,)](src[5:], dst, 100, 2, BLOCK=128)
    np.testing.assert_array_equal(dst, src[5::2][:100] + 1)


def test_module_has_nothing_naga_rejects() -> None:
    kernel = pantile.compile(axpy, signature={"x": "*fp32", "y": "*fp32", "out": "*fp32", "n": "i32",
                                              "alpha": "fp32"}, constexprs={"BLOCK": 64}, target=TARGET)
    spirv = kernel.asm["spirv"]
    assert "Int8" not in spirv and "Aligned" not in spirv and "OpConstantNull %uint" not in spirv


@pantile.jit
def signed_ops(a, b, out, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    m = offs < n
    x = tl.load(a + offs, mask=m, other=1)
    y = tl.load(b + offs, mask=m, other=1)
    tl.store(out + offs, x // y, mask=m)
    tl.store(out + n + offs, x >> 3, mask=m)
    tl.store(out + 2 * n + offs, (x < y).to(tl.int32), mask=m)
    tl.store(out + 3 * n + offs, tl.exp(x.to(tl.float32) * 0.01).to(tl.int32), mask=m)


def test_signed_integer_arithmetic_and_exp(device: None) -> None:
    """naga takes signedness from types, LLVM declares integers unsigned: the clean-up's signed twins."""
    rng = np.random.default_rng(1)
    n = 100
    a = rng.integers(-500, 500, n, dtype=np.int32)
    b = rng.integers(1, 9, n, dtype=np.int32) * rng.choice([-1, 1], n).astype(np.int32)
    out = np.zeros(4 * n, np.int32)
    with pantile.target(TARGET):
        signed_ops[(1,)](a, b, out, n, BLOCK=128)
    q = np.floor_divide(a, b)   # Triton's // truncates toward zero
    q = np.where((a % b != 0) & ((a < 0) != (b < 0)), q + 1, q)
    np.testing.assert_array_equal(out[:n], q)
    np.testing.assert_array_equal(out[n:2 * n], a >> 3)
    np.testing.assert_array_equal(out[2 * n:3 * n], (a < b).astype(np.int32))
    np.testing.assert_array_equal(out[3 * n:], np.exp(a.astype(np.float64) * 0.01).astype(np.float32).astype(np.int32))


@pantile.jit
def where_of_two_arrays(a, b, out, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    p = tl.where(offs < 4, a + offs, b + offs)
    tl.store(out + offs, tl.load(p))


@pantile.jit
def where_within_one_array(a, out, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    p = tl.where(offs < 4, a + offs, a + BLOCK - 1 - offs)
    for _ in range(2):
        p = p + 0
    tl.store(out + offs, tl.load(p))


def test_where_mixing_two_arrays_is_a_located_error() -> None:
    with pytest.raises(pantile.CompilationError) as err:
        pantile.compile(where_of_two_arrays, signature=["*fp32", "*fp32", "*fp32"], constexprs={"BLOCK": 16},
                        target=TARGET)
    text = str(err.value)
    line = where_of_two_arrays.fn.__code__.co_firstlineno + 3
    assert f"test_wgpu_execution.py:{line}" in text
    assert ("this selects a pointer that may point into 'a' and 'b'; on apple:spirv each array argument is a "
            "separate storage buffer chosen at compile time") in text


def test_where_and_loop_within_one_array_run(device: None) -> None:
    a = np.arange(16, dtype=np.float32)
    out = np.zeros(16, np.float32)
    with pantile.target(TARGET):
        where_within_one_array[(1,)](a, out, BLOCK=16)
    offs = np.arange(16)
    np.testing.assert_array_equal(out, np.where(offs < 4, a[offs], a[15 - offs]))


@pantile.jit
def row_sums(x, out, N: tl.constexpr):
    row = tl.program_id(0)
    cols = tl.arange(0, N)
    v = tl.load(x + row * N + cols)
    tl.store(out + row, tl.sum(v, axis=0))
    tl.store(out + tl.num_programs(0) + row, tl.max(v, axis=0))


def test_reductions_combine_lanes_as_the_adapter_allows(device: None) -> None:
    """Lanes of a subgroup combine by subgroup shuffles where the adapter packs subgroups in order (lavapipe: 8
    lanes, in warps of 32), else through workgroup memory; the capability record says which."""
    x = np.random.default_rng(2).integers(-100, 100, (6, 256)).astype(np.int32)
    out = np.zeros(12, np.int32)
    with pantile.target(TARGET):
        row_sums[(6,)](x, out, N=256)
    np.testing.assert_array_equal(out[:6], x.sum(axis=1))
    np.testing.assert_array_equal(out[6:], x.max(axis=1))
    caps = get_target(TARGET).capabilities
    spirv = pantile.compile(row_sums, signature=["*i32", "*i32"], constexprs={"N": 256}, target=TARGET).asm["spirv"]
    shuffles = spirv.count("OpGroupNonUniformShuffle ")
    if caps.extra["lane_exchange"] == "subgroup shuffles":
        size = caps.extra["subgroup_size"]
        assert caps.warp_size == max(size, 32)
        assert shuffles == 2 * (size.bit_length() - 1)    # a butterfly within the subgroup per reduction
    else:
        assert caps.warp_size == 32 and shuffles == 0


@pantile.jit
def prefix_sums(x, out, N: tl.constexpr):
    cols = tl.arange(0, N)
    v = tl.load(x + cols)
    tl.store(out + cols, tl.cumsum(v, axis=0))
    tl.store(out + N + cols, tl.cumsum(v, axis=0, reverse=True))


def test_scans_across_lanes_and_warps(device: None) -> None:
    x = np.random.default_rng(4).integers(-100, 100, 512).astype(np.int32)
    for warps in (1, 4):
        out = np.zeros(1024, np.int32)
        with pantile.target(TARGET):
            prefix_sums[(1,)](x, out, N=512, num_warps=warps)
        np.testing.assert_array_equal(out[:512], np.cumsum(x))
        np.testing.assert_array_equal(out[512:], np.cumsum(x[::-1])[::-1])


@pantile.jit
def logs(x, out, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out + offs, tl.log(tl.load(x + offs, mask=offs < n, other=1.0)), mask=offs < n)


def test_non_finite_results_without_non_finite_literals(device: None) -> None:
    """naga refuses NaN and infinite literals; the kernel reads them from the words buffer."""
    x = np.array([0.0, -1.0, 1.0, 2.5, np.inf], np.float32)
    out = np.zeros(5, np.float32)
    with pantile.target(TARGET):
        logs[(1,)](x, out, 5, BLOCK=8)
    with np.errstate(divide="ignore", invalid="ignore"):
        want = np.log(x)
    np.testing.assert_allclose(out, want, rtol=1e-6)


@pantile.jit
def column_sums(x, out, rows, BLOCK: tl.constexpr):
    cols = tl.arange(0, BLOCK)
    p = x + cols
    acc = tl.zeros((BLOCK,), tl.float32)
    for _ in range(rows):       # a runtime loop that carries the pointer
        acc += tl.load(p)
        p += BLOCK
    tl.store(out + cols, acc)


def test_loop_carried_pointer(device: None) -> None:
    x = np.random.default_rng(3).random((7, 32), dtype=np.float32)
    out = np.zeros(32, np.float32)
    with pantile.target(TARGET):
        column_sums[(1,)](x, out, 7, BLOCK=32)
    np.testing.assert_allclose(out, x.sum(axis=0), rtol=1e-5)


@pantile.jit
def loop_then_sum(x, out, rows, BLOCK: tl.constexpr):
    cols = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.int32)
    for r in range(rows):
        acc += tl.load(x + r * BLOCK + cols)
    tl.store(out, tl.sum(acc, axis=0))


def test_reduction_of_a_block_carried_by_a_loop(device: None) -> None:
    """The reduction's subgroup shuffles read the loop's result, defined in another SPIR-V block (naga panicked
    and aborted the process before naga_clean recomputed shuffle operands in their block)."""
    x = np.random.default_rng(6).integers(-50, 50, (5, 64)).astype(np.int32)
    out = np.zeros(1, np.int32)
    with pantile.target(TARGET):
        loop_then_sum[(1,)](x, out, 5, BLOCK=64)
    assert out[0] == x.sum()


def test_batched_dot_runs_one_matmul_per_batch(device: None) -> None:
    """A rank-3 tl.dot on the shared SIMT FMA path, at 1 and 4 warps (small integers: the f32 sums are exact)."""
    rng = np.random.default_rng(5)
    b, m, n, k = 4, 32, 16, 16
    x = rng.integers(-3, 4, (b, m, k)).astype(np.float32)
    y = rng.integers(-3, 4, (b, k, n)).astype(np.float32)
    acc = rng.integers(-50, 50, (b, m, n)).astype(np.float32)
    for warps in (1, 4):
        out = np.zeros((b, m, n), np.float32)
        with pantile.target(TARGET):
            batched_dot[(2, 1)](x, y, acc, out, B=b, M=m, N=n, K=k, BM=16, BN=16, OUT=tl.float32, WITH_ACC=True,
                                num_warps=warps)
        np.testing.assert_array_equal(out, np.matmul(x, y) + acc)


@pantile.jit
def returns_at_three_depths(x, out, counter, n):
    """out[p] = x[p] * 10 + 1 where x[p] > 0 (and + 2 more where x[p] is odd); programs past n, or whose x[p] is
    0, return before writing; the counter counts the programs that reach the atomic."""
    pid = tl.program_id(0)
    if pid >= n:
        return
    v = tl.load(x + pid)
    if v == 0:
        return
    tl.atomic_add(counter, 1)
    if v > 0:
        tl.store(out + pid, v * 10 + 1)
        if v % 2 == 0:
            return
        tl.store(out + pid, v * 10 + 3)
        return
    tl.store(out + pid, v)


def test_early_returns_at_several_depths(device: None) -> None:
    """Each `return` leaves an empty branch: the module must still be structured for Vulkan (spirv-val checks it
    at compile time) and run as the control flow says."""
    x = np.array([3, 0, -4, 8, 5, 0, -1, 2, 9, 9], np.int32)
    n = 8                                   # programs 8 and 9 return first
    out = np.full(10, -99, np.int32)
    counter = np.zeros(1, np.int32)
    with pantile.target(TARGET):
        returns_at_three_depths[(10,)](x, out, counter, n)
    live = (np.arange(10) < n) & (x != 0)
    want = np.where(x > 0, x * 10 + np.where(x % 2 == 0, 1, 3), x)
    np.testing.assert_array_equal(out, np.where(live, want, -99))
    assert counter[0] == np.count_nonzero(live)
