"""The arrays of one launch, pointers with provenance, and bounds-checked loads, stores and atomics.

A pointer is an int64 "virtual address": argument k's array has its own region (1 << 44 bytes apart from
the next), its first element sits in the middle of that region, and the low 12 bits are those of the real
address (so alignment tests on pointers see the truth). Pointer arithmetic is then plain integer arithmetic,
and every access knows which argument it reaches into and at which byte offset, which is checked against
the bytes that argument's elements occupy.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from pantile.ir import Location, ScalarType
from pantile.targets.base import DeviceFaultError, InterpreterError
from pantile.targets.host_staging import byte_extent
from pantile.targets.out_of_bounds import out_of_bounds, outside_every_array

from .dtypes import bits_dtype, dtype_of

REGION_BITS = 44
_MIDDLE = 1 << (REGION_BITS - 1)


class InterpreterFault(DeviceFaultError, InterpreterError):
    """A kernel the interpreter runs did what it cannot run (caught as a device fault or as Triton's
    InterpreterError)."""


class MemoryAccessError(InterpreterFault):
    """A load, store or atomic of a kernel run on the interpreter reached outside the array it points into."""


@dataclass
class Region:
    """One array argument: where its elements lie, as a byte view of the host memory itself."""

    name: str                      # the kernel parameter, as errors name it
    origin: int                    # virtual address of its first element
    low: int                       # bytes its elements occupy, relative to the first element: [low, high)
    high: int
    itemsize: int                  # of the array's own dtype
    count: int                     # elements of the array
    type_name: str                 # the array's element type, as errors name it
    data: np.ndarray               # uint8 view of [first element + low, first element + high)

    def typed(self, dtype: np.dtype) -> np.ndarray:
        """The region's bytes as elements of `dtype`, starting at byte `low`."""
        n = self.data.size // dtype.itemsize
        return self.data[:n * dtype.itemsize].view(dtype)


def _host_bytes(start: int, nbytes: int) -> np.ndarray:
    return np.ctypeslib.as_array((ctypes.c_uint8 * max(nbytes, 1)).from_address(start))[:nbytes]


class Memory:
    """The regions of one launch's array arguments; every access goes through `resolve`."""

    def __init__(self) -> None:
        self.regions: list[Region] = []

    def add_array(self, name: str, array: np.ndarray, type_name: str) -> int:
        """Register an array argument; returns the virtual address of its first element."""
        k = len(self.regions) + 1
        low, high = byte_extent(array.shape, array.strides, array.itemsize)
        address = array.__array_interface__["data"][0]
        origin = (k << REGION_BITS) + _MIDDLE + (address & 0xFFF)
        data = _host_bytes(address + low, high - low)
        self.regions.append(Region(name, origin, low, high, array.itemsize, array.size, type_name, data))
        return origin

    def resolve(self, addresses: np.ndarray, t: ScalarType, what: str, loc: Location,
                where: Callable[[int], str]) -> tuple[Region, np.ndarray, np.ndarray]:
        """For the flat array `addresses` of `t` values accessed by `what` ('load', 'store', ...): the one region
        they fall in, the elements of that region they read or write (as indices into `region.typed(dtype)`),
        and that typed view; raises MemoryAccessError naming the first bad lane (`where(lane)` tells its program
        and element)."""
        size = max(1, t.bitwidth // 8)                  # 1, 2, 4 or 8: shifts and masks divide by it
        first, last = int(addresses.min()), int(addresses.max())
        k = (first >> REGION_BITS) - 1
        if k != (last >> REGION_BITS) - 1 or not 0 <= k < len(self.regions):
            return self._split(addresses, t, what, loc, where)
        region = self.regions[k]
        if first - region.origin < region.low or last - region.origin + size > region.high:
            rel = addresses - region.origin
            lane = int(np.argmax((rel < region.low) | (rel + size > region.high)))
            raise self._error(region, int(rel[lane]), size, t, what, loc, where(lane))
        rel = addresses - (region.origin + region.low)
        misaligned = rel & (size - 1)
        if size > 1 and misaligned.any():
            lane = int(np.argmax(misaligned))
            raise MemoryAccessError(f"{loc.file}:{loc.line}: misaligned {what} of {t} in {where(lane)}: "
                                    f"byte offset {int(rel[lane]) + region.low} of argument '{region.name}' is "
                                    f"not a multiple of {size}")
        dtype = bits_dtype(t) if t.is_bool else dtype_of(t)
        return region, rel >> (size.bit_length() - 1), region.typed(dtype)

    def _split(self, addresses: np.ndarray, t: ScalarType, what: str, loc: Location,
               where: Callable[[int], str]) -> Any:
        """Addresses in several regions (a select between two arrays) or in none: report the first that is
        in none, else say that one access spans several arrays (each element then goes its own way)."""
        k = (addresses >> REGION_BITS) - 1
        outside = (k < 0) | (k >= len(self.regions))
        if outside.any():
            lane = int(np.argmax(outside))
            raise MemoryAccessError(outside_every_array(loc.file, loc.line, what, where(lane), int(addresses[lane])))
        raise _Mixed(np.unique(k))

    def _error(self, region: Region, rel: int, size: int, t: ScalarType, what: str, loc: Location,
               where: str) -> MemoryAccessError:
        return MemoryAccessError(out_of_bounds(loc.file, loc.line, what, where, rel, size, str(t), region.name,
                                               region.count, region.itemsize, region.type_name, region.low,
                                               region.high))


class _Mixed(Exception):
    """The lanes of one access fall into several arrays: the caller handles each array's lanes apart."""

    def __init__(self, regions: np.ndarray) -> None:
        super().__init__("several regions")
        self.regions = [int(r) for r in regions]


def _by_region(memory: Memory, addresses: np.ndarray, t: ScalarType, what: str, loc: Location,
               where: Callable[[int], str]) -> list[tuple[Optional[np.ndarray], np.ndarray, np.ndarray]]:
    """[(lanes, element indices, typed view)] covering every lane of `addresses`, one entry per region (lanes
    None: all of them)."""
    try:
        _, index, view = memory.resolve(addresses, t, what, loc, where)
        return [(None, index, view)]
    except _Mixed as mixed:
        k = (addresses >> REGION_BITS) - 1
        parts = []
        for r in mixed.regions:
            lanes = np.flatnonzero(k == r)
            _, index, view = memory.resolve(addresses[lanes], t, what, loc, lambda i, lanes=lanes: where(int(lanes[i])))
            parts.append((lanes, index, view))
        return parts


def _accesses(memory: Memory, flat: np.ndarray, mask: Optional[np.ndarray], t: ScalarType, what: str,
              loc: Location, where: Callable[[int], str]) -> list[tuple[Optional[np.ndarray], np.ndarray, np.ndarray]]:
    """[(lanes of `flat`, element indices, typed view)] for the lanes `mask` lets through, by region (lanes None:
    every lane, the usual case, which needs no gathering)."""
    if mask is None or mask.all():
        return _by_region(memory, flat, t, what, loc, where)
    active = np.flatnonzero(mask.reshape(-1))
    if not active.size:
        return []
    parts = _by_region(memory, flat[active], t, what, loc, lambda i: where(int(active[i])))
    return [(active if lanes is None else active[lanes], index, view) for lanes, index, view in parts]


def load(memory: Memory, addresses: np.ndarray, mask: Optional[np.ndarray], other: Optional[np.ndarray],
         t: ScalarType, loc: Location, where: Callable[[int], str], what: str = "load") -> np.ndarray:
    """Values of type `t` at `addresses` where `mask` holds, `other` (or 0) elsewhere; same shape as addresses
    (`what` names the access in errors)."""
    flat = addresses.reshape(-1)
    parts = _accesses(memory, flat, mask, t, what, loc, where)
    if len(parts) == 1 and parts[0][0] is None:
        out = parts[0][2][parts[0][1]]
        return ((out & 1).astype(bool) if t.is_bool else out).reshape(addresses.shape)
    if other is None:
        out = np.zeros(flat.size, dtype_of(t))
    else:
        out = np.array(np.broadcast_to(other, addresses.shape)).reshape(-1)
    for lanes, index, view in parts:
        got = view[index]
        out[lanes] = (got & 1).astype(bool) if t.is_bool else got
    return out.reshape(addresses.shape)


def store(memory: Memory, addresses: np.ndarray, values: np.ndarray, mask: Optional[np.ndarray], t: ScalarType,
          loc: Location, where: Callable[[int], str], what: str = "store") -> None:
    """Write `values` to `addresses` where `mask` holds (a later lane wins where two write one address; `what`
    names the access in errors)."""
    flat = addresses.reshape(-1)
    vals = np.broadcast_to(values, addresses.shape).reshape(-1)
    for lanes, index, view in _accesses(memory, flat, mask, t, what, loc, where):
        v = vals if lanes is None else vals[lanes]
        view[index] = v.astype(np.uint8) if t.is_bool else v


def _rounds(index: np.ndarray) -> list[np.ndarray]:
    """Positions of `index` grouped so that no group repeats an index and each index's occurrences go to
    successive groups in order: applying the groups in turn is applying the lanes one by one."""
    order = np.argsort(index, kind="stable")
    sorted_index = index[order]
    starts = np.r_[0, np.flatnonzero(sorted_index[1:] != sorted_index[:-1]) + 1]
    rank = np.empty(index.size, np.int64)
    group_start = np.repeat(starts, np.diff(np.r_[starts, index.size]))
    rank[order] = np.arange(index.size) - group_start
    if rank.max(initial=0) == 0:
        return [np.arange(index.size)]
    return [np.flatnonzero(rank == r) for r in range(int(rank.max()) + 1)]


def atomic(memory: Memory, addresses: np.ndarray, mask: Optional[np.ndarray], t: ScalarType, what: str,
           loc: Location, where: Callable[[int], str],
           update: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """An atomic op lane by lane in order: `update(old values, lanes)` gives (new values, which lanes write);
    returns the old value of each lane (0 where masked off)."""
    flat = addresses.reshape(-1)
    out = np.zeros(flat.size, dtype_of(t))
    for lanes, index, view in _accesses(memory, flat, mask, t, what, loc, where):
        lanes = np.arange(flat.size) if lanes is None else lanes
        for group in _rounds(index):
            at, mine = index[group], lanes[group]
            old = view[at]
            out[mine] = old
            new, writes = update(old, mine)
            view[at[writes]] = new[writes]
    return out.reshape(addresses.shape)


__all__ = ["InterpreterFault", "Memory", "MemoryAccessError", "Region", "load", "store", "atomic", "REGION_BITS"]
