"""Offline: the PTX the cuda target writes for printing, correctly rounded math and ordered atomics (ptxas
checks each; no GPU needed)."""
import pytest

import pantile
import pantile.language as tl

CUDA_ARCHS = ("cuda:sm_80", "cuda:sm_90a")


@pantile.jit
def prints(x_ptr, BLOCK: tl.constexpr):
    tl.device_print("x=", tl.load(x_ptr + tl.arange(0, BLOCK)))
    tl.device_print("half=", tl.load(x_ptr).to(tl.float16))


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_print_is_a_vprintf_call_that_assembles(arch):
    art = pantile.compile(prints, {"x_ptr": "*i32"}, {"BLOCK": 4}, target=arch)
    assert art.format == "cubin"
    assert art.asm["ptx"].count("call.uni") >= 1 and "vprintf" in art.asm["ptx"]


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


@pantile.jit
def copies(src_ptr, dst_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(dst_ptr + offs, tl.load(src_ptr + offs))


def test_a_validated_compile_assembles_its_ptx_once(monkeypatch, tmp_path):
    """The cubin is ptxas's own output, its figures recorded when it was made: validation does not run it again."""
    from pantile.targets.cuda import target as cuda_target
    calls = []
    assemble = cuda_target.assemble

    def counted(*args, **kwargs):
        calls.append(args[1])
        return assemble(*args, **kwargs)
    monkeypatch.setattr(cuda_target, "assemble", counted)
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    art = pantile.compile(copies, {"src_ptr": "*fp32", "dst_ptr": "*fp32"}, {"BLOCK": 256}, target="cuda:sm_80")
    assert calls == ["sm_80"] and art.format == "cubin" and art.metadata["registers"] > 0
    art.format = "ptx"                        # PTX the driver would compile: validation is ptxas's to do
    pantile.targets.registry.get_target("cuda:sm_80").validate(art)
    assert calls == ["sm_80", "sm_80"]


@pantile.jit
def divided(x_ptr, y_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs) / tl.load(y_ptr + offs))


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_f32_division_is_div_full(arch):
    """`/` on f32 is div.full.f32 (2 ulp over the whole range, within OpenCL's 2.5; no flush to zero), which
    has no slow path to call: softmax's 16 divisions per thread were 16 FCHK checks and calls before."""
    art = pantile.compile(divided, {"x_ptr": "*fp32", "y_ptr": "*fp32", "out_ptr": "*fp32"}, {"BLOCK": 128},
                          target=arch)
    ptx = art.asm["ptx"]
    assert "div.full.f32" in ptx and "div.rn" not in ptx and ".ftz" not in ptx


@pantile.jit
def exponential(x_ptr, out_ptr, BASE_TWO: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    tl.store(out_ptr + offs, tl.exp2(x) if BASE_TWO else tl.exp(x))


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_f32_exp_polynomial_is_fma_steps(arch):
    """exp's degree-7 polynomial is 6 fma.rn.f32 (its accuracy on the host: test_cuda_math_host.py), not 6 multiplies
    and 6 adds; a kernel's own a * b + c is never fused (docs/floating-point.md)."""
    ptx = _exponential_ptx(arch, base_two=False)
    assert ptx.count("fma.rn.f32") == 6 and "ex2.approx" not in ptx


def _exponential_ptx(arch: str, base_two: bool) -> str:
    return pantile.compile(exponential, {"x_ptr": "*fp32", "out_ptr": "*fp32"}, {"BASE_TWO": base_two, "BLOCK": 128},
                           target=arch).asm["ptx"]


@pytest.mark.parametrize("arch", CUDA_ARCHS)
def test_f32_exp2_is_one_ftz_mufu_instruction_as_tritons(arch):
    """tl.exp2 on f32 is ex2.approx.ftz.f32, Triton's form: subnormal results are 0 (docs/floating-point.md)."""
    ptx = _exponential_ptx(arch, base_two=True)
    assert "ex2.approx.ftz.f32" in ptx and "ex2.approx.f32" not in ptx
