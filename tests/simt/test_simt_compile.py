"""Offline: what the SIMT targets compile for every kernel (no GPU needed; ptxas and spirv-val check it)."""
import pytest

import pantile
import pantile.language as tl
from pantile.frontend import CompilationError
from pantile.targets.atomics import supported_atomic_types
from pantile.targets.registry import get_target

from test_simt_print import printer

CUDA_ARCHS = ("cuda:sm_80", "cuda:sm_90a")


@pantile.jit
def dot_of(a_ptr, b_ptr, c_ptr, IN: tl.constexpr, N: tl.constexpr):
    """C (f32) = A @ B for N x N blocks loaded as f32 and rounded to IN first."""
    r = tl.arange(0, N)
    a = tl.load(a_ptr + r[:, None] * N + r[None, :]).to(IN)
    b = tl.load(b_ptr + r[:, None] * N + r[None, :]).to(IN)
    tl.store(c_ptr + r[:, None] * N + r[None, :], tl.dot(a, b))


@pantile.jit(noinline=True)
def doubled_sum(x):
    """A helper kept as a call by targets that can call functions."""
    return tl.sum(x, axis=0) * 2


@pantile.jit
def calls_noinline(x_ptr, out_ptr, BLOCK: tl.constexpr):
    x = tl.load(x_ptr + tl.arange(0, BLOCK))
    tl.store(out_ptr, doubled_sum(x) + doubled_sum(x * x))


@pantile.jit
def bf16_atomic(x_ptr, out_ptr):
    tl.atomic_add(out_ptr.to(tl.pointer_type(tl.bfloat16)), tl.load(x_ptr).to(tl.bfloat16))


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_print_of_values_of_several_types_assembles(arch):
    art = pantile.compile(printer, {"x_ptr": "*i32", "y_ptr": "*fp16", "n": "i32"}, {"BLOCK": 4}, target=arch)
    assert art.format == "cubin"
    assert art.asm["ptx"].count("call.uni") >= 1 and "vprintf" in art.asm["ptx"]


@pytest.mark.parametrize("arch", ("cuda:sm_90a", "intel:spirv"))
@pytest.mark.parametrize("dtype", ("float8e4nv", "float8e5"))
def test_fp8_dot_compiles_on_the_fma_path(arch, dtype):
    art = pantile.compile(dot_of, {"a_ptr": "*fp32", "b_ptr": "*fp32", "c_ptr": "*fp32"},
                          {"IN": getattr(tl, dtype), "N": 16}, target=arch)
    assert art.binary
    assert ("f8e4m3" if dtype == "float8e4nv" else "f8e5m2") in get_target(arch).capabilities.dot_dtypes


@pytest.mark.parametrize("arch", CUDA_ARCHS + ("intel:spirv",))
def test_noinline_functions_are_inlined_into_the_one_kernel(arch):
    art = pantile.compile(calls_noinline, {"x_ptr": "*fp32", "out_ptr": "*fp32"}, {"BLOCK": 64}, target=arch)
    assert art.asm["llir"].count("define ") == 1 and "doubled_sum" not in art.asm["llir"]


@pytest.mark.parametrize("arch", ("cpu", "intel:spirv") + CUDA_ARCHS)
def test_unsupported_atomic_is_a_compilation_error_at_the_users_line(arch):
    with pytest.raises(CompilationError) as err:
        pantile.compile(bf16_atomic, {"x_ptr": "*fp32", "out_ptr": "*u16"}, target=arch)
    caps = get_target(arch).capabilities
    assert f"test_simt_compile.py:{bf16_atomic.fn.__code__.co_firstlineno + 2}:5: error: atomic_add on bf16 is " \
           f"not supported on the {arch} target; use {supported_atomic_types(caps)}" in str(err.value)


def test_atomic_types_are_listed_from_the_capability_records():
    assert supported_atomic_types(get_target("cpu").capabilities) == "f16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("cuda:sm_90a").capabilities) == "f16, f32, f64 or an integer type"
    assert supported_atomic_types(get_target("intel:spirv").capabilities) == "f32, f64, i32, i64, u32 or u64"


@pantile.jit
def rounded_ops(x_ptr, y_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    tl.store(out_ptr + offs, tl.sqrt_rn(x) + tl.div_rn(x, tl.load(y_ptr + offs)))


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_sqrt_rn_and_div_rn_are_the_correctly_rounded_instructions(arch):
    ptx = pantile.compile(rounded_ops, {"x_ptr": "*fp32", "y_ptr": "*fp32", "out_ptr": "*fp32"}, {"BLOCK": 128},
                          target=arch).asm["ptx"]
    assert "sqrt.rn.f32" in ptx and "div.rn.f32" in ptx
    assert "sqrt.approx" not in ptx and "div.approx" not in ptx and "div.full" not in ptx


@pantile.jit
def ordered_atomics(p_ptr, SEM: tl.constexpr, SCOPE: tl.constexpr):
    tl.atomic_add(p_ptr + tl.arange(0, 128), 1, sem=SEM, scope=SCOPE)


@pytest.mark.parametrize("arch", CUDA_ARCHS)
@pytest.mark.parametrize("sem, scope, fences", (
        ("acq_rel", "gpu", ["fence.acq_rel.gpu", "atom", "fence.acq_rel.gpu"]),
        ("release", "cta", ["fence.acq_rel.cta", "atom"]), ("acquire", "sys", ["atom", "fence.acq_rel.sys"]),
        ("relaxed", "gpu", ["atom"])))
def test_cuda_atomic_rmw_keeps_its_memory_order_through_fences(arch, sem, scope, fences):
    ptx = pantile.compile(ordered_atomics, {"p_ptr": "*i32"}, {"SEM": sem, "SCOPE": scope}, target=arch).asm["ptx"]
    ops = [line.split()[0].rstrip(";") for line in ptx.splitlines() if line.strip().startswith(("fence", "atom"))]
    assert len(ops) >= len(fences)
    assert [op if op.startswith("fence") else "atom" for op in ops] == fences * (len(ops) // len(fences))
    assert ops.count("atom.global.add.u32") == len(ops) // len(fences)


def test_capabilities_name_the_atomic_types_a_case_needs():
    intel = get_target("intel:spirv").capabilities
    assert intel.unsupported(atomic_dtypes=("i32", "f16")) == "atomics on f16 not in capabilities.atomic_dtypes"
    assert get_target("cpu").capabilities.unsupported(atomic_dtypes=("i32", "f16")) is None
