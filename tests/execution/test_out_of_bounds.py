"""Bad input at run time: accesses outside their arrays, in debug builds, raise DeviceFaultError with one exact
message on every target that checks them (file, line, program, element, argument and offset); nothing is
accessed out of bounds, so the target keeps running kernels."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest

import pantile
import pantile.language as tl

HINT = "mask the access (mask=offsets < n) or fix the offset"


def _line(marker: str) -> int:
    """The line of this file that holds `marker` (a kernel's line, as errors must name it)."""
    with open(__file__) as f:
        return next(i for i, text in enumerate(f, 1) if marker in text and "_line(" not in text and "marker=" not in text)


@pantile.jit(debug=True)
def copy_unmasked(x_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs))          # unmasked load past the end


@pantile.jit(debug=True)
def copy_masked(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(out_ptr + offs, tl.load(x_ptr + offs, mask=mask), mask=mask)


@pantile.jit(debug=True)
def store_shifted(out_ptr, shift, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs + shift, offs.to(tl.float32))     # store shifted past the end


@pantile.jit(debug=True)
def tile_before_start(x_ptr, out_ptr, BLOCK: tl.constexpr):
    r = tl.arange(0, BLOCK)[:, None]
    c = tl.arange(0, BLOCK)[None, :]
    x = tl.load(x_ptr + r * BLOCK + c - 1)                   # tile read one before the start
    tl.store(out_ptr + r * BLOCK + c, x)


@pantile.jit(debug=True)
def tile_row_stride(x_ptr, out_ptr, stride, BLOCK: tl.constexpr):
    r = tl.arange(0, BLOCK)[:, None]
    c = tl.arange(0, BLOCK)[None, :]
    x = tl.load(x_ptr + r * stride + c)                      # tile rows a wrong stride apart
    tl.store(out_ptr + r * BLOCK + c, x)


@pantile.jit(debug=True)
def walk_pointer(x_ptr, out_ptr, steps, BLOCK: tl.constexpr):
    p = x_ptr + tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.float32)
    for _ in range(steps):
        acc += tl.load(p)                                    # a loop-carried pointer walks off the end
        p += BLOCK
    tl.store(out_ptr + tl.arange(0, BLOCK), acc)


@pantile.jit(debug=True)
def strided_read(x_ptr, out_ptr, stride, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.store(out_ptr + offs, tl.load(x_ptr + offs * stride))  # strided read of a strided view


@pantile.jit(debug=True)
def scalar_load(x_ptr, out_ptr, i):
    tl.store(out_ptr, tl.load(x_ptr + i))                    # scalar load at an index


@pantile.jit(debug=True)
def counter_before_start(counter_ptr):
    tl.atomic_add(counter_ptr - 1, 1)                        # atomic before the start


@pantile.jit(debug=True)
def lock_past_end(lock_ptr):
    tl.atomic_cas(lock_ptr + 4, 0, 1)                        # compare-and-swap past the end


@pantile.jit(debug=True)
def masked_atomics(counter_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.atomic_add(counter_ptr + offs, 1, mask=offs <= n)     # atomics masked one too far


@pantile.jit(debug=True)
def flags_one_too_far(flags_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    tl.atomic_store(flags_ptr + offs, 1, mask=offs <= n)     # atomic stores masked one too far


@pantile.jit(debug=True)
def poll_past_end(flags_ptr):
    tl.atomic_poll(flags_ptr + 4, 0)                         # poll past the end


@pantile.jit(debug=True)
def pointer_from_integer(out_ptr, address):
    p = address.to(tl.pointer_type(tl.float32))
    tl.store(out_ptr, tl.load(p))                            # load through a pointer made from an integer


@pantile.jit(debug=True)
def pick_array(x_ptr, y_ptr, out_ptr, use_x, i):
    p = x_ptr if use_x else y_ptr
    tl.store(out_ptr, tl.load(p + i))                        # load through a pointer chosen at run time


@pantile.jit(debug=True)
def bytes_of(x_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    raw = x_ptr.to(tl.pointer_type(tl.uint8), bitcast=True)
    tl.store(out_ptr + offs, tl.load(raw + offs))            # bytes read through a reinterpreted pointer


@pantile.jit(noinline=True)
def load_at(p, i):
    return tl.load(p + i)                                    # load in a helper the inliner keeps


@pantile.jit(debug=True)
def through_helper(x_ptr, out_ptr, i):
    tl.store(out_ptr, load_at(x_ptr, i))


@dataclass
class Case:
    """One bad access: the kernel, its launch, the marker of the line it fails at and the message after it."""

    name: str
    kernel: Any
    args: Callable[[], tuple]
    marker: str
    message: str
    grid: tuple = (1,)
    constexprs: dict = None


def f32(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.float32)


CASES = [
    Case("unmasked_load_past_the_end", copy_unmasked, lambda: (f32(1000), np.zeros(1024, np.float32)),
         "# unmasked load past the end",
         f"out-of-bounds load in program (7, 0, 0), element 104: offset 1000 of argument 'x_ptr' (f32 elements), "
         f"which holds 1000 elements of f32 (offsets 0 to 999); {HINT}", (8,), {"BLOCK": 128}),
    Case("masked_load_of_a_longer_n", copy_masked, lambda: (f32(100), np.zeros(128, np.float32), 101),
         "tl.load(x_ptr + offs, mask=mask)",
         f"out-of-bounds load in program (0, 0, 0), element 100: offset 100 of argument 'x_ptr' (f32 elements), "
         f"which holds 100 elements of f32 (offsets 0 to 99); {HINT}", (1,), {"BLOCK": 128}),
    Case("store_past_the_end", store_shifted, lambda: (np.zeros(16, np.float32), 4), "# store shifted past the end",
         f"out-of-bounds store in program (0, 0, 0), element 12: offset 16 of argument 'out_ptr' (f32 elements), "
         f"which holds 16 elements of f32 (offsets 0 to 15); {HINT}", (1,), {"BLOCK": 16}),
    Case("store_before_the_start", store_shifted, lambda: (np.zeros(16, np.float32), -3),
         "# store shifted past the end",
         f"out-of-bounds store in program (0, 0, 0), element 0: offset -3 of argument 'out_ptr' (f32 elements), "
         f"which holds 16 elements of f32 (offsets 0 to 15); {HINT}", (1,), {"BLOCK": 16}),
    Case("tile_before_the_start", tile_before_start, lambda: (f32(64), np.zeros(64, np.float32)),
         "# tile read one before the start",
         f"out-of-bounds load in program (0, 0, 0), element 0: offset -1 of argument 'x_ptr' (f32 elements), "
         f"which holds 64 elements of f32 (offsets 0 to 63); {HINT}", (1,), {"BLOCK": 8}),
    Case("tile_with_a_wrong_row_stride", tile_row_stride, lambda: (f32(64), np.zeros(64, np.float32), 9),
         "# tile rows a wrong stride apart",
         f"out-of-bounds load in program (0, 0, 0), element 57: offset 64 of argument 'x_ptr' (f32 elements), "
         f"which holds 64 elements of f32 (offsets 0 to 63); {HINT}", (1,), {"BLOCK": 8}),
    Case("loop_carried_pointer", walk_pointer, lambda: (f32(64), np.zeros(16, np.float32), 5),
         "# a loop-carried pointer walks off the end",
         f"out-of-bounds load in program (0, 0, 0), element 0: offset 64 of argument 'x_ptr' (f32 elements), "
         f"which holds 64 elements of f32 (offsets 0 to 63); {HINT}", (1,), {"BLOCK": 16}),
    Case("strided_view", strided_read, lambda: (np.arange(64, dtype=np.int32)[::4], np.zeros(16, np.int32), 5),
         "# strided read of a strided view",
         f"out-of-bounds load in program (0, 0, 0), element 13: offset 65 of argument 'x_ptr' (i32 elements), a "
         f"strided view of 16 elements of i32 spanning offsets 0 to 60; {HINT}", (1,), {"BLOCK": 16}),
    Case("scalar_load", scalar_load, lambda: (f32(10), np.zeros(1, np.float32), 10), "# scalar load at an index",
         f"out-of-bounds load in program (0, 0, 0): offset 10 of argument 'x_ptr' (f32 elements), which holds 10 "
         f"elements of f32 (offsets 0 to 9); {HINT}"),
    Case("scalar_load_of_an_empty_array", scalar_load, lambda: (f32(0), np.zeros(1, np.float32), 0),
         "# scalar load at an index",
         f"out-of-bounds load in program (0, 0, 0): offset 0 of argument 'x_ptr' (f32 elements), which holds 0 "
         f"elements of f32 (offsets 0 to -1); {HINT}"),
    Case("atomic_before_the_start", counter_before_start, lambda: (np.zeros(4, np.int32),),
         "# atomic before the start",
         f"out-of-bounds atomic_add in program (0, 0, 0): offset -1 of argument 'counter_ptr' (i32 elements), "
         f"which holds 4 elements of i32 (offsets 0 to 3); {HINT}"),
    Case("atomic_cas_past_the_end", lock_past_end, lambda: (np.zeros(4, np.int32),),
         "# compare-and-swap past the end",
         f"out-of-bounds atomic_cas in program (0, 0, 0): offset 4 of argument 'lock_ptr' (i32 elements), which "
         f"holds 4 elements of i32 (offsets 0 to 3); {HINT}"),
    Case("masked_atomics_one_too_far", masked_atomics, lambda: (np.zeros(8, np.int32), 8),
         "# atomics masked one too far",
         f"out-of-bounds atomic_add in program (0, 0, 0), element 8: offset 8 of argument 'counter_ptr' (i32 "
         f"elements), which holds 8 elements of i32 (offsets 0 to 7); {HINT}", (1,), {"BLOCK": 16}),
    Case("masked_atomic_stores_one_too_far", flags_one_too_far, lambda: (np.zeros(8, np.int32), 8),
         "# atomic stores masked one too far",
         f"out-of-bounds atomic_store in program (0, 0, 0), element 8: offset 8 of argument 'flags_ptr' (i32 "
         f"elements), which holds 8 elements of i32 (offsets 0 to 7); {HINT}", (1,), {"BLOCK": 16}),
    Case("atomic_poll_past_the_end", poll_past_end, lambda: (np.zeros(4, np.int32),), "# poll past the end",
         f"out-of-bounds atomic_poll in program (0, 0, 0): offset 4 of argument 'flags_ptr' (i32 elements), which "
         f"holds 4 elements of i32 (offsets 0 to 3); {HINT}"),
    Case("reinterpreted_pointer", bytes_of, lambda: (f32(4), np.zeros(32, np.uint8)),
         "# bytes read through a reinterpreted pointer",
         f"out-of-bounds load in program (0, 0, 0), element 16: offset 16 of argument 'x_ptr' (u8 elements), which "
         f"holds 4 elements of f32 (offsets 0 to 3); {HINT}", (1,), {"BLOCK": 32}),
    Case("load_in_a_helper_kept_by_the_inliner", through_helper, lambda: (f32(8), np.zeros(1, np.float32), 8),
         "# load in a helper the inliner keeps",
         f"out-of-bounds load in program (0, 0, 0): offset 8 of argument 'x_ptr' (f32 elements), which holds 8 "
         f"elements of f32 (offsets 0 to 7); {HINT}"),
    Case("pointer_from_an_integer", pointer_from_integer, lambda: (np.zeros(1, np.float32), 16),
         "# load through a pointer made from an integer",
         "load through a pointer that points into no array argument in program (0, 0, 0): address 0x10 (a "
         "pointer made from an integer, or an offset beyond any array)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_access_is_refused_with_its_exact_message(case: Case, requires) -> None:
    requires(bounds_checks=True)
    args = case.args()
    before = [a.copy() for a in args if isinstance(a, np.ndarray)]
    with pytest.raises(pantile.DeviceFaultError) as info:
        case.kernel[case.grid](*args, **(case.constexprs or {}))
    assert str(info.value) == f"{__file__}:{_line(case.marker)}: {case.message}"
    written = [a for a in args if isinstance(a, np.ndarray)]
    if case.kernel in (store_shifted, counter_before_start, lock_past_end):   # stopped before its only access
        for a, b in zip(written, before):
            np.testing.assert_array_equal(a, b)


def test_masked_accesses_pass_and_the_target_keeps_running_after_a_refusal(requires) -> None:
    requires(bounds_checks=True)
    x, out = f32(1000), np.zeros(1000, np.float32)
    with pytest.raises(pantile.DeviceFaultError):
        copy_unmasked[(8,)](x, np.zeros(1024, np.float32), BLOCK=128)
    copy_masked[(8,)](x, out, 1000, BLOCK=128)
    np.testing.assert_array_equal(out, x)


def test_a_pointer_chosen_at_run_time_is_checked_against_both_arrays(requires) -> None:
    requires(bounds_checks=True)
    x, y, out = f32(4), f32(8) + 10, np.zeros(1, np.float32)
    pick_array[(1,)](x, y, out, 0, 7)
    assert out[0] == 17.0
    with pytest.raises(pantile.DeviceFaultError, match=r"test_out_of_bounds\.py:\d+: (out-of-bounds load|load "
                                                       r"through a pointer that points into no array argument)"):
        pick_array[(1,)](x, y, out, 1, 1 << 20)
