"""tl.atomic_load, tl.atomic_store and tl.atomic_poll on every target: data handed from program to program by a
release store and an acquiring poll, masked lanes, element types and timeouts (tests/targets/test_capability_records.py
checks the refusals of targets without them)."""
from __future__ import annotations

import time

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile.runtime.args import NUMPY_ELEMENT_NAMES

rng = np.random.default_rng(16)


@pantile.jit
def relay(flags_ptr, data_ptr, x_ptr, BLOCK: tl.constexpr):
    """Program p waits for program p - 1's flag, adds its row of x to the row p - 1 stored and publishes its own."""
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    prev = tl.zeros((BLOCK,), tl.int32)
    if pid > 0:
        seen = tl.atomic_poll(flags_ptr + pid - 1, 1)
        prev = tl.load(data_ptr + (pid - 1) * BLOCK + offs) + seen.to(tl.int32) - 1
    tl.store(data_ptr + pid * BLOCK + offs, prev + tl.load(x_ptr + pid * BLOCK + offs))
    tl.atomic_store(flags_ptr + pid, 1)


@pantile.jit
def relay_by_methods(flags_ptr, data_ptr, BLOCK: tl.constexpr):
    """The relay through tensor methods and relaxed polls fenced by acquire loads, with a block of flags."""
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    if pid > 0:
        flags = flags_ptr + (pid - 1) * BLOCK + offs
        flags.atomic_poll(pid, sem="relaxed", scope="gpu")
        prev = flags.atomic_load()
        tl.store(data_ptr + pid * BLOCK + offs, tl.load(data_ptr + (pid - 1) * BLOCK + offs) + prev)
    else:
        tl.store(data_ptr + offs, offs)
    (flags_ptr + pid * BLOCK + offs).atomic_store(tl.full((BLOCK,), 1, tl.int32) + pid, sem="release")


@pantile.jit
def masked_copy(x_ptr, y_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.atomic_load(x_ptr + offs, mask=offs < n, sem="relaxed", scope="cta")
    tl.atomic_store(y_ptr + offs, x, mask=offs < n, sem="relaxed", scope="sys")


@pantile.jit
def scalar_copy(x_ptr, y_ptr):
    tl.atomic_store(y_ptr + tl.program_id(0), tl.atomic_load(x_ptr))


@pantile.jit
def poll_with_timeout(flags_ptr, out_ptr, timeout, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.atomic_poll(flags_ptr + offs, 1, timeout_ns=timeout))


@pantile.jit
def poll_each(flags_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.atomic_poll(flags_ptr + offs, offs * 3 - 5))


@pytest.mark.parametrize("programs", (2, 64))
def test_release_store_and_acquiring_poll_relay_data_across_programs(programs, requires):
    requires(atomics=["load", "store"], atomic_dtypes=["i32"])
    block = 128
    x = rng.integers(-1000, 1000, (programs, block)).astype(np.int32)
    flags, data = np.zeros(programs, np.int32), np.zeros((programs, block), np.int32)
    relay[(programs,)](flags, data, x, BLOCK=block)
    np.testing.assert_array_equal(data, np.cumsum(x, axis=0, dtype=np.int32))
    np.testing.assert_array_equal(flags, np.ones(programs, np.int32))


def test_relay_through_tensor_methods_and_a_block_of_flags(requires):
    requires(atomics=["load", "store"], atomic_dtypes=["i32"])
    programs, block = 24, 32
    flags, data = np.zeros((programs, block), np.int32), np.full((programs, block), -1, np.int32)
    relay_by_methods[(programs,)](flags, data, BLOCK=block)
    # row p holds offs + the flags programs 1..p read, which program q - 1 stored as q
    want = np.arange(block)[None, :] + np.cumsum(np.arange(programs))[:, None]
    np.testing.assert_array_equal(data, want.astype(np.int32))
    np.testing.assert_array_equal(flags, np.repeat(np.arange(1, programs + 1, dtype=np.int32)[:, None], block, 1))


@pytest.mark.parametrize("dtype", ("int32", "float32", "int64", "float64", "uint32", "int16", "float16", "int8",
                                   "bool"))
def test_masked_atomic_load_and_store_leave_masked_lanes(dtype, requires):
    requires(dtypes=[NUMPY_ELEMENT_NAMES[dtype]], atomics=["load", "store"],
             atomic_dtypes=["i8" if dtype == "bool" else NUMPY_ELEMENT_NAMES[dtype]])
    n, block = 37, 64
    x = (rng.integers(0, 2, block) if dtype == "bool" else rng.integers(-100, 100, block)).astype(dtype)
    y = np.zeros(block, dtype) if dtype == "bool" else np.full(block, 7, dtype)
    want = y.copy()
    want[:n] = x[:n]
    masked_copy[(1,)](x, y, n, BLOCK=block)
    np.testing.assert_array_equal(y, want)


def test_scalar_atomic_load_and_store_in_every_program(requires):
    requires(atomics=["load", "store"], atomic_dtypes=["f32"])
    x, y = np.array([2.5], np.float32), np.zeros(100, np.float32)
    scalar_copy[(100,)](x, y)
    np.testing.assert_array_equal(y, np.full(100, 2.5, np.float32))


def test_atomic_poll_compares_each_element_with_its_expected_value(requires):
    requires(atomics=["load"], atomic_dtypes=["i32"])
    block = 32
    flags, out = (np.arange(block) * 3 - 5).astype(np.int32), np.zeros(block, np.bool_)
    poll_each[(1,)](flags, out, BLOCK=block)
    np.testing.assert_array_equal(out, np.ones(block, np.bool_))


def test_atomic_poll_times_out_where_the_value_never_comes(requires):
    requires(atomics=["load"], atomic_dtypes=["i32"], clock=True)
    block, timeout = 16, 20_000_000
    flags = rng.integers(0, 2, block).astype(np.int32)
    flags[:2] = 0, 1
    out = np.zeros(block, np.bool_)
    poll_with_timeout[(1,)](flags, out, 0, BLOCK=block)    # each element is read at least once
    np.testing.assert_array_equal(out, flags == 1)
    start = time.perf_counter()
    poll_with_timeout[(1,)](flags, out, timeout, BLOCK=block)
    assert time.perf_counter() - start >= timeout * 1e-9
    np.testing.assert_array_equal(out, flags == 1)
