"""Triton's runtime surface: driver.active, compiled kernels from warmup and launches, launch options, knobs,
triton.testing and the exception names, with the values each target's capability record gives."""
import os
import sys
import types

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.runtime.compiled import registers_per_thread
from pantile.runtime.driver import active

from execution_kernels import softmax_rows
from pantile.targets.base import OutOfResources
from pantile.targets.cuda.launch_checks import check_program
from pantile.targets.registry import get_target


@pantile.jit
def fill_with_stages(out_ptr, num_stages: tl.constexpr, num_warps: tl.constexpr):
    tl.store(out_ptr + tl.arange(0, 4), tl.full((4,), num_stages * 10 + num_warps, tl.int32))


@pytest.fixture(autouse=True)
def on_the_host():
    """The host target unless a test chooses another (a GPU machine would otherwise make CUDA active)."""
    with pantile.target("cpu"):
        yield


def test_current_target_of_the_host():
    assert active.get_current_target() == ("cpu", "cpu", 1)
    assert active.get_current_device() == 0 and active.get_current_stream() == 0


def test_current_target_follows_the_chosen_target():
    with pantile.target("cuda:sm_90a"):
        target = active.get_current_target()
        assert (target.backend, target.arch, target.warp_size) == ("cuda", 90, 32)
        props = active.utils.get_device_properties(active.get_current_device())
    assert props == {"multiprocessor_count": 132, "max_shared_mem": 227 * 1024, "max_num_regs": 65536,
                     "warpSize": 32, "max_threads_per_sm": 1024}


def test_host_properties_come_from_the_capability_record():
    caps = get_target("cpu").capabilities
    props = pantile.runtime.driver.active.utils.get_device_properties()
    assert props == {"multiprocessor_count": caps.multiprocessor_count, "max_shared_mem": caps.shared_memory_bytes,
                     "max_num_regs": caps.registers_per_multiprocessor, "warpSize": 1, "max_threads_per_sm": 1}
    assert props["multiprocessor_count"] == (int(os.environ.get("PANTILE_CPU_THREADS", 0)) or os.cpu_count())
    assert props["max_shared_mem"] > 0 and props["max_num_regs"] > 0


def test_active_torch_device_without_torch(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ImportError, match=r"get_active_torch_device\(\) needs PyTorch"):
        active.get_active_torch_device()


def test_active_torch_device_is_where_the_target_takes_tensors(monkeypatch):
    made = []

    def empty(size, device):
        made.append(device)
        return types.SimpleNamespace(device=f"<{device}>")
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(empty=empty))
    assert active.get_active_torch_device() == "<cpu>"
    with pantile.target("cuda:sm_80"):
        assert active.get_active_torch_device() == "<cuda>"
    assert made == ["cpu", "cuda"]


def test_compiled_kernel_stages_and_metadata():
    x = np.ones((2, 8), np.float32)
    compiled = softmax_rows[(2,)](np.zeros_like(x), x, 8, 8, 2, 8, BLOCK_SIZE=8, num_stages=1)
    assert {"pt", "llir", "object"} <= set(compiled.asm)
    assert "pt.reduce" in compiled.asm["pt"] and "define" in compiled.asm["llir"]
    assert compiled.asm["object"][:4] == b"\x7fELF"
    assert (compiled.metadata.name, compiled.metadata.target, compiled.metadata.num_stages) == \
        ("softmax_rows", "cpu", 3)
    assert compiled.n_regs == 64 // 4 and compiled.n_spills == 0


def test_compiled_kernel_wants_every_parameter():
    x = np.ones((1, 8), np.float32)
    compiled = softmax_rows.warmup(x, x, 8, 8, 1, 8, BLOCK_SIZE=8, num_stages=1, grid=(1,))
    with pytest.raises(TypeError) as e:
        compiled[(1,)](x, x, 8, 8, 1, 8)
    assert str(e.value) == ("compiled softmax_rows[grid](...) takes all 8 parameters in order (out_ptr, in_ptr, "
                            "in_stride, out_stride, n_rows, n_cols, BLOCK_SIZE, num_stages), constexprs included; "
                            "got 6")


def test_cuda_stages_and_registers_from_ptxas():
    artifact = pantile.compile(softmax_rows, {"out_ptr": "*fp32", "in_ptr": "*fp32", "in_stride": "i32",
                                              "out_stride": "i32", "n_rows": "i32", "n_cols": "i32"},
                               {"BLOCK_SIZE": 128, "num_stages": 1}, target="cuda:sm_90a")
    from pantile.runtime.compiled import stage_texts
    stages = stage_texts(artifact)
    assert {"pt", "llir", "ptx", "cubin"} <= set(stages) and ".entry softmax_rows" in stages["ptx"]
    assert registers_per_thread(artifact, get_target("cuda:sm_90a"), 4) == artifact.metadata["registers"] > 0


def test_hip_stages_are_amdgcn_and_hsaco():
    artifact = pantile.compile(softmax_rows, {"out_ptr": "*fp32", "in_ptr": "*fp32", "in_stride": "i32",
                                              "out_stride": "i32", "n_rows": "i32", "n_cols": "i32"},
                               {"BLOCK_SIZE": 128, "num_stages": 1}, target="hip:gfx942")
    from pantile.runtime.compiled import stage_texts
    stages = stage_texts(artifact)
    assert {"pt", "llir", "amdgcn", "hsaco"} <= set(stages)
    assert ".amdhsa_kernel softmax_rows" in stages["amdgcn"] and stages["hsaco"][:4] == b"\x7fELF"


def test_maxnreg_caps_cuda_registers_and_is_ignored_elsewhere():
    sig = {"out_ptr": "*fp32", "in_ptr": "*fp32", "in_stride": "i32", "out_stride": "i32", "n_rows": "i32",
           "n_cols": "i32"}
    consts = {"BLOCK_SIZE": 1024, "num_stages": 1}
    capped = pantile.compile(softmax_rows, sig, consts, target="cuda:sm_90a", maxnreg=24)
    assert ".maxnreg 24" in capped.asm["ptx"] and capped.metadata["registers"] <= 24
    assert ".maxnreg" not in pantile.compile(softmax_rows, sig, consts, target="cuda:sm_90a").asm["ptx"]
    host = pantile.compile(softmax_rows, sig, consts, target="cpu", maxnreg=24)
    assert host.asm["llir"] == pantile.compile(softmax_rows, sig, consts, target="cpu").asm["llir"]


def test_triton_launch_options_are_accepted():
    x = np.ones((1, 8), np.float32)
    y = np.zeros_like(x)
    softmax_rows[(1,)](y, x, 8, 8, 1, 8, BLOCK_SIZE=8, num_stages=1, num_ctas=1, launch_pdl=True, maxnreg=128)
    np.testing.assert_allclose(y, 1 / 8)


def test_a_parameter_named_like_an_option_is_the_kernels():
    out = np.zeros(4, np.int32)
    compiled = fill_with_stages[(1,)](out, num_stages=5, num_warps=2)
    assert (out == 52).all()
    assert (compiled.metadata.num_stages, compiled.metadata.num_warps) == (3, 4)


def test_exception_names():
    assert pantile.CompilationError is pantile.frontend.CompilationError
    assert pantile.OutOfResources is pantile.runtime.OutOfResources is OutOfResources
    limits = {"max_threads": 1024, "max_shared_optin": 1000, "registers_per_block": 65536}
    with pytest.raises(OutOfResources, match="needs 4096 bytes of shared memory"):
        check_program("k", 4, 4096, 32, limits)


def test_knobs_are_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("PANTILE_CACHE_DIR", raising=False)
    assert pantile.knobs.cache.dir is None
    pantile.knobs.cache.dir = str(tmp_path)
    assert os.environ["PANTILE_CACHE_DIR"] == str(tmp_path)
    pantile.knobs.compilation.timing = True
    assert os.environ["PANTILE_TIMING"] == "1" and pantile.knobs.compilation.timing is True
    pantile.knobs.compilation.timing = None
    assert "PANTILE_TIMING" not in os.environ
    monkeypatch.setenv("PANTILE_TARGET", "cuda:sm_80")   # the environment wins over a `with target(...)`
    assert pantile.knobs.runtime.target == "cuda:sm_80" and active.get_current_target().backend == "cuda"


def test_assert_close():
    pantile.testing.assert_close(np.array([1.0, np.nan]), np.array([1.005, np.nan]))
    pantile.testing.assert_close(1.0, 1.1, atol=lambda dtype: 0.2)
    with pytest.raises(AssertionError, match="not close to"):
        pantile.testing.assert_close(1.0, 1.5)
    with pytest.raises(AssertionError, match="Mismatched elements: 1 / 2"):
        pantile.testing.assert_close(np.array([1.0, 2.0]), np.array([1.0, 2.5]), rtol=0.1)


def test_do_bench_clears_gradients_and_cudagraph_times():
    grads = [types.SimpleNamespace(grad=1.0)]
    calls = []

    def fn():
        calls.append(grads[0].grad)
    ms = pantile.testing.do_bench(fn, 1, 1, grads)
    assert ms >= 0 and calls[0] == 1.0 and calls[-1] is None
    low, mid = pantile.testing.do_bench_cudagraph(lambda: None, rep=1, quantiles=[0.2, 0.5])
    assert 0 <= low <= mid


def test_benchmark_positional_fields_and_run_keywords(capsys):
    bench = pantile.testing.Benchmark(["N"], [1, 2], "p", ["a"], ["A"], "plot", {"k": 3}, "x", "y")
    assert (bench.xlabel, bench.ylabel) == ("x", "y")
    mark = pantile.testing.perf_report(bench)(lambda N, p, k, scale: N * k * scale)
    assert mark.run(False, True, scale=2) == [[[1, 6], [2, 12]]]
    assert "plot:" in capsys.readouterr().out


def test_triton_error_is_the_base_of_the_errors_users_catch():
    for error in (pantile.CompilationError, pantile.OutOfResources, pantile.InterpreterError):
        assert issubclass(error, pantile.TritonError)
    assert pantile.runtime.errors.InterpreterError is pantile.InterpreterError


@pantile.jit
def out_of_range_constant(out_ptr):
    huge: tl.constexpr = 0xFFFFFFFFFFFFFF
    x = tl.full((), 32, dtype=tl.int32)
    tl.store(out_ptr, x + huge)


def test_triton_error_catches_a_compilation_error():
    with pytest.raises(pantile.TritonError, match="out of range"):
        out_of_range_constant[(1,)](np.zeros(1, np.int32))


@pantile.jit
def pid_axis(out_ptr, AXIS: tl.constexpr):
    tl.store(out_ptr, tl.program_id(AXIS))


def test_a_launch_error_keeps_the_language_error_as_its_cause():
    """Triton's tests read the reason from a launch's CompilationError.__cause__."""
    with pytest.raises(pantile.CompilationError) as err:
        pid_axis[(1,)](np.zeros(1, np.int32), AXIS=20)
    assert str(err.value.__cause__) == "tl.program_id axis must be 0, 1, or 2 but got 20"


@pantile.jit
def copy_words(src, dst, N: tl.constexpr):
    i = tl.arange(0, N)
    tl.store(dst + i, tl.load(src + i))


def test_reinterpret_passes_an_array_as_another_dtype():
    src = np.array([-1, 7, -2**31, 3], np.int32)
    dst = np.zeros(4, np.int64)
    wrapped = pantile.reinterpret(src, tl.uint32)
    assert isinstance(wrapped, pantile.TensorWrapper) and wrapped.dtype == tl.uint32
    assert pantile.reinterpret(wrapped, tl.int32) is src
    copy_words[(1,)](wrapped, dst, N=4)          # u32 loads widen without the sign
    np.testing.assert_array_equal(dst, src.view(np.uint32).astype(np.int64))
    with pytest.raises(TypeError, match="reinterpret: tl.float16 is not a dtype as wide as the array's int32"):
        pantile.reinterpret(src, tl.float16)


def test_warmup_takes_mock_tensors_and_dtypes():
    compiled = copy_words.warmup(np.dtype(np.float32), pantile.MockTensor(np.dtype(np.float32)), N=8, grid=(1,))
    assert "f32" in compiled.asm["pt"]
    assert pantile.MockTensor.wrap_dtype(3) == 3


def test_kernels_and_autotuners_are_kernel_interfaces():
    tuned = pantile.autotune([pantile.Config({})], key=[])(copy_words)
    assert isinstance(copy_words, pantile.KernelInterface) and isinstance(tuned, pantile.KernelInterface)


@pantile.must_use_result("it has no side effects")
@pantile.jit
def twice(x):
    return x * 2


@pantile.jit
def drops_a_result(out_ptr):
    twice(tl.load(out_ptr))


def test_must_use_result_rejects_a_dropped_result():
    with pytest.raises(pantile.CompilationError) as err:
        drops_a_result[(1,)](np.zeros(1, np.int32))
    assert "the result of twice() is not used: it has no side effects" in str(err.value)


@pantile.jit
def patched_op(out_ptr, x):
    tl.store(out_ptr, GENERATE_TEST_HERE)  # noqa: F821  (replaced through _unsafe_update_src)


def test_jit_function_is_launchable_and_its_source_can_be_patched():
    kernel = pantile.JITFunction(patched_op.fn)
    kernel._unsafe_update_src(kernel.src.replace("GENERATE_TEST_HERE", "x * 3"))
    out = np.zeros(1, np.int32)
    kernel[(1,)](out, 7)
    assert out[0] == 21
    kernel._unsafe_update_src(kernel.src.replace("x * 3", "x + 3"))      # compiled afresh, not from the old variant
    kernel[(1,)](out, 7)
    assert out[0] == 10
    with pytest.raises(ValueError, match=r"changed the parameters \['out_ptr', 'x'\] to \['out_ptr'\]"):
        kernel._unsafe_update_src("def patched_op(out_ptr):\n    pass\n")


def test_dtype_kind_lists_name_dtypes():
    assert [tl.dtype(n) for n in tl.dtype.SINT_TYPES] == [tl.int8, tl.int16, tl.int32, tl.int64]
    assert tl.dtype.UINT_TYPES[0] == "int1" and tl.dtype("fp8e4b15") == tl.float8e4b15
    assert [tl.dtype(n) for n in tl.dtype.STANDARD_FP_TYPES] == [tl.float16, tl.bfloat16, tl.float32, tl.float64]
    assert len({tl.dtype(n) for n in tl.dtype.FP_TYPES}) == 9


@pantile.jit
def optional_scale(x_ptr, s_ptr, out_ptr):
    i = tl.arange(0, 4)
    x = tl.load(x_ptr + i)
    tl.static_assert(isinstance(x, tl.tensor))
    if s_ptr is not None:
        x = x * tl.load(s_ptr + i)
    tl.store(out_ptr + i, x)


def test_none_arguments_compile_in_and_isinstance_works_on_tensors():
    x, out = np.arange(4, dtype=np.float32), np.zeros(4, np.float32)
    optional_scale[(1,)](x, None, out)
    np.testing.assert_array_equal(out, x)
    optional_scale[(1,)](x, x, out)
    np.testing.assert_array_equal(out, x * x)


def test_an_integer_no_kernel_type_holds_is_an_overflow_error_as_in_triton():
    with pytest.raises(OverflowError, match=r"argument 'out_ptr' of optional_scale\(\) is 18446744073709551616"):
        optional_scale[(1,)](np.zeros(4, np.float32), None, 2**64)


@pantile.jit
def uniform_limits(x_ptr, out_ptr):
    i = tl.arange(0, 2)
    tl.store(out_ptr + i, tl.random.uint_to_uniform_float(tl.load(x_ptr + i)))


def test_triton_module_names_random_and_compiler_errors():
    out = np.zeros(2, np.float32)
    uniform_limits[(1,)](np.array([-2**31, 2**31 - 1], np.int32), out)
    assert out[0] == out[1] and 1 - np.finfo(np.float32).eps <= out[0] < 1
    assert pantile.compiler.errors.CompilationError is pantile.CompilationError
    import pantile.language.random as random_module
    assert random_module is tl.random


def test_str_to_ty_and_language_modules():
    assert tl.str_to_ty("fp32") == tl.float32 and tl.str_to_ty("i32") == tl.int32
    assert tl.str_to_ty("*bf16") == tl.pointer_type(tl.bfloat16) and tl.str_to_ty("u8") == tl.uint8
    with pytest.raises(ValueError, match="str_to_ty: unknown type 'f33'; use a dtype name such as 'fp32', 'i32'"):
        tl.str_to_ty("f33")
    assert tl.core.tensor is tl.tensor and tl.standard.sort is tl.sort


def _name_from_signature(specialization):
    consts = "_".join(k for k, v in specialization.constants.items() if v == 1)
    return f"scale_{specialization.signature['factor']}_{specialization.signature['out_ptr'][1:]}_{consts}"


@pantile.jit(repr=_name_from_signature)
def scale_named(out_ptr, factor, flag, N: tl.constexpr):
    tl.store(out_ptr + tl.arange(0, N), tl.full((N,), flag, tl.float32) * factor)


@pytest.mark.parametrize("factor, expected", [(3, "scale_i32_fp32_flag"), (2**40, "scale_i64_fp32_flag"),
                                              (2**63, "scale_u64_fp32_flag"), (2.5, "scale_fp32_fp32_flag")])
def test_a_repr_hook_names_each_compiled_variant(factor, expected):
    """Triton's @jit(repr=...): the hook sees each parameter's Triton type and the compiled-in values (flag == 1
    is one, and so is N); the variant's name is what it returns."""
    out = np.zeros(8, np.float32)
    compiled = scale_named[(1,)](out, factor, 1, N=8)
    assert compiled.name == expected
    np.testing.assert_array_equal(out, np.full(8, np.float32(factor)))
