"""tl.static_range kernels rejected at the user's line: break, continue and return in the unrolled body (Triton
refuses break and continue in any loop), a static_assert on the index, and loops too large to unroll."""
import pantile.language as tl
from pantile.frontend import jit

from .bad_kernels import HINT_CONSTRUCT
from .registry import bad

BAD: list = []
TOO_LARGE = "use range() instead of static_range"


@bad(BAD, "*f32", 13, "unsupported Python construct in a kernel: break", HINT_CONSTRUCT)
@jit
def break_in_static_range(ptr):
    for k in tl.static_range(4):
        if k == 2:
            break  # ERR
        tl.store(ptr + k, 1.0)


@bad(BAD, "*f32", 13, "unsupported Python construct in a kernel: continue", HINT_CONSTRUCT)
@jit
def continue_in_static_range(ptr):
    for k in tl.static_range(4):
        if k == 2:
            continue  # ERR
        tl.store(ptr + k, 1.0)


@bad(BAD, "*f32", 13, "return inside a for or while loop is not supported",
     "assign the result to a variable and return it after the loop")
@jit
def return_in_static_range(ptr):
    for k in tl.static_range(4):
        if k == 2:
            return  # ERR
        tl.store(ptr + k, 1.0)


@bad(BAD, "*f32", 9, "static_assert failed: k=2 is past the end", "the kernel's compile-time values break this "
     "assertion")
@jit
def static_assert_on_the_index(ptr):
    for k in tl.static_range(3):
        tl.static_assert(k < 2, f"k={k} is past the end")  # ERR
        tl.store(ptr + k, 1.0)


@bad(BAD, "*f32", 5, "unrolling this loop would generate its body 10000000 times (5 operations each)", TOO_LARGE)
@jit
def static_range_too_long(ptr):
    acc = 0.0
    for i in tl.static_range(10_000_000):  # ERR
        acc += tl.load(ptr + i)
    tl.store(ptr, acc)


@bad(BAD, "*f32", 5, "unrolling this loop would generate its body 10000000 times (0 operations each)", TOO_LARGE)
@jit
def static_range_too_long_at_compile_time(ptr):
    n = 0
    for i in tl.static_range(10_000_000):  # ERR
        n += i
    tl.store(ptr, n)


@bad(BAD, "*f32", 5, "unrolling this loop would generate its body 1000 times (4001 operations each)", TOO_LARGE)
@jit
def nested_static_ranges_too_large(ptr):
    acc = 0.0
    for i in tl.static_range(1000):  # ERR
        for j in tl.static_range(1000):
            acc += tl.load(ptr + j)
    tl.store(ptr, acc)
