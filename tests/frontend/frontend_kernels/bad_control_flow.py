"""Kernels Triton rejects, rejected with its words: returns that disagree across a runtime if, constant pointers
(tl.const arguments) mixed with writable ones or written through after a helper or an if, and values, masks or
atomic operands whose shape does not broadcast to their block of pointers."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import bad

BAD: list = []
CONST_HINT = "annotate both pointer arguments tl.const, or neither"
STORE_HINT = "remove tl.const from the parameter, or write elsewhere"


@jit
def value_or_nothing(x, n):
    if n > 0:  # ERR
        return x


@bad(BAD, "*f32 i32", 5, "Inconsistent return types: the branches of this if return one value and nothing",
     "return the same number of values of the same types on every path", error_in=value_or_nothing)
@jit
def returns_disagree(ptr, n):
    tl.store(ptr, value_or_nothing(tl.load(ptr), n))


@jit
def int_or_float(n):
    if n > 0:  # ERR
        return n
    return 1.5


@bad(BAD, "*f32 i32", 5, "Inconsistent return types: the returned value has type i32 on one side of the if and f32 "
     "on the other", "convert both to one type with .to(...) so they match", error_in=int_or_float)
@jit
def return_types_disagree(ptr, n):
    tl.store(ptr, int_or_float(n))


@bad(BAD, "*f32 *f32 i32", 5, "Mismatched type for dst: variable 'dst' is a constant pointer (made from a tl.const "
     "argument) on one side of the if and a writable one on the other", CONST_HINT)
@jit
def if_mixes_const_pointer(src: tl.const, out, n):
    if n > 0:  # ERR
        dst = src
    else:
        dst = out
    tl.store(dst, 1.0)


@bad(BAD, "*f32 *f32 i32", 11, "Ternary expression with dynamic condition has inconsistent type: the value is a "
     "constant pointer (made from a tl.const argument) on one side of the conditional expression and a writable "
     "one on the other", CONST_HINT)
@jit
def ternary_mixes_const_pointer(src: tl.const, out, n):
    dst = src if n > 0 else out  # ERR
    tl.store(dst, 1.0)


@jit
def pick_pointer(a, b, choose_b):
    if choose_b:  # ERR
        return b
    return a


@bad(BAD, "*f32 *f32 i32", 5, "Inconsistent return types: the returned value is a constant pointer (made from a "
     "tl.const argument) on one side of the if and a writable one on the other", CONST_HINT, error_in=pick_pointer)
@jit
def call_mixes_const_pointer(src: tl.const, out, n):
    tl.store(pick_pointer(out, src, n), 1.0)


@bad(BAD, "*f32 *f32 i32", 5, "Cannot store to a constant pointer: tl.store writes through a pointer made from a "
     "tl.const argument", STORE_HINT)
@jit
def store_through_const_from_helper(src: tl.const, other: tl.const, n):
    tl.store(pick_pointer(src, other, n) + 1, 1.0)  # ERR


@bad(BAD, "*f32 *f32 i32", 5, "Cannot store to a constant pointer: tl.atomic_add writes through a pointer made from "
     "a tl.const argument", STORE_HINT)
@jit
def atomic_through_const_after_if(src: tl.const, other: tl.const, n):
    p = src if n > 0 else other
    tl.atomic_add(p, 1.0)  # ERR


@bad(BAD, "*f32", 5, "tl.store: Cannot broadcast, rank mismatch: the value has shape [1, 4, 4] and the pointers "
     "[4, 4, 4, 4]", "give both the same rank, adding size-1 dimensions with None in a subscript (e.g. x[None, :])")
@jit
def store_of_lower_rank(ptr):
    r = tl.arange(0, 4)
    x = tl.load(ptr + r[:, None] * 4 + r[None, :])
    tl.store(ptr + r[:, None, None, None] * 64 + r[None, :, None, None] * 16 + r[None, None, :, None] * 4  # ERR
             + r[None, None, None, :], x[None, :, :])


@bad(BAD, "*f32", 5, "tl.atomic_add: Cannot broadcast the value of shape [4, 4] to the pointers' shape [1, 4]: "
     "dimension 0 has size 4, not 1", "offset the pointer by offsets of the value's shape, so that each element "
     "has its own address")
@jit
def atomic_through_fewer_pointers(ptr):
    r = tl.arange(0, 4)
    tl.atomic_add(ptr + r[None, :], tl.load(ptr + r[:, None] * 4 + r[None, :]))  # ERR


@bad(BAD, "*f32 *f32 i32", 9, "loop-carried variable 'p' is a writable pointer before the loop and a constant pointer "
     "(made from a tl.const argument) in it", CONST_HINT)
@jit
def loop_makes_pointer_const(src: tl.const, out, n):
    p = out
    for i in range(n):
        p = src + i  # ERR
    tl.store(p, 1.0)


@bad(BAD, "*f32 i32", 9, "Cannot store to a constant pointer: tl.store writes through a pointer made from a "
     "tl.const argument", STORE_HINT)
@jit
def store_through_const_carried_by_loop(src: tl.const, n):
    p = src
    for i in range(n):
        p = p + 1
        tl.store(p, 1.0)  # ERR
