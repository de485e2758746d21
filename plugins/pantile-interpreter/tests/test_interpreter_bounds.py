"""Every load, store and atomic on the interpreter is checked against the array its pointer came from."""
import re

import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile_interpreter import MemoryAccessError


def _line(marker: str) -> int:
    """The line of this file that holds `marker` (a kernel's line, as errors must name it)."""
    with open(__file__) as f:
        return next(i for i, text in enumerate(f, 1) if marker in text and "_line(" not in text)


@pantile.jit
def copy_unmasked(x_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)                    # unmasked load
    tl.store(out_ptr + offs, x)


@pantile.jit
def copy_masked(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask, other=0.0), mask=mask)


@pantile.jit
def store_past_end(out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(out_ptr + offs + n, offs.to(tl.float32))   # store past the end


@pantile.jit
def strided_read(x_ptr, out_ptr, stride, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs * stride))


@pantile.jit
def atomic_before_start(counter_ptr):
    tl.atomic_add(counter_ptr - 1, 1)                 # atomic before the start


def test_unmasked_load_past_the_end_names_file_line_program_and_offset():
    x = np.arange(1000, dtype=np.float32)
    out = np.zeros(1024, np.float32)
    with pantile.target("interp"), pytest.raises(MemoryAccessError) as err:
        copy_unmasked[(8,)](x, out, BLOCK=128)
    text = str(err.value)
    assert text.startswith(f"{__file__}:{_line('# unmasked load')}: out-of-bounds load in program (7, 0, 0), "
                           f"element 104: offset 1000 of argument 'x_ptr'"), text
    assert "holds 1000 elements of f32 (offsets 0 to 999)" in text
    assert isinstance(err.value, pantile.DeviceFaultError) and isinstance(err.value, pantile.InterpreterError)


def test_masked_accesses_beyond_the_array_are_not_made():
    x = np.arange(1000, dtype=np.float32)
    out = np.zeros(1000, np.float32)
    with pantile.target("interp"):
        copy_masked[(8,)](x, out, 1000, BLOCK=128)
    np.testing.assert_array_equal(out, x)


@pytest.mark.parametrize("kernel,make_args,marker,message", [
    (store_past_end, lambda: (np.zeros(100, np.float32), 100), "# store past the end",
     r"out-of-bounds store in program \(0, 0, 0\), element 0: offset 100 of argument 'out_ptr'"),
    (atomic_before_start, lambda: (np.zeros(4, np.int32),), "# atomic before the start",
     r"out-of-bounds atomic_add in program \(0, 0, 0\): offset -1 of argument 'counter_ptr'"),
], ids=["store", "atomic"])
def test_stores_and_atomics_are_checked(kernel, make_args, marker, message):
    args = make_args()
    where = rf"test_interpreter_bounds\.py:{_line(marker)}: "
    with pantile.target("interp"), pytest.raises(MemoryAccessError, match=where + message):
        kernel[(1,)](*args, **({"BLOCK": 16} if kernel is store_past_end else {}))
    assert not args[0].any()


def test_a_strided_view_is_checked_against_the_bytes_it_spans():
    base = np.arange(64, dtype=np.int32)
    view = base[::4]                                  # 16 elements spanning base[0] to base[60]
    out = np.zeros(16, np.int32)
    with pantile.target("interp"):
        strided_read[(1,)](view, out, 4, BLOCK=16)
        np.testing.assert_array_equal(out, view)
        with pytest.raises(MemoryAccessError, match=re.escape("offset 65 of argument 'x_ptr' (i32 elements), a strided "
                                                              "view of 16 elements of i32 spanning offsets 0 to 60")):
            strided_read[(1,)](view, out, 5, BLOCK=16)


@pantile.jit
def through_pointer_table(table_ptr, out_ptr):
    table = table_ptr.to(tl.pointer_type(tl.pointer_type(tl.float32)), bitcast=True)
    p = tl.load(table)                                # a pointer read from memory
    tl.store(out_ptr, tl.load(p))


def test_a_pointer_read_from_memory_is_refused_by_name():
    x, out = np.array([3.0], np.float32), np.zeros(1, np.float32)
    table = np.array([x.ctypes.data], np.int64)
    with pantile.target("interp"), pytest.raises(pantile.DeviceFaultError,
                                                 match=rf"test_interpreter_bounds\.py:{_line('# a pointer read')}: "
                                                       r"the interpreter cannot load values of type ptr<f32, 1>"):
        through_pointer_table[(1,)](table, out)
