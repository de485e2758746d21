"""The pyopencl launcher: numpy arrays in and out, pyopencl arrays, scalars, program cache."""
import numpy as np
import pytest
from llvmlite import ir as llir

import pantile
from execution_kernels import matmul
from pantile.ir import PointerType, f32, i1, i32, i64
from pantile.targets.base import ArgSpec, DeviceAssertionError
from pantile.targets.intel.launcher import launcher_for
from pantile.targets.cache_dir import CacheWarning
from pantile.targets.intel.programs import ProgramCache, build_options, program_key


GLOBAL = llir.PointerType(addrspace=1)
F32 = llir.FloatType()
I32 = llir.IntType(32)


def _axpy(handbuilt):
    """y[i] = a * x[i * step] + y[i] for i < n, one work-item per element."""
    def body(h, b, fn):
        x, y, a, n, step, flag = fn.args
        i = b.add(b.mul(h.program_id(b, 0), llir.Constant(I32, 64)), h.thread_id(b))
        with b.if_then(b.icmp_signed("<", b.sext(i, llir.IntType(64)), n)):
            xi = b.load(b.gep(x, [b.mul(i, step)], source_etype=F32), typ=F32)
            yp = b.gep(y, [i], source_etype=F32)
            r = b.fadd(b.fmul(a, xi), b.load(yp, typ=F32))
            b.store(b.select(b.trunc(flag, llir.IntType(1)), r, xi), yp)
    spec = [ArgSpec("x", PointerType(f32)), ArgSpec("y", PointerType(f32), writes=True), ArgSpec("a", f32),
            ArgSpec("n", i64), ArgSpec("step", i32), ArgSpec("flag", i1)]
    return handbuilt(spec, [GLOBAL, GLOBAL, F32, llir.IntType(64), I32, llir.IntType(8)], body)


def test_numpy_arrays_in_and_out(handbuilt):
    """Buffers over the arrays' own memory: results land in the arrays, read-only inputs stay untouched."""
    launch = _axpy(handbuilt)
    x = np.arange(100, dtype=np.float32)
    x.setflags(write=False)
    y = np.ones(100, np.float32)
    launch((2, 1, 1), [x, y, 2.0, 100, 1, True])
    np.testing.assert_array_equal(y, 2 * x + 1)
    np.testing.assert_array_equal(x, np.arange(100, dtype=np.float32))


def test_views_pass_their_data_pointer_and_scalar_types(handbuilt):
    """As in Triton, a view is its data pointer: the kernel applies strides itself."""
    launch = _axpy(handbuilt)
    base = np.arange(300, dtype=np.float32)
    out = np.zeros((50, 2), np.float32)
    launch((1, 1, 1), [base[::3], out[:, 1], np.float32(0.5), np.int64(50), np.int32(3), False])
    np.testing.assert_array_equal(out.ravel()[1:51], base[::3][:50])
    assert (out.ravel()[[0, *range(51, 100)]] == 0).all()
    before = out.ravel().copy()
    launch((1, 1, 1), [base[6:], out, 0.5, 40, 6, True])
    np.testing.assert_array_equal(out.ravel()[:40], 0.5 * base[6::6][:40] + before[:40])
    np.testing.assert_array_equal(out.ravel()[40:], before[40:])


def test_same_array_twice_is_one_buffer(handbuilt):
    launch = _axpy(handbuilt)
    x = np.arange(64, dtype=np.float32)
    launch((1, 1, 1), [x, x, 3.0, 64, 1, True])
    np.testing.assert_array_equal(x, 4 * np.arange(64, dtype=np.float32))


def test_pyopencl_arrays_stay_on_the_device(handbuilt, rt):
    launch = _axpy(handbuilt)
    cl_array = rt.cl.array
    x = cl_array.to_device(rt.queue, np.arange(80, dtype=np.float32))
    y = cl_array.to_device(rt.queue, np.zeros(80, np.float32))
    launch((2, 1, 1), [x, y, 1.0, 80, 1, True])
    np.testing.assert_array_equal(y.get(), np.arange(80, dtype=np.float32))


def test_pyopencl_views_below_their_first_element_or_unaligned(handbuilt, rt):
    """A reversed view reaches below its first element, a strided one starts 4 bytes in: both are copied to
    aligned buffers (the kernel indexes from each view's first element, by its own strides: step -1 for x);
    one view passed twice shares its copy; the rest of each buffer stays as it was."""
    launch = _axpy(handbuilt)
    cl_array = rt.cl.array
    x = np.arange(80, dtype=np.float32)
    x_dev = cl_array.to_device(rt.queue, x)
    y_dev = cl_array.to_device(rt.queue, np.full(80, 3.0, np.float32))
    launch((1, 1, 1), [x_dev[::-1], y_dev[1::2], 2.0, 40, -1, True])
    want = np.full(80, 3.0, np.float32)
    want[1:41] = 2 * x[::-1][:40] + 3
    np.testing.assert_array_equal(y_dev.get(), want)
    launch((1, 1, 1), [y_dev[1:], y_dev[1:], 1.0, 64, 1, True])
    want[1:65] *= 2
    np.testing.assert_array_equal(y_dev.get(), want)
    np.testing.assert_array_equal(x_dev.get(), x)


def test_overlapping_pyopencl_views_that_need_copies_are_refused(handbuilt, rt):
    launch = _axpy(handbuilt)
    x_dev = rt.cl.array.to_device(rt.queue, np.arange(64, dtype=np.float32))
    with pytest.raises(ValueError) as info:
        launch((1, 1, 1), [x_dev, x_dev[1:], 1.0, 63, 1, True])
    assert str(info.value) == (f"arguments 'x' and 'y' are overlapping views of one pyopencl buffer, the kernel may "
                               f"write one, and OpenCL cannot offset a buffer by other than multiples of "
                               f"{rt.device.mem_base_addr_align // 8} bytes on this device: pass a copy (.copy()) "
                               f"of one")
    np.testing.assert_array_equal(x_dev.get(), np.arange(64, dtype=np.float32))


def test_clear_errors_for_arguments_it_cannot_pass(handbuilt, rt):
    launch = _axpy(handbuilt)
    x = np.arange(64, dtype=np.float32)
    align = rt.device.mem_base_addr_align // 8
    assert 63 * 4 % align and 4 % align
    offset_error = ("argument '{}' starts {} bytes into the memory it spans (by a negative stride, or by "
                    f"overlapping another array argument); OpenCL can offset a buffer only by multiples of {align} "
                    "bytes on this device: pass np.ascontiguousarray(...) of it")
    with pytest.raises(ValueError) as info:
        launch((1, 1, 1), [x[::-1], np.zeros(64, np.float32), 1.0, 64, 1, True])
    assert str(info.value) == offset_error.format("x", 63 * 4)
    with pytest.raises(ValueError) as info:
        launch((1, 1, 1), [x[1:], x[:-1], 1.0, 63, 1, True])
    assert str(info.value) == offset_error.format("x", 4)
    with pytest.raises(TypeError, match="argument 'x' of k must be a numpy array, a pyopencl array or a pyopencl "
                                        "buffer on intel:spirv, got list"):
        launch((1, 1, 1), [[1.0], x, 1.0, 1, 1, True])
    with pytest.raises(TypeError, match=r"k takes 6 runtime arguments \(x, y, a, n, step, flag\), got 2"):
        launch((1, 1, 1), [x, x])


def test_overlapping_arguments_share_one_buffer_at_an_aligned_offset(handbuilt, rt):
    """y = the whole array, x = a view an alignment unit in: one buffer, x a sub-buffer of it; writes land."""
    launch = _axpy(handbuilt)
    k = rt.device.mem_base_addr_align // 32    # float32 elements per alignment unit
    arr = np.arange(3 * k, dtype=np.float32)
    want = arr.copy()
    want[:k] = 2 * arr[k:2 * k] + arr[:k]
    launch((1, 1, 1), [arr[k:], arr, 2.0, k, 1, True])
    np.testing.assert_array_equal(arr, want)


def test_programs_are_cached_by_binary_hash_in_memory_and_on_disk(handbuilt, rt, tmp_path, monkeypatch):
    artifact = _axpy(handbuilt).artifact
    first = ProgramCache(rt, tmp_path)
    kernel = first.kernel(artifact)
    (stored,) = tmp_path.iterdir()
    assert stored.name == program_key(artifact.binary, rt.info, build_options(rt.info)) + ".bin"
    assert first.kernel(artifact).program.int_ptr == kernel.program.int_ptr
    later = ProgramCache(rt, tmp_path)          # as in a new process: loads the device binary
    monkeypatch.setattr(ProgramCache, "_build", lambda *a: pytest.fail("rebuilt a cached program"))
    launch = launcher_for(rt, later, artifact)
    y = np.zeros(64, np.float32)
    launch((1, 1, 1), [np.ones(64, np.float32), y, 2.0, 64, 1, True])
    assert (y == 2).all()


def test_damaged_program_binary_is_rebuilt(handbuilt, rt, tmp_path):
    artifact = _axpy(handbuilt).artifact
    ProgramCache(rt, tmp_path).kernel(artifact)
    (stored,) = tmp_path.iterdir()
    stored.write_bytes(b"not a device binary")
    launch = launcher_for(rt, ProgramCache(rt, tmp_path), artifact)
    y = np.zeros(64, np.float32)
    launch((1, 1, 1), [np.ones(64, np.float32), y, 3.0, 64, 1, True])
    assert (y == 3).all()
    assert stored.read_bytes() != b"not a device binary"


def test_programs_build_in_memory_where_their_folder_cannot_be_written(handbuilt, rt, tmp_path):
    artifact = _axpy(handbuilt).artifact
    not_a_folder = tmp_path / "programs"
    not_a_folder.write_text("the user's file")
    with pytest.warns(CacheWarning) as record:
        launch = launcher_for(rt, ProgramCache(rt, not_a_folder), artifact)
    assert "(it is a file, not a folder)" in str(record[0].message) and len(record) == 1
    y = np.zeros(64, np.float32)
    launch((1, 1, 1), [np.ones(64, np.float32), y, 2.0, 64, 1, True])
    assert (y == 2).all() and not_a_folder.read_text() == "the user's file"


def test_failed_assertion_names_the_first_failing_program(handbuilt, capfd):
    """x[program (i, j)] < 0 fails the check: the error names file, line, message and that program."""
    def body(h, b, fn):
        pid = b.add(h.program_id(b, 0), b.mul(h.program_id(b, 1), llir.Constant(I32, 3)))
        x = b.load(b.gep(fn.args[0], [pid], source_etype=I32), typ=I32)
        with b.if_then(b.icmp_signed("<", x, llir.Constant(I32, 0))):
            h.assert_fail(b, "x >= 0", "kern.py", 12, "check")
    launch = handbuilt([ArgSpec("x", PointerType(i32))], [GLOBAL], body, debug=True)
    x = np.zeros(6, np.int32)
    x[3 * 1 + 2] = -1
    with pytest.raises(DeviceAssertionError) as info:
        launch((3, 2, 1), [x])
    assert str(info.value) == "kern.py:12: device assertion failed: x >= 0 (program (2, 1, 0))"
    assert isinstance(info.value, pantile.DeviceAssertionError) and isinstance(info.value, AssertionError)
    capfd.readouterr()
    launch((3, 2, 1), [np.zeros(6, np.int32)])   # the queue and the kernel stay usable


def test_transposed_read_and_strided_write_through_the_runtime():
    """C = A @ B with A a column-major view and C every other column of a larger array: the gaps keep their values."""
    rng = np.random.default_rng(4)
    m, n, k = 40, 24, 33
    a = rng.standard_normal((k, m)).astype(np.float32).T
    b = rng.standard_normal((k, n)).astype(np.float32)
    big = rng.standard_normal((m, 2 * n)).astype(np.float32)
    before = big.copy()
    c = big[:, ::2]
    with pantile.target("intel:spirv"):
        matmul[(2, 1)](a, b, c, m, n, k, *(s // 4 for s in a.strides), *(s // 4 for s in b.strides),
                       *(s // 4 for s in c.strides), IN="fp32", BM=32, BN=32, BK=16)
    np.testing.assert_allclose(big[:, ::2], a.astype(np.float64) @ b, rtol=1e-5, atol=1e-4)
    np.testing.assert_array_equal(big[:, 1::2], before[:, 1::2])
