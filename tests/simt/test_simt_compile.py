"""Offline: what every SIMT target compiles for every kernel (no GPU needed; each target's validator checks it).
The archs are every SIMT target's (capabilities.simt) `family_archs()`, from the registry."""
import re

import pytest

import pantile
import pantile.language as tl
from pantile.frontend import CompilationError
from pantile.targets.atomics import supported_atomic_types
from pantile.targets.registry import all_targets, get_target

from compat_kernels import batched_dot
from test_simt_print import printer

ALL_ARCHS = tuple(arch for t in all_targets() for arch in t.family_archs())
SIMT_ARCHS = tuple(arch for arch in ALL_ARCHS if get_target(arch).capabilities.simt)


def archs_with(archs: tuple, **needs) -> tuple:
    """Those of `archs` whose capability records allow `needs` (Capabilities.unsupported's keywords)."""
    return tuple(arch for arch in archs if get_target(arch).capabilities.unsupported(**needs) is None)


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


@pytest.mark.parametrize("arch", tuple(a for a in SIMT_ARCHS if get_target(a).capabilities.device_print))
def test_print_of_values_of_several_types_compiles_and_validates(arch):
    art = pantile.compile(printer, {"x_ptr": "*i32", "y_ptr": "*fp16", "n": "i32"}, {"BLOCK": 4}, target=arch)
    assert art.binary and art.kernel_name == "printer"


@pytest.mark.parametrize("arch", archs_with(SIMT_ARCHS, dot=("f8e4m3", "f8e5m2")))
@pytest.mark.parametrize("dtype", ("float8e4nv", "float8e5"))
def test_fp8_dot_compiles_on_the_fma_path(arch, dtype):
    art = pantile.compile(dot_of, {"a_ptr": "*fp32", "b_ptr": "*fp32", "c_ptr": "*fp32"},
                          {"IN": getattr(tl, dtype), "N": 16}, target=arch)
    assert art.binary


@pytest.mark.parametrize("arch", SIMT_ARCHS)
@pytest.mark.parametrize("dtype, out", [("*fp16", "*fp32"), ("*fp32", "*fp32"), ("*i8", "*i32")])
def test_batched_dot_compiles_and_validates(arch, dtype, out):
    art = pantile.compile(batched_dot, {"a_ptr": dtype, "b_ptr": dtype, "acc_ptr": out, "out_ptr": out},
                          {"B": 2, "M": 32, "N": 32, "K": 16, "BM": 16, "BN": 16, "OUT": tl.float32,
                           "WITH_ACC": False}, target=arch)
    assert art.binary and art.metadata.get("spill_stores", 0) == 0


# f32 fused multiply-adds in each instruction set with a text form, by its asm key (SPIR-V's from OpenCL's or
# GLSL's extended instruction set)
FMA = {"ptx": r"\bfma\.rn\.f32\b", "amdgcn": r"\bv_fma\w*_f32\b", "spirv": r"\b(fma|Fma)\b"}


@pytest.mark.parametrize("arch", SIMT_ARCHS)
def test_batched_dot_does_one_fma_per_accumulator_and_k(arch):
    """A rank-3 tl.dot runs on the FMA units: B x BM x BN accumulators over the program's threads, K FMAs each,
    none computed twice."""
    warps, (b, bm, bn, k) = 4, (2, 16, 16, 16)
    art = pantile.compile(batched_dot, {"a_ptr": "*fp16", "b_ptr": "*fp16", "acc_ptr": "*fp32", "out_ptr": "*fp32"},
                          {"B": b, "M": 32, "N": 32, "K": k, "BM": bm, "BN": bn, "OUT": tl.float32,
                           "WITH_ACC": False}, target=arch, num_warps=warps)
    kind = next(k for k in FMA if k in art.asm)
    threads = warps * get_target(arch).capabilities.warp_size
    assert len(re.findall(FMA[kind], art.asm[kind])) == b * bm * bn * k // threads


@pytest.mark.parametrize("arch", tuple(a for a in SIMT_ARCHS if not get_target(a).capabilities.device_print))
def test_print_is_refused_at_the_users_line_where_the_capability_record_has_none(arch):
    with pytest.raises(CompilationError) as err:
        pantile.compile(printer, {"x_ptr": "*i32", "y_ptr": "*fp16", "n": "i32"}, {"BLOCK": 4}, target=arch)
    assert f"test_simt_print.py:{printer.fn.__code__.co_firstlineno + 6}:5: error: device_print is not supported " \
           f"on the {arch} target (capabilities.device_print)" in str(err.value)


@pytest.mark.parametrize("arch", SIMT_ARCHS)
def test_noinline_functions_are_inlined_into_the_one_kernel(arch):
    art = pantile.compile(calls_noinline, {"x_ptr": "*fp32", "out_ptr": "*fp32"}, {"BLOCK": 64}, target=arch)
    assert art.asm["llir"].count("define ") == 1 and "doubled_sum" not in art.asm["llir"]


@pytest.mark.parametrize("arch", [a for a in ALL_ARCHS if a not in archs_with(ALL_ARCHS, atomic_dtypes=("bf16",))])
def test_unsupported_atomic_is_a_compilation_error_at_the_users_line(arch):
    with pytest.raises(CompilationError) as err:
        pantile.compile(bf16_atomic, {"x_ptr": "*fp32", "out_ptr": "*u16"}, target=arch)
    caps = get_target(arch).capabilities
    assert f"test_simt_compile.py:{bf16_atomic.fn.__code__.co_firstlineno + 2}:5: error: atomic_add on bf16 is " \
           f"not supported on the {arch} target; use {supported_atomic_types(caps)}" in str(err.value)


@pantile.jit
def block_sum(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr, tl.sum(tl.load(x_ptr + offs, mask=offs < n, other=0.0) * 2, axis=0))


@pytest.mark.parametrize("arch", SIMT_ARCHS)
@pytest.mark.parametrize("kernel", ("vector_add", "block_sum"))
def test_code_size_does_not_grow_with_a_block_far_larger_than_its_threads(arch, kernel):
    """Registers beyond the threads' share are a loop over chunks of them, not unrolled: the LLVM IR of a
    vector add or a sum of 2^20 elements is hardly larger than that of 2^14 (the loop's trip count and index
    bits)."""
    from pantile.examples.vector_add import add_kernel
    if kernel == "vector_add":
        fn, signature, name = add_kernel, {"x_ptr": "*fp32", "y_ptr": "*fp32", "out_ptr": "*fp32",
                                           "n_elements": "i32"}, "BLOCK_SIZE"
    else:
        fn, signature, name = block_sum, {"x_ptr": "*fp32", "out_ptr": "*fp32", "n": "i32"}, "BLOCK"
    lines = [pantile.compile(fn, signature, {name: block}, target=arch).asm["llir"].count("\n")
             for block in (1 << 14, 1 << 20)]
    assert lines[1] < 1.2 * lines[0] and lines[1] < 2000, lines
