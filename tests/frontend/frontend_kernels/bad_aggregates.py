"""Aggregates used wrongly, refused at the user's line: fields changed after construction or never set, fields the
class does not declare, wrong constructor arguments."""
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
