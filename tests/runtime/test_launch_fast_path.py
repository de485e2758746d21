"""The warm launch path: addresses read once per launch, reused call buffers, small grids on the calling thread."""
import os
import threading

import numpy as np
import pytest

import pantile
import pantile.language as pl
from pantile.runtime.args import data_pointer
from pantile.runtime.target_select import explicit_target
from pantile.targets.base import Launcher


@pantile.jit
def scaled_copy(src_ptr, dst_ptr, n, scale, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs, mask=offs < n) * scale, mask=offs < n)


@pantile.jit
def strided_copy(src_ptr, dst_ptr, n, stride, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs * stride, mask=offs < n), mask=offs < n)


@pantile.jit(debug=True)
def positive(x_ptr, n, BLOCK: pl.constexpr):
    offs = pl.program_id(0) * BLOCK + pl.arange(0, BLOCK)
    pl.device_assert(pl.load(x_ptr + offs, mask=offs < n, other=1) > 0, "x must be positive")


def test_another_array_of_the_same_key_is_read_at_its_own_address():
    a, b = np.arange(64, dtype=np.float32), np.arange(64, dtype=np.float32)[::-1].copy()
    out_a, out_b = np.zeros_like(a), np.zeros_like(b)
    scaled_copy[(1,)](a, out_a, 64, 2.0, BLOCK=64)
    scaled_copy[(1,)](b, out_b, 64, 2.0, BLOCK=64)
    assert len(scaled_copy._variants) == 1     # both launches used one compiled variant
    np.testing.assert_array_equal(out_a, a * 2)
    np.testing.assert_array_equal(out_b, b * 2)


def test_a_reallocated_array_is_read_at_its_new_address():
    src = np.arange(16, dtype=np.float32)
    dst = np.zeros(16, dtype=np.float32)
    scaled_copy[(1,)](src, dst, 16, 1.0, BLOCK=1024)
    before = data_pointer(dst)
    dst.resize(4096, refcheck=False)             # new memory for the same array object
    src = np.arange(4096, dtype=np.float32)
    scaled_copy[(4,)](src, dst, 4096, 1.0, BLOCK=1024)
    assert data_pointer(dst) != before
    np.testing.assert_array_equal(dst, src)


def _view(kind: str) -> tuple[np.ndarray, int, np.ndarray]:
    """(array, stride between the elements the kernel reads, the 32 values it should read)."""
    base = np.arange(4 * 33, dtype=np.float32)
    if kind == "offset":
        return base[5:], 1, base[5:37]
    if kind == "strided":
        return base[::3], 3, base[::3][:32]
    if kind == "read-only":
        frozen = base.copy()
        frozen.flags.writeable = False
        return frozen, 1, base[:32]
    fortran = np.asfortranarray(base.reshape(4, 33))     # memory holds the columns one after another
    return fortran, 1, fortran.T.ravel()[:32]


@pytest.mark.parametrize("kind", ["offset", "strided", "read-only", "fortran"])
def test_views_are_read_at_their_own_address(kind):
    src, stride, expected = _view(kind)
    assert data_pointer(src) == src.__array_interface__["data"][0]
    dst = np.zeros(32, dtype=np.float32)
    strided_copy[(1,)](src, dst, 32, stride, BLOCK=32)
    np.testing.assert_array_equal(dst, expected)


def test_read_only_and_offset_views_launch_directly():
    base = np.arange(100, dtype=np.float32)
    src = base[7:]
    src.flags.writeable = False
    dst = np.zeros(90, dtype=np.float32)
    scaled_copy[(1,)](src, dst, 90, 3.0, BLOCK=128)
    np.testing.assert_array_equal(dst, base[7:97] * 3)


def test_an_empty_array_launches():
    empty = np.zeros(0, dtype=np.float32)
    assert data_pointer(empty) == empty.__array_interface__["data"][0]
    scaled_copy[(1,)](empty, np.zeros(0, dtype=np.float32), 0, 1.0, BLOCK=16)


def test_small_and_large_grids_compute_the_same():
    n = 1 << 20
    x = np.random.default_rng(0).standard_normal(n, dtype=np.float32)
    whole, pieces = np.zeros_like(x), np.zeros_like(x)
    scaled_copy[(pantile.cdiv(n, 1024),)](x, whole, n, 0.5, BLOCK=1024)   # enough work for the thread pool
    for start in range(0, 8 * 1024, 1024):                               # one program each: the calling thread
        scaled_copy[(1,)](x[start:], pieces[start:], 1024, 0.5, BLOCK=1024)
    np.testing.assert_array_equal(whole, x * np.float32(0.5))
    np.testing.assert_array_equal(pieces[:8 * 1024], whole[:8 * 1024])


def test_threads_launching_one_kernel_at_once_keep_their_own_arguments():
    inputs = [np.full(256, float(t), dtype=np.float32) for t in range(4)]
    outputs = [np.zeros(256, dtype=np.float32) for _ in range(4)]
    errors = []

    def work(t: int) -> None:
        try:
            for _ in range(300):
                scaled_copy[(1,)](inputs[t], outputs[t], 256, 1.0, BLOCK=256)
                if not (outputs[t] == t).all():
                    errors.append(f"thread {t} read another thread's data")
                    return
                outputs[t][:] = -1
        except Exception as err:  # noqa: BLE001  (reported by the assertion below)
            errors.append(repr(err))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


def test_a_failed_assertion_does_not_stick_to_the_next_launch():
    bad = np.ones(16, dtype=np.int32)
    bad[3] = 0
    with pytest.raises(pantile.DeviceAssertionError, match="x must be positive"):
        positive[(1,)](bad, 16, BLOCK=16)
    positive[(1,)](np.ones(16, dtype=np.int32), 16, BLOCK=16)


def test_the_environment_is_read_at_every_launch(monkeypatch):
    x = np.ones(4, dtype=np.float32)
    scaled_copy[(1,)](x, np.zeros_like(x), 4, 1.0, BLOCK=4)
    monkeypatch.setenv("PANTILE_TARGET", "nosuchtarget")
    with pytest.raises(ValueError, match="unknown target 'nosuchtarget'"):
        scaled_copy[(1,)](x, np.zeros_like(x), 4, 1.0, BLOCK=4)


def test_target_blocks_nest_and_stay_on_their_thread():
    assert os.environ.get("PANTILE_TARGET") is None
    seen = []
    with pantile.target("cpu"):
        other = threading.Thread(target=lambda: seen.append(explicit_target()))
        other.start()
        other.join()
        with pantile.target("cpu"):
            assert explicit_target() == "cpu"
        assert explicit_target() == "cpu"
    assert explicit_target() is None
    assert seen == [None]


def test_a_launcher_without_its_own_launch_ignores_the_addresses():
    calls = []

    class Recording(Launcher):
        def __call__(self, grid, args, stream=None):
            calls.append((grid, list(args)))

    Recording().launch((2, 1, 1), ["a", 3], [1234, None])
    assert calls == [((2, 1, 1), ["a", 3])]


@pantile.jit
def doubled(src_ptr, dst_ptr, n, BLOCK: pl.constexpr):
    offs = pl.arange(0, BLOCK)
    pl.store(dst_ptr + offs, pl.load(src_ptr + offs, mask=offs < n) * 2, mask=offs < n)


class StreamRecorder(Launcher):
    """Wraps a variant's launcher, recording the stream each launch was given."""

    def __init__(self, inner: Launcher) -> None:
        self.inner, self.streams = inner, []

    def __call__(self, grid, args, stream=None):
        self.launch(grid, args, [None] * len(args), stream)

    def launch(self, grid, args, addresses, stream=None):
        self.streams.append(stream)
        self.inner.launch(grid, args, addresses, stream)


def test_stream_given_at_launch_reaches_the_launcher_without_a_new_variant():
    src, dst = np.arange(8, dtype=np.float32), np.zeros(8, np.float32)
    doubled[(1,)](src, dst, 8, BLOCK=8)
    (variant,) = doubled._variants.values()
    recorder = variant.launcher = StreamRecorder(variant.launcher)
    doubled[(1,)](src, dst, 8, BLOCK=8, stream=0x70)
    doubled[(1,)](src, dst, 8, BLOCK=8, stream=0x71, launch_pdl=False)
    doubled[(1,)](src, dst, 8, BLOCK=8)
    assert recorder.streams == [0x70, 0x71, None]
    assert len(doubled._variants) == 1          # stream= never selects another variant
    np.testing.assert_array_equal(dst, src * 2)
