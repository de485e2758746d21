"""Aggregates used wrongly, refused at the user's line: fields changed after construction or never set, fields the
class does not declare, wrong constructor arguments, loops and ifs that change what a variable holds."""
import pantile.language as tl
from pantile.frontend import jit

from .registry import bad

BAD: list = []


@tl.aggregate
class Span:
    start: tl.tensor
    stop: tl.tensor


@tl.aggregate
class HalfBuilt:
    low: tl.tensor
    high: tl.tensor

    def __init__(self, low):
        self.low = low


@bad(BAD, "*f32", 5, "cannot assign to field 'start' of Span: an aggregate is fixed once built",
     "build a new Span with the changed field")
@jit
def field_assigned_after_construction(ptr):
    span = Span(tl.load(ptr), tl.load(ptr + 1))
    span.start = tl.load(ptr)  # ERR


@bad(BAD, "*f32", 5, "Span has no field 'width'",
     "declare it in the class body with a type annotation, e.g. width: tl.tensor")
@jit
def undeclared_field(ptr):
    span = Span(tl.load(ptr), tl.load(ptr + 1))
    span.width = tl.load(ptr)  # ERR


@bad(BAD, "*f32", 12, "HalfBuilt.__init__ did not set field 'high'",
     "set every field of HalfBuilt (low, high) in __init__")
@jit
def field_never_set(ptr):
    half = HalfBuilt(tl.load(ptr))  # ERR


@bad(BAD, "*f32", 12, "wrong arguments to Span(): missing a required argument: 'stop'", "call it as Span(start, stop)")
@jit
def missing_constructor_argument(ptr):
    span = Span(tl.load(ptr))  # ERR


@bad(BAD, "*f32 i32", 5, "Mismatched type for span: variable 'span' holds values of different structures on the two "
     "sides of the if", "give it the same aggregate class or tuple shape, with the same compile-time fields, on both "
     "sides")
@jit
def aggregate_on_one_side_only(ptr, n):
    span = Span(tl.load(ptr), tl.load(ptr + 1))
    if n > 0:  # ERR
        span = (tl.load(ptr), tl.load(ptr + 1))
    tl.store(ptr, span[0])


@bad(BAD, "*f32 i32", 9, "loop-carried variable 'pair' changes structure in the loop",
     "keep the same aggregate class or tuple shape, with the same compile-time fields")
@jit
def tuple_that_grows_in_a_loop(ptr, n):
    pair = (tl.load(ptr), tl.load(ptr + 1))
    for i in range(n):
        pair = (pair[0], pair[1], pair[0])  # ERR
    tl.store(ptr, pair[0])


@jit
def span_or_tensor(ptr, n):
    if n > 0:  # ERR
        return Span(tl.load(ptr), tl.load(ptr + 1))
    return tl.load(ptr)


@bad(BAD, "*f32 i32", 5, "Inconsistent return types: the branches of this if return values of different structures",
     "return the same aggregate class or tuple shape on every path", error_in=span_or_tensor)
@jit
def returns_an_aggregate_or_a_tensor(ptr, n):
    tl.store(ptr, span_or_tensor(ptr, n).start)
