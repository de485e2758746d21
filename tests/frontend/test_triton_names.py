"""Names of Triton's language and top level that programs reach for: tl.constexpr_type, tl.tuple_type,
tl.tensor_descriptor_type, tl.target_info (answering for the target a kernel is compiled for), tl.to_tensor,
tl.semantic's type rules, and pantile.backends (GPUTarget, the registry of one backend per installed target family)."""
import re

import pytest

import pantile
import pantile.language as tl
from pantile.backends.compiler import GPUTarget
from pantile.language.semantic import IncompatibleTypeErrorImpl, TritonSemantic, computation_type_impl
from pantile.targets.registry import available_families, get_target

from frontend_kernels.triton_names import (descriptor_and_constexpr_types, python_numbers_as_tensors,
                                          warp_size_of_the_target, which_target)


def stored_constant(arch: str, kernel) -> int:
    """The integer the kernel's one store writes, from the target-neutral IR it compiles to for `arch`."""
    pt = pantile.compile(kernel, ["*i32"], {}, target=arch, validate=False).asm["pt"]
    stored = re.search(r'"pt\.store"\(%\w+, (%\w+)\)', pt).group(1)
    return int(re.search(rf'{stored} = "pt\.constant"\(\) {{value = (-?\d+)}}', pt).group(1))


@pytest.mark.parametrize("arch, answer", [("cuda:sm_90a", 1), ("cuda:sm_80", 2), ("hip:gfx942", 3), ("cpu", 4)])
def test_target_info_answers_for_the_compile_target(arch, answer):
    assert stored_constant(arch, which_target) == answer


def test_current_target_in_a_kernel_and_outside():
    assert stored_constant("cuda:sm_80", warp_size_of_the_target) == 32
    assert stored_constant("cpu", warp_size_of_the_target) == get_target("cpu").capabilities.warp_size
    with pantile.target("cuda:sm_80"):
        assert tl.target_info.current_target() == GPUTarget("cuda", 80, 32)
        assert tl.target_info.is_cuda() and tl.target_info.cuda_capability_geq(8) and not tl.target_info.is_hip()
        assert not tl.target_info.cuda_capability_geq(8, 6)


def test_descriptor_constexpr_and_tuple_types():
    pantile.compile(descriptor_and_constexpr_types, {"ptr": "*fp32", "n": "i32"}, {"B": 16}, target="cpu")
    t = tl.tuple_type([tl.int32, tl.float16], ["a", "b"])
    assert (str(t), len(t), t[1], list(t)) == ("[a:int32,b:fp16]", 2, tl.float16, [tl.int32, tl.float16])
    assert t == tl.tuple_type([tl.int32, tl.float16], ["a", "b"]) and t != tl.tuple_type([tl.int32, tl.float16])
    assert tl.constexpr(3).type == tl.constexpr_type(3) != tl.constexpr_type(4)
    assert repr(tl.constexpr_type(3)) == "constexpr_type[3]"


def test_to_tensor_gives_python_numbers_tritons_dtypes():
    assert stored_constant("cpu", python_numbers_as_tensors) == 3


def test_semantic_type_rules():
    sem = TritonSemantic()
    assert sem.integer_promote_impl(tl.int64, tl.uint64) == tl.uint64
    assert sem.integer_promote_impl(tl.uint8, tl.int32) == tl.int32
    assert computation_type_impl(tl.float16, False, tl.int32, True, True) == tl.float32
    assert tl.semantic.to_tensor_type(2**40) == tl.int64 and tl.semantic.to_tensor_type(1.5) == tl.float32
    assert tl.semantic.to_tensor_type(1e50) == tl.float64 and tl.semantic.to_tensor_type(2.0 ** -126) == tl.float32
    with pytest.raises(TypeError, match="^Cannot use / on int8 and uint8 because they have different signedness$"):
        computation_type_impl(tl.int8, False, tl.uint8, False, True)
    with pytest.raises(IncompatibleTypeErrorImpl, match=r"^invalid operands of type tl.float32 and tl.int8$"):
        sem.integer_promote_impl(tl.float32, tl.int8)


def test_backends_registry():
    registry = pantile.backends.backends
    assert sorted(registry) == available_families()
    cuda = registry["cuda"].compiler
    assert cuda.supports_target(GPUTarget("cuda", 90, 32)) and not cuda.supports_target(GPUTarget("cuda", 1, 32))
    assert not cuda.supports_target(GPUTarget("hip", "gfx942", 64))
    assert cuda(GPUTarget("cuda", 90, 32)).pantile_target().arch == "cuda:sm_90a"
    with pytest.raises(ValueError, match=r"^the 'cuda' backend does not compile for "):
        cuda(GPUTarget("hip", "gfx942", 64))
    options = cuda(GPUTarget("cuda", 80, 32)).parse_options({"num_warps": 8, "maxnreg": 128, "other": 1})
    assert (options.num_warps, options.num_stages, options.max_registers) == (8, 3, 128)
    with pantile.target("cuda:sm_80"):
        assert registry["cuda"].driver.is_active() and not registry["cpu"].driver.is_active()
        assert registry["cuda"].driver().get_current_target() == GPUTarget("cuda", 80, 32)
    assert registry["hip"].driver().get_current_target().backend == "hip"


# The names of Triton 3.9's `triton.language.__all__` and `triton.__all__` (docs/triton-compatibility.md says what
# works in part).
TRITON_LANGUAGE_NAMES = """
    PropagateNan TRITON_MAX_TENSOR_NUMEL abs add arange argmax argmin associative_scan assume atomic_add
    atomic_and atomic_cas atomic_load atomic_max atomic_min atomic_or atomic_poll atomic_store atomic_xchg
    atomic_xor bfloat16 bitonic_merge block_type broadcast broadcast_to cast cat cdiv ceil clamp condition
    const constexpr constexpr_type cos cumprod cumsum debug_barrier device_assert device_print div_rn dot
    dot_scaled dtype erf exp exp2 expand_dims expect_zero extra fdiv flip float16 float32 float64 float8e4b15
    float8e4b8 float8e4nv float8e5 float8e5b16 floor fma full gather histogram inline_asm_elementwise int1
    int16 int32 int64 int8 interleave join load load_tensor_descriptor log log2 make_block_ptr
    make_tensor_descriptor map_elementwise math max max_constancy max_contiguous maximum min minimum mul
    multiple_of num_programs pair_uniform_to_normal permute philox philox_impl pi32_t pointer_type program_id
    rand rand4x randint randint4x randn randn4x range ravel reduce reduce_or reshape rsqrt sigmoid sin slice
    softmax sort split sqrt sqrt_rn squeeze static_assert static_print static_range store
    store_tensor_descriptor sub sum swizzle2d target_info tensor tensor_descriptor to_tensor topk trans tuple
    uint16 uint32 uint64 uint8 uint_to_uniform_float umulhi unsqueeze view void where xor_sum zeros zeros_like
""".split()
TRITON_NAMES = """
    AsyncCompileMode aggregate autotune cdiv CompilationError compile Config constexpr_function FutureKernel
    heuristics InterpreterError jit JITFunction KernelInterface language MockTensor must_use_result
    next_power_of_2 OutOfResources reinterpret runtime set_allocator TensorWrapper TritonError testing tools
""".split()


def test_every_triton_3_9_name_is_there():
    assert [n for n in TRITON_LANGUAGE_NAMES if not hasattr(tl, n)] == []
    assert [n for n in TRITON_LANGUAGE_NAMES if n not in tl.__all__] == []
    assert [n for n in TRITON_NAMES if not hasattr(pantile, n)] == []
    assert [n for n in TRITON_NAMES if n not in pantile.__all__] == []
