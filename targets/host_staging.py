"""The numpy arrays of one launch as the byte spans of host memory they cover, for targets that stage or wrap them.

A kernel addresses memory through a pointer and strides, so any strided view
(`a.T`, `x[:, ::2]`, `x[::-1]`) can be passed: a device target copies (or wraps)
the bytes from the view's lowest to its highest addressed element, and the
kernel's pointer is the span's device address plus the offset of the view's
first element within the span. Arguments whose spans overlap (one array passed
twice, a view beside its base) share one span, so the kernel sees one memory, as
on the host, and what it writes is copied back once.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from pantile.ir import PointerType

from .base import ArgSpec


def byte_extent(shape: Sequence[int], strides: Sequence[int], itemsize: int) -> tuple[int, int]:
    """(lowest, one past the highest) byte an array's elements occupy, relative to its first element, for any
    strides; (0, 0) when it has no elements."""
    low = high = 0
    if any(extent == 0 for extent in shape):
        return low, high
    for extent, stride in zip(shape, strides):
        reach = (extent - 1) * stride
        if reach < 0:
            low += reach
        else:
            high += reach
    return low, high + itemsize


def byte_span(array: np.ndarray) -> tuple[int, int]:
    """(first, one past the last) address of the bytes an array's elements occupy, for any strides."""
    low, high = byte_extent(array.shape, array.strides, array.itemsize)
    return array.ctypes.data + low, array.ctypes.data + high


@dataclass
class HostSpan:
    """Contiguous host memory that one or more array arguments of a launch lie in."""

    start: int
    stop: int
    written: bool                  # some argument in it may be stored to by the kernel

    @property
    def nbytes(self) -> int:
        """The span's length in bytes."""
        return self.stop - self.start

    def view(self) -> np.ndarray:
        """The span as a uint8 array over the host memory itself (at least one byte, for empty arrays)."""
        return np.ctypeslib.as_array((ctypes.c_uint8 * max(self.nbytes, 1)).from_address(self.start))


@dataclass(frozen=True)
class StagedArray:
    """Where one array argument lies: its span and the byte offset of its first element within it."""

    span: HostSpan
    offset: int


def stage_arrays(specs: Sequence[ArgSpec], args: Sequence[Any]) -> tuple[list[HostSpan], dict[int, StagedArray]]:
    """The spans the launch's numpy pointer arguments cover (overlapping ones merged, in address order), and
    for each such argument, by position, its span and offset."""
    found = [(i, byte_span(arg), spec.writes) for i, (spec, arg) in enumerate(zip(specs, args))
             if isinstance(arg, np.ndarray) and isinstance(spec.type, PointerType)]
    spans: list[HostSpan] = []
    for _, (start, stop), writes in sorted(found, key=lambda f: f[1]):
        last = spans[-1] if spans else None
        if last is not None and (start < last.stop or start == last.start):   # overlapping, or both empty there
            last.stop = max(last.stop, stop)
            last.written |= writes
        else:
            spans.append(HostSpan(start, stop, writes))
    placed = {}
    for i, (start, _), _ in found:
        span = next(s for s in spans if s.start <= start and (start < s.stop or start == s.start))
        placed[i] = StagedArray(span, args[i].ctypes.data - span.start)
    return spans, placed
