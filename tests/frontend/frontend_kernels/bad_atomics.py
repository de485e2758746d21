"""Atomic loads, stores and polls Triton rejects, rejected at the user's line: semantics an atomic read cannot
have (or a write), element types a poll cannot wait on, bad timeouts, writes through constant pointers."""
import pantile.language as tl
from pantile.frontend import jit

from .bad_control_flow import STORE_HINT
from .registry import bad

BAD: list = []


@bad(BAD, "*i32", 5, "tl.atomic_load supports only the 'acquire' and 'relaxed' memory semantics, got 'release'",
     "give sem='acquire' or sem='relaxed'")
@jit
def atomic_load_that_releases(ptr):
    tl.atomic_load(ptr, sem="release")  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_store supports only the 'release' and 'relaxed' memory semantics, got 'acq_rel'",
     "give sem='release' or sem='relaxed'")
@jit
def atomic_store_that_acquires(ptr):
    tl.atomic_store(ptr, 1, sem="acq_rel")  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_poll supports only the 'acquire' and 'relaxed' memory semantics, got 'release'",
     "give sem='acquire' or sem='relaxed'")
@jit
def atomic_poll_that_releases(ptr):
    tl.atomic_poll(ptr, 1, sem="release")  # ERR


@bad(BAD, "*i32", 5, "unknown memory semantics 'seq_cst'", "use one of 'acquire', 'relaxed'")
@jit
def atomic_load_unknown_semantics(ptr):
    tl.atomic_load(ptr, sem="seq_cst")  # ERR


@bad(BAD, "*f32", 5, "tl.atomic_poll polls only 16-, 32- or 64-bit integers, got a pointer to fp32",
     "poll an integer flag, e.g. an int32 array")
@jit
def atomic_poll_on_floats(ptr):
    tl.atomic_poll(ptr, 1.0)  # ERR


@bad(BAD, "*i8", 5, "tl.atomic_poll polls only 16-, 32- or 64-bit integers, got a pointer to int8",
     "poll an integer flag, e.g. an int32 array")
@jit
def atomic_poll_on_bytes(ptr):
    tl.atomic_poll(ptr, 1)  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_poll: timeout_ns must not be negative, got -1",
     "give a number of nanoseconds >= 0, or leave timeout_ns out to wait without limit")
@jit
def atomic_poll_negative_timeout(ptr):
    tl.atomic_poll(ptr, 1, timeout_ns=-1)  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_poll: timeout_ns must be a scalar integer, got a block of shape [4]",
     "give one number of nanoseconds for the whole poll")
@jit
def atomic_poll_block_timeout(ptr):
    tl.atomic_poll(ptr, 1, timeout_ns=tl.arange(0, 4))  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_poll: expected_value is a block of shape [4] but the pointer is a scalar",
     "offset the pointer by a block of offsets (e.g. ptr + tl.arange(0, 4)) so that each element has its own "
     "address, or pass a scalar instead")
@jit
def atomic_poll_block_beside_scalar_pointer(ptr):
    tl.atomic_poll(ptr, tl.arange(0, 4))  # ERR


@bad(BAD, "*f32", 5, "Cannot store to a constant pointer: tl.atomic_store writes through a pointer made from a "
     "tl.const argument", STORE_HINT)
@jit
def atomic_store_through_const(ptr: tl.const):
    tl.atomic_store(ptr, 1.0)  # ERR


@bad(BAD, "*i32", 5, "tl.atomic_poll: timeout_ns must be a scalar integer, got fp32",
     "give one number of nanoseconds for the whole poll")
@jit
def atomic_poll_float_timeout(ptr):
    tl.atomic_poll(ptr, 1, timeout_ns=1.5)  # ERR
