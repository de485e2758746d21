"""The CPU target's contract: registry, capabilities, artifacts (reloaded in another process), validation,
cost model, launcher arguments and threads, and isolation from LLVM aborts."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pantile
import pantile.language as tl
from execution_kernels import checked, scale_add
from pantile.ir import PointerType, f32, i32
from pantile.runtime.compiler import Specialization, lower_to_target_ir
from pantile.targets.base import CompileOptions, ValidationError
from pantile.targets.cpu import CpuTarget, engine, make_target
from pantile.targets.cpu.engine import LLVMInternalError, Pipeline
from pantile.targets.cpu.launcher import thread_count
from pantile.targets.llvm import isolation
from pantile.targets.registry import get_target

SPEC = Specialization((("x_ptr", PointerType(f32)), ("out_ptr", PointerType(f32)), ("n", i32), ("alpha", f32),
                       ("beta", f32), ("flag", pantile.language.int1.to_ir())), (("BLOCK", 128),), ())


@pytest.fixture(scope="module")
def artifact():
    target = get_target("cpu")
    module = lower_to_target_ir(scale_add, SPEC, target, CompileOptions())
    return target.emit(module, CompileOptions())


def test_registered_under_cpu():
    target = get_target("cpu")
    assert isinstance(target, CpuTarget)
    assert (target.name, target.arch) == ("cpu", "cpu")
    with pytest.raises(ValueError, match=r"unknown cpu baseline 'avx512': write cpu \(this host's CPU\) or one of "):
        make_target("cpu:avx512")


def test_capabilities():
    caps = get_target("cpu").capabilities
    assert caps.warp_size == 1
    assert {"bf16", "f8e4m3", "f8e5m2", "f16", "f64", "i64", "u8"} <= caps.dtypes
    assert {"f16", "bf16", "f32", "i8"} <= caps.dot_dtypes
    assert caps.unsupported(dtypes=["f32"], dot=["f16"], atomics=["fadd", "xchg"]) is None


def test_artifact_describes_arguments(artifact):
    assert artifact.format == "object" and artifact.binary
    assert artifact.kernel_name == "scale_add"
    assert [(a.name, str(a.type), a.writes) for a in artifact.args] == [
        ("x_ptr", "ptr<f32, 1>", False), ("out_ptr", "ptr<f32, 1>", True), ("n", "i32", False),
        ("alpha", "f32", False), ("beta", "f32", False), ("flag", "i1", False)]
    assert "define" in artifact.asm["llir"]
    get_target("cpu").validate(artifact)


def test_validate_rejects_broken_ir(artifact):
    broken = pickle.loads(pickle.dumps(artifact))
    broken.asm["llir"] = artifact.asm["llir"].replace("ret void", "ret i32 0", 1)
    with pytest.raises(ValidationError, match="LLVM rejected the generated IR"):
        get_target("cpu").validate(broken)


def test_artifact_runs_in_another_process(artifact, tmp_path):
    path = tmp_path / "artifact.pkl"
    path.write_bytes(pickle.dumps(artifact))
    script = textwrap.dedent(f"""
        import pickle, numpy as np
        from pantile.targets.registry import get_target
        art = pickle.loads(open({str(path)!r}, "rb").read())
        launch = get_target("cpu").launcher(art)
        x = np.arange(300, dtype=np.float32)
        out = np.zeros_like(x)
        launch((3, 1, 1), [x, out, 300, 2.0, 0.5, True])
        print(float(out.sum()))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    x = np.arange(300, dtype=np.float32)
    assert float(done.stdout) == float((x * 2 + 0.5 + 1).sum())


def test_cost_model_is_a_roofline(artifact):
    model = get_target("cpu").cost_model
    small = model.predict(artifact, (1, 1, 1), bytes_moved=1e3)
    large = model.predict(artifact, (1000, 1, 1), bytes_moved=1e9)
    assert 0 < small < large
    assert model.predict(artifact, (1000, 1, 1), flops=1e12) > model.predict(artifact, (1000, 1, 1), flops=1e9)


def test_launcher_checks_its_arguments(artifact):
    launch = get_target("cpu").launcher(artifact)
    with pytest.raises(TypeError, match=r"scale_add takes 6 runtime arguments \(x_ptr, out_ptr, n, alpha, beta, flag\), got 2"):
        launch((1, 1, 1), [np.zeros(4, np.float32), np.zeros(4, np.float32)])
    with pytest.raises(TypeError, match="argument 'x_ptr' of scale_add must be a numpy array or a CPU tensor on "
                                        "cpu, got float"):
        launch((1, 1, 1), [1.5, np.zeros(4, np.float32), 4, 1.0, 1.0, False])
    with pytest.raises(TypeError, match=r"argument 'n' of scale_add is '4', which a parameter of type i32 cannot "
                                        r"take \(required argument is not an integer\)"):
        launch((1, 1, 1), [np.zeros(4, np.float32), np.zeros(4, np.float32), "4", 1.0, 1.0, False])


@pantile.jit
def big_blocks(x_ptr, out_ptr, BLOCK: tl.constexpr):
    """Large blocks with several live intermediates (they live in the scratch arena, not on the stack)."""
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    a = x * 2.0
    b = tl.exp(a * 0.001)
    c = tl.cumsum(b, axis=0)
    tl.store(out_ptr + offs, c - tl.sum(a, axis=0) + a)


def test_large_blocks_live_off_the_stack():
    n = 1 << 16
    x = np.random.default_rng(1).standard_normal(n).astype(np.float32)
    out = np.zeros_like(x)
    big_blocks[(1,)](x, out, BLOCK=n)
    a = (x * 2).astype(np.float64)
    want = np.cumsum(np.exp(a * 0.001)) - a.sum() + a
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=2e-2)


def test_device_assert_is_compiled_only_in_debug_builds_and_names_the_element():
    """Without a debug build the check is compiled out; with one, a failure also names the element
    (tests/execution checks the rest of device_assert on every target)."""
    x = np.ones(1000, np.int32)
    x[777] = 0
    plain = pantile.compile(checked, ["*i32", "i32"], {"BLOCK": 128}, debug=False)
    debug = pantile.compile(checked, ["*i32", "i32"], {"BLOCK": 128}, debug=True)
    assert plain.metadata["asserts"] == [] and "assert_failed" not in plain.asm["llir"]
    [message] = debug.metadata["asserts"]
    assert message.endswith("device assertion failed: x must be positive") and "assert_failed" in debug.asm["llir"]
    with pytest.raises(pantile.DeviceAssertionError, match=r"\(program \(6, 0, 0\), element 9\)"):   # 777 = 6 * 128 + 9
        checked[(pantile.cdiv(1000, 128),)](x, 1000, BLOCK=128, debug=True)


@pantile.jit
def assumed_full_blocks(out_ptr, N: tl.constexpr, BLOCK: tl.constexpr):
    size = N - tl.program_id(0) * BLOCK
    tl.assume(size >= BLOCK)
    tl.store(out_ptr + tl.program_id(0), size)


def test_assume_reaches_llvm_as_llvm_assume():
    """tl.assume is an llvm.assume in the LLVM IR (Triton emits one; test_core's test_assume looks for it)."""
    art = pantile.compile(assumed_full_blocks, ["*i32"], {"N": 1024, "BLOCK": 128})
    assert "call void @\"llvm.assume\"(i1" in art.asm["llir"]
    out = np.zeros(8, np.int32)
    assumed_full_blocks[(8,)](out, N=1024, BLOCK=128)
    np.testing.assert_array_equal(out, 1024 - 128 * np.arange(8))


def test_thread_count_from_environment(monkeypatch):
    monkeypatch.setenv("PANTILE_CPU_THREADS", "3")
    assert thread_count.__wrapped__() == 3
    monkeypatch.setenv("PANTILE_CPU_THREADS", "zero")
    with pytest.raises(ValueError, match="PANTILE_CPU_THREADS='zero': give a positive integer"):
        thread_count.__wrapped__()
    monkeypatch.delenv("PANTILE_CPU_THREADS")
    assert thread_count.__wrapped__() == (os.cpu_count() or 1)


def _abort_on_marker(real):
    def compile_(text, opt_level, pipeline, cpu=""):
        if "ABORT_HERE" in text and (pipeline.vectorize or "ALWAYS" in text):
            os.abort()
        return real(text, opt_level, pipeline, cpu)
    return compile_


VALID_IR = "define void @f() {\n  ret void\n}\n"


@pytest.fixture
def aborting_compile(monkeypatch):
    """LLVM made to abort on marked IR, in a worker forked after the patch (earlier workers hold the real one)."""
    monkeypatch.setattr(engine, "_compile", _abort_on_marker(engine._compile))
    monkeypatch.setattr(isolation, "_workers", {})


def test_llvm_abort_kills_only_the_worker(aborting_compile):
    with pytest.raises(LLVMInternalError, match="(?s)signal 6.*--- reproducer ---"):
        engine.emit_object("; ABORT_HERE ALWAYS\n" + VALID_IR)
    obj, _ = engine.emit_object(VALID_IR)   # a new worker serves the next request
    assert obj


def test_llvm_abort_falls_back_then_reports_the_reproducer(aborting_compile):
    obj, _ = engine.emit_object("; ABORT_HERE\n" + VALID_IR)   # the pipeline without the vectoriser works
    assert obj
    with pytest.raises(LLVMInternalError, match="(?s)LLVM crashed compiling the generated IR with every "
                                                "pipeline.*--- reproducer ---.*ABORT_HERE ALWAYS"):
        engine.emit_object("; ABORT_HERE ALWAYS\n" + VALID_IR)


def test_forked_process_gets_its_own_worker():
    obj, _ = engine.emit_object(VALID_IR)
    assert obj
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            obj, _ = engine.emit_object(VALID_IR.replace("@f", "@g"))
            code = 0 if obj else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    obj, _ = engine.emit_object(VALID_IR)   # the parent's worker still answers
    assert obj
