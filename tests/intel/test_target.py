"""The intel:spirv target object: registration, capabilities from the device, emission, validation."""
import os
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.ir import PointerType, f32, i32
from pantile.runtime.compiler import Specialization, lower_to_target_ir
from pantile.targets.base import CompileOptions
from pantile.targets.intel import make_target
from pantile.targets.intel import target as target_module
from pantile.targets.intel.device import OpenCLUnavailable
from pantile.targets.reproducer import InternalCompilerError
from pantile.targets.intel.target import (NOMINAL_DEVICE, IntelTarget, capabilities_of, choose_sub_group_size,
                                          spirv_extensions)
from pantile.targets.registry import get_target


@pantile.jit
def scale_kernel(x_ptr, out_ptr, n, factor, FLIP: tl.constexpr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    x = tl.load(x_ptr + offs, mask=mask)
    tl.store(out_ptr + offs, tl.where(FLIP, -x, x) * factor, mask=mask)


def test_registered_under_the_intel_family():
    target = get_target("intel:spirv")
    assert (target.name, target.arch) == ("intel", "intel:spirv")
    assert target.unavailable() is None
    with pytest.raises(ValueError, match="^unknown Intel target 'intel:gen12': the Intel family has only "
                                         "'intel:spirv'$"):
        make_target("intel:gen12")


def test_capabilities_come_from_the_device(rt):
    caps = get_target("intel:spirv").capabilities
    assert caps.warp_size == choose_sub_group_size(rt.info) and caps.warp_size in rt.info.sub_group_sizes
    assert caps.shared_memory_bytes == rt.info.local_memory
    assert caps.max_threads_per_program == rt.info.max_work_group_size
    assert caps.extra["sub_group_sizes"] == rt.info.sub_group_sizes
    assert ("f64" in caps.dtypes) == rt.info.fp64 and ("f16" in caps.dtypes) == rt.info.fp16
    assert ("fadd" in caps.atomic_kinds) == ("cl_ext_float_atomics" in rt.info.extensions)


def test_a_smaller_device_excludes_what_it_lacks():
    caps = capabilities_of(NOMINAL_DEVICE)
    assert caps.unsupported(dtypes=["f64"]) == "dtype f64 not in capabilities.dtypes"
    assert caps.unsupported(dot=["f64"]) == "dot on f64 not in capabilities.dot_dtypes"
    assert caps.unsupported(atomics=["fadd"]) == "atomic fadd not in capabilities.atomic_kinds"
    assert caps.unsupported(dtypes=["f16", "bf16", "i64"]) is None
    assert spirv_extensions(NOMINAL_DEVICE) == ()


def test_sub_group_size_is_the_cpu_simd_width_else_16_then_32_then_8():
    cpu = replace(NOMINAL_DEVICE, is_gpu=False, sub_group_sizes=(4, 8, 16, 32), native_float_width=8)
    assert choose_sub_group_size(cpu) == 8
    assert choose_sub_group_size(replace(cpu, native_float_width=2)) == 16
    gpu = replace(cpu, is_gpu=True)
    assert choose_sub_group_size(gpu) == 16
    assert choose_sub_group_size(replace(gpu, sub_group_sizes=(8, 32))) == 32
    assert choose_sub_group_size(replace(gpu, sub_group_sizes=(4, 8))) == 8
    assert choose_sub_group_size(replace(gpu, sub_group_sizes=(64,))) == 64


def test_emitted_kernel_requires_its_sub_group_size():
    art = pantile.compile(scale_kernel, ["*fp32", "*fp32", "i32", "fp32"], {"FLIP": False, "BLOCK": 256},
                          target="intel:spirv", num_warps=2)
    assert (art.format, art.kernel_name, art.num_warps) == ("spirv", "scale_kernel", 2)
    sub_group = get_target("intel:spirv").capabilities.warp_size
    assert art.metadata["local_size"] == 2 * sub_group and art.metadata["sub_group_size"] == sub_group
    assert [(a.name, str(a.type), a.writes) for a in art.args] == [
        ("x_ptr", "ptr<f32, 1>", False), ("out_ptr", "ptr<f32, 1>", True), ("n", "i32", False),
        ("factor", "f32", False)]
    assert 'OpEntryPoint Kernel %scale_kernel "scale_kernel"' in art.asm["spirv"]
    assert f"OpExecutionMode %scale_kernel SubgroupSize {sub_group}" in art.asm["spirv"]
    assert "spir_kernel" in art.asm["llir"]


def test_validate_reports_a_damaged_artifact(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTILE_CACHE_DIR", str(tmp_path))
    target = get_target("intel:spirv")
    art = pantile.compile(scale_kernel, ["*fp32", "*fp32", "i32", "fp32"], {"FLIP": True, "BLOCK": 64},
                          target="intel:spirv")
    target.validate(art)
    art.binary = art.binary[:20] + b"\xff\xff\xff\xff" + art.binary[24:]
    with pytest.raises(InternalCompilerError, match=r"\(spirv-val rejected the module\)"):
        target.validate(art)


def test_without_a_device_kernels_still_compile_and_validate(monkeypatch):
    def no_device():
        raise OpenCLUnavailable("no OpenCL device accepts SPIR-V here")
    monkeypatch.setattr(target_module, "opencl_runtime", no_device)
    target = IntelTarget()
    assert target.unavailable() == "no OpenCL device accepts SPIR-V here"
    assert target.capabilities == capabilities_of(NOMINAL_DEVICE)
    options = CompileOptions(num_warps=1)
    spec = Specialization((("x_ptr", PointerType(f32)), ("out_ptr", PointerType(f32)), ("n", i32),
                           ("factor", f32)), (("FLIP", True), ("BLOCK", 128)), ())
    art = target.emit(lower_to_target_ir(scale_kernel, spec, target, options), options)
    target.validate(art)
    assert art.metadata["local_size"] == 16


@pytest.fixture(scope="module")
def other_queue(rt):
    """A queue of a second OpenCL context on the same device (the context is held: a queue does not hold it)."""
    context = rt.cl.Context([rt.device])
    yield rt.cl.CommandQueue(context)


def test_owns_pyopencl_arrays_of_its_context_only(rt, other_queue):
    target = get_target("intel:spirv")
    mine = rt.cl.array.zeros(rt.queue, 8, np.float32)
    assert target.owns(mine) and target.owns(mine.base_data)
    assert not target.owns(rt.cl.array.zeros(other_queue, 4, np.float32))
    assert not target.owns(np.zeros(4, np.float32))


def test_device_arrays_tell_their_device_and_alignment(rt, other_queue):
    target = get_target("intel:spirv")
    whole = target.device_array(rt.cl.array.zeros(rt.queue, 8, np.float32))
    assert whole.device == f"OpenCL {rt.device.name.strip()!r} ({rt.device.platform.name.strip()})"
    assert (whole.address, whole.to_host) == (0, ".get()")
    assert target.device_array(rt.cl.array.zeros(rt.queue, 8, np.float32)[3:]).address == 12
    assert target.device_array(rt.cl.array.zeros(other_queue, 4, np.float32)) is not None
    assert target.device_array(np.zeros(4, np.float32)) is None


def _on_device(rt, queue=None):
    """x, and pyopencl arrays of x and of zeros for the output (on `queue`, else pantile's)."""
    x = np.arange(300, dtype=np.float32)
    queue = queue or rt.queue
    return x, rt.cl.array.to_device(queue, x), rt.cl.array.zeros(queue, 300, np.float32)


def test_pyopencl_arrays_through_jit_run_on_intel_without_a_target_named(rt, monkeypatch):
    monkeypatch.delenv("PANTILE_TARGET", raising=False)
    x, x_dev, out_dev = _on_device(rt)
    scale_kernel[(3,)](x_dev, out_dev, 300, 0.5, FLIP=True, BLOCK=128)
    np.testing.assert_array_equal(out_dev.get(), -0.5 * x)
    assert ("intel:spirv", None, None, False, None, (("*f32", "div16"), ("*f32", "div16"), ("i32",), ("f32",),
                                               ("constexpr", True), ("constexpr", 128))) in scale_kernel._variants


def test_pyopencl_views_at_unaligned_offsets_read_and_write_through_aligned_copies(rt, monkeypatch):
    """x_dev[3:] and out_dev[5:] start 12 and 20 bytes into their buffers, which OpenCL cannot sub-buffer: the
    launch copies them to aligned buffers, writes land in the view only, and the kernel is not specialised for
    16-byte alignment it does not have."""
    monkeypatch.delenv("PANTILE_TARGET", raising=False)
    x, x_dev, out_dev = _on_device(rt)
    assert 12 % (rt.device.mem_base_addr_align // 8) and 20 % (rt.device.mem_base_addr_align // 8)
    out_dev.fill(7.0)
    scale_kernel[(3,)](x_dev[3:], out_dev[5:], 290, 2.0, FLIP=False, BLOCK=128)
    out = out_dev.get()
    np.testing.assert_array_equal(out[5:295], 2.0 * x[3:293])
    np.testing.assert_array_equal(out[:5], 7.0)
    np.testing.assert_array_equal(out[295:], 7.0)
    np.testing.assert_array_equal(x_dev.get(), x)
    assert ("intel:spirv", None, None, False, None, (("*f32",), ("*f32",), ("i32",), ("f32",), ("constexpr", False),
                                               ("constexpr", 128))) in scale_kernel._variants


def _device_error(rt, arch: str) -> str:
    return (f"argument 'x_ptr' of scale_kernel(): the array is on device OpenCL {rt.device.name.strip()!r} "
            f"({rt.device.platform.name.strip()}) but the kernel runs on target {arch}; move it to host memory (.get()) "
            f"or run on a target that owns it")


def test_pyopencl_arrays_sent_to_the_cpu_are_an_error(rt, monkeypatch):
    monkeypatch.setenv("PANTILE_TARGET", "cpu")
    _, x_dev, out_dev = _on_device(rt)
    with pytest.raises(ValueError) as err:
        scale_kernel[(3,)](x_dev, out_dev, 300, 0.5, FLIP=True, BLOCK=128)
    assert str(err.value) == _device_error(rt, "cpu")


def test_pyopencl_arrays_of_another_context_are_not_taken(rt, other_queue, monkeypatch):
    monkeypatch.delenv("PANTILE_TARGET", raising=False)
    _, x_dev, out_dev = _on_device(rt, other_queue)
    with pytest.raises(ValueError) as err:
        scale_kernel[(3,)](x_dev, out_dev, 300, 0.5, FLIP=True, BLOCK=128)
    assert str(err.value) == _device_error(rt, "cpu")


def test_constexpr_bool_and_float_scalar_through_jit():
    x = np.arange(300, dtype=np.float32)
    out = np.zeros(300, np.float32)
    with pantile.target("intel:spirv"):
        scale_kernel[(3,)](x, out, 300, 0.5, FLIP=True, BLOCK=128)
    np.testing.assert_array_equal(out, -0.5 * x)


def test_cost_model_ranks_bigger_launches_slower():
    target = get_target("intel:spirv")
    art = pantile.compile(scale_kernel, ["*fp32", "*fp32", "i32", "fp32"], {"FLIP": False, "BLOCK": 256},
                          target="intel:spirv")
    small = target.cost_model.predict(art, (4, 1, 1), bytes_moved=8 * 1024)
    large = target.cost_model.predict(art, (4096, 1, 1), bytes_moved=8 * 1024 * 1024)
    assert 0 < small < large


def test_pantile_target_environment_runs_an_example_on_intel():
    env = dict(os.environ, PANTILE_TARGET="intel:spirv")
    done = subprocess.run([sys.executable, "-m", "pantile.examples.vector_add"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.match(r"vector_add on intel:spirv: size 98432 float32, .* verified against numpy\n", done.stdout)


def test_every_emitted_module_passes_spirv_val_before_anyone_loads_it(monkeypatch):
    checked = []
    real = target_module.validate_spirv

    def recording(target, binary, llvm_ir):
        real(target, binary, llvm_ir)
        checked.append(binary)
    monkeypatch.setattr(target_module, "validate_spirv", recording)
    target = IntelTarget()
    options = CompileOptions(num_warps=2)
    spec = Specialization((("x_ptr", PointerType(f32)), ("out_ptr", PointerType(f32)), ("n", i32),
                           ("factor", f32)), (("FLIP", False), ("BLOCK", 64)), ())
    art = target.emit(lower_to_target_ir(scale_kernel, spec, target, options), options)
    assert checked == [art.binary]
