"""tl.aggregate (triton.aggregate): classes whose instances kernels build, pass to @jit helpers and get back, carry
through runtime loops and ifs, with @jit and compile-time methods; tuples of tensors the same way."""
from __future__ import annotations

import numpy as np
import pytest

import pantile as triton
import pantile.language as tl


@tl.aggregate
class Span:
    """A half-open range of offsets, with a compile-time scale."""
    start: tl.tensor
    stop: tl.tensor
    scale: tl.constexpr = 2

    @triton.jit
    def length(self):
        return self.stop - self.start

    @triton.jit
    def shifted(self, by):
        return Span(self.start + by, self.stop + by, self.scale)

    @tl.constexpr_function
    def times_scale(self, x):
        return x * self.scale


@triton.aggregate
class Pair:
    """An aggregate built by its own __init__, holding another."""
    first: tl.tensor
    span: Span

    def __init__(self, first, lo, hi):
        self.first = first
        self.span = Span(lo, hi, 3)


@triton.jit
def weigh(pair, weights):
    """A helper taking an aggregate and a tuple of tensors, returning a tensor and the aggregate."""
    return pair.first + pair.span.length() * pair.span.scale + weights[0] * weights[1], pair


@triton.jit
def spans(x_ptr, out_ptr, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    s = Span(offs, offs + x)
    moved = s.shifted(1)
    pair = Pair(x, moved.start, moved.stop)
    y, back = weigh(pair, (x, x + 1))
    tl.store(out_ptr + offs, y + back.span.scale + s.times_scale(10) + s.scale)


def test_aggregates_are_built_passed_returned_and_have_methods():
    x = np.arange(-8, 8, dtype=np.int32)
    out = np.zeros(16, np.int32)
    spans[(1,)](x, out, BLOCK=16)
    # first + length * 3 + x * (x + 1) + 3 + 10 * 2 + 2
    np.testing.assert_array_equal(out, x + x * 3 + x * (x + 1) + 3 + 20 + 2)


@triton.jit
def carried(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    x = tl.load(x_ptr + offs)
    span = Span(offs, offs + 1)
    for _ in range(n):
        span = span.shifted(x)
    pair = (x, x * 2)
    k = 0
    while k < n:
        pair = (pair[0] + 1, pair[1] + 2)
        k += 1
    if n > 2:
        span = Span(span.start * 2, span.stop)
    else:
        span = Span(span.start, span.stop * 2)
    tl.store(out_ptr + offs, span.start * 1000 + span.stop * 100 + pair[0] * 10 + pair[1])


@pytest.mark.parametrize("n", (0, 2, 3))
def test_aggregates_and_tuples_are_carried_by_runtime_loops_and_ifs(n):
    x = np.arange(-4, 4, dtype=np.int32)
    out = np.zeros(8, np.int32)
    carried[(1,)](x, out, n, BLOCK=8)
    start, stop = np.arange(8) + n * x, np.arange(8) + 1 + n * x
    start, stop = (start * 2, stop) if n > 2 else (start, stop * 2)
    np.testing.assert_array_equal(out, start * 1000 + stop * 100 + (x + n) * 10 + (x * 2 + 2 * n))


@triton.jit
def pick(x, n):
    """Returns an aggregate and a tensor from inside a runtime if."""
    if n > 0:
        return Span(x, x + 1), x
    return Span(x * 2, x), x * 3


@triton.jit
def picked(x_ptr, out_ptr, n, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    span, y = pick(tl.load(x_ptr + offs), n)
    tl.store(out_ptr + offs, span.start * 100 + span.stop * 10 + y)


@pytest.mark.parametrize("n", (0, 1))
def test_an_aggregate_returned_from_inside_a_runtime_if(n):
    x = np.arange(-4, 4, dtype=np.int32)
    out = np.zeros(8, np.int32)
    picked[(1,)](x, out, n, BLOCK=8)
    start, stop, y = (x, x + 1, x) if n > 0 else (x * 2, x, x * 3)
    np.testing.assert_array_equal(out, start * 100 + stop * 10 + y)


def test_an_aggregate_is_a_python_class_outside_kernels():
    assert Span.__name__ == "Span" and Span.__doc__.startswith("A half-open range")
    assert list(Span.__aggregate_fields__) == ["start", "stop", "scale"]
    span = Span(1, 5)
    assert (span.start, span.stop, span.scale) == (1, 5, 2)
    assert repr(span) == "Span(start=1, stop=5, scale=2)"
