"""Layouts as linear maps over GF(2): hardware index bits -> tensor index bits.

A `LinearLayout` gives, for each bit of the register, lane and warp index, a
basis vector (one coordinate per tensor dimension). The element held by
register r of lane l in warp w sits at the xor of the basis vectors of the
set bits of r, l and w. A zero basis vector means that bit does not change the
element: the element is replicated (e.g. every lane along a reduced axis holds
the reduced value). Every dimension is a power of two, as in Triton.

`BlockedLayout` and `SliceLayout` are the compact forms that appear in the
IR; `to_linear(shape)` turns each into the linear map the lowering computes
with, so conversions, broadcasts and reductions are derived from the maps
instead of one case per pair of layouts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, Sequence, Union

Basis = tuple[int, ...]
HW_DIMS = ("register", "lane", "warp")


def _xor(a: Basis, b: Basis) -> Basis:
    return tuple(x ^ y for x, y in zip(a, b))


def is_pow2(n: int) -> bool:
    """True for 1, 2, 4, ..."""
    return n > 0 and n & (n - 1) == 0


def log2(n: int) -> int:
    """The exponent of a power of two."""
    return n.bit_length() - 1


@dataclass(frozen=True)
class LinearLayout:
    """Basis vectors of the register, lane and warp bits over a tensor of `shape`."""

    register: tuple[Basis, ...]
    lane: tuple[Basis, ...]
    warp: tuple[Basis, ...]
    shape: tuple[int, ...]

    def __post_init__(self) -> None:
        for d in self.shape:
            if not is_pow2(d):
                raise ValueError(f"layout dimensions must be powers of two, got {list(self.shape)}")
        for dim in HW_DIMS:
            for v in getattr(self, dim):
                if len(v) != len(self.shape) or any(c < 0 or c >= s for c, s in zip(v, self.shape)):
                    raise ValueError(f"{dim} basis {list(v)} is outside shape {list(self.shape)}")

    def __str__(self) -> str:
        def bases(vs: tuple[Basis, ...]) -> str:
            return "[" + ", ".join("[" + ", ".join(map(str, v)) + "]" for v in vs) + "]"
        return (f"#linear<register = {bases(self.register)}, lane = {bases(self.lane)}, "
                f"warp = {bases(self.warp)}, shape = [{', '.join(map(str, self.shape))}]>")

    def to_linear(self, shape: tuple[int, ...]) -> "LinearLayout":
        """Itself; `shape` must be its own."""
        if tuple(shape) != self.shape:
            raise ValueError(f"layout {self} does not describe shape {list(shape)}")
        return self

    # evaluation ---------------------------------------------------------
    @property
    def rank(self) -> int:
        """Number of tensor dimensions."""
        return len(self.shape)

    @property
    def num_registers(self) -> int:
        """Registers per thread."""
        return 1 << len(self.register)

    @property
    def num_lanes(self) -> int:
        """Lanes the layout spans."""
        return 1 << len(self.lane)

    @property
    def num_warps(self) -> int:
        """Warps the layout spans."""
        return 1 << len(self.warp)

    def combine(self, dim: str, index: int) -> Basis:
        """The coordinates contributed by hardware index `index` of `dim` alone."""
        out = (0,) * self.rank
        for bit, v in enumerate(getattr(self, dim)):
            if index >> bit & 1:
                out = _xor(out, v)
        return out

    def apply(self, register: int, lane: int, warp: int) -> Basis:
        """The tensor coordinates of one hardware position."""
        return _xor(_xor(self.combine("register", register), self.combine("lane", lane)),
                    self.combine("warp", warp))

    def register_coords(self) -> list[Basis]:
        """The register part of the coordinates of every register."""
        return [self.combine("register", r) for r in range(self.num_registers)]

    def register_index(self) -> dict[Basis, int]:
        """Register-part coordinates -> the first register holding them."""
        out: dict[Basis, int] = {}
        for r, c in enumerate(self.register_coords()):
            out.setdefault(c, r)
        return out

    def replicated_mask(self, dim: str) -> int:
        """Bits of `dim`'s index that only replicate data (zero basis vectors)."""
        return sum(1 << i for i, v in enumerate(getattr(self, dim)) if not any(v))

    # transformations -------------------------------------------------------
    def map_coords(self, f: Callable[[Basis], Basis], shape: tuple[int, ...]) -> "LinearLayout":
        """The layout with every basis vector sent through the GF(2)-linear map `f`."""
        return LinearLayout(tuple(f(v) for v in self.register), tuple(f(v) for v in self.lane),
                            tuple(f(v) for v in self.warp), tuple(shape))

    def without_zero_registers(self) -> "LinearLayout":
        """The same layout without register bits that only duplicate values."""
        return LinearLayout(tuple(v for v in self.register if any(v)), self.lane, self.warp, self.shape)

    def local_sources(self, src: "LinearLayout",
                      f: Callable[[Basis], Basis]) -> Optional[list[int]]:
        """For each register of self, the register of `src` (same thread) holding the element
        at f(coords); None when that element lives in another thread."""
        if tuple(f(v) for v in self.lane) != src.lane or tuple(f(v) for v in self.warp) != src.warp:
            return None
        index = src.register_index()
        out = []
        for c in self.register_coords():
            r = index.get(f(c))
            if r is None:
                return None
            out.append(r)
        return out


def identity(v: Basis) -> Basis:
    """The coordinate map that changes nothing."""
    return v


# Compact forms --------------------------------------------------------------------


@dataclass(frozen=True)
class BlockedLayout:
    """Triton's blocked layout: elements per thread, threads per warp, warps per program,
    and `order` (fastest-varying dimension first)."""

    size_per_thread: tuple[int, ...]
    threads_per_warp: tuple[int, ...]
    warps_per_cta: tuple[int, ...]
    order: tuple[int, ...]

    def __str__(self) -> str:
        def ints(xs: tuple[int, ...]) -> str:
            return "[" + ", ".join(map(str, xs)) + "]"
        return (f"#blocked<spt = {ints(self.size_per_thread)}, tpw = {ints(self.threads_per_warp)}, "
                f"wpc = {ints(self.warps_per_cta)}, order = {ints(self.order)}>")

    @property
    def rank(self) -> int:
        """Number of tensor dimensions."""
        return len(self.order)

    def to_linear(self, shape: tuple[int, ...]) -> LinearLayout:
        """The linear map of this layout over a tensor of `shape`."""
        return _blocked_to_linear(self, tuple(shape))


@lru_cache(maxsize=4096)
def _blocked_to_linear(lay: BlockedLayout, shape: tuple[int, ...]) -> LinearLayout:
    if len(shape) != lay.rank:
        raise ValueError(f"layout {lay} has rank {lay.rank}, shape {list(shape)} has rank {len(shape)}")
    rank = len(shape)
    unit = lambda d, k: tuple(k if i == d else 0 for i in range(rank))  # noqa: E731
    bases: dict[str, list[Basis]] = {"register": [], "lane": [], "warp": []}
    covered = [1] * rank     # size along each dim covered by the bits placed so far

    def place(dim: str, d: int, count: int) -> None:
        for _ in range(log2(count)):
            if covered[d] < shape[d]:
                bases[dim].append(unit(d, covered[d]))
            elif dim != "register":
                bases[dim].append((0,) * rank)     # more threads than elements: replicate
            covered[d] *= 2

    for d in lay.order:
        place("register", d, lay.size_per_thread[d])
    for d in lay.order:
        place("lane", d, lay.threads_per_warp[d])
    for d in lay.order:
        place("warp", d, lay.warps_per_cta[d])
    for d in lay.order:                            # the tile repeats over a larger shape
        while covered[d] < shape[d]:
            bases["register"].append(unit(d, covered[d]))
            covered[d] *= 2
    return LinearLayout(tuple(bases["register"]), tuple(bases["lane"]), tuple(bases["warp"]), shape)


@dataclass(frozen=True)
class SliceLayout:
    """The layout of `parent` with dimension `dim` removed (results of reductions along it)."""

    dim: int
    parent: "Layout"

    def __str__(self) -> str:
        return f"#slice<dim = {self.dim}, parent = {self.parent}>"

    def to_linear(self, shape: tuple[int, ...]) -> LinearLayout:
        """The parent's map over `shape` with a unit dimension at `dim`, that dimension dropped."""
        if isinstance(self.parent, LinearLayout):      # a fixed map: slicing replicates along `dim`
            parent = self.parent
        else:
            parent = self.parent.to_linear(tuple(shape[:self.dim]) + (1,) + tuple(shape[self.dim:]))
        return parent.map_coords(drop_dim(self.dim), tuple(shape)).without_zero_registers()


Layout = Union[LinearLayout, BlockedLayout, SliceLayout]


def drop_dim(dim: int) -> Callable[[Basis], Basis]:
    """Coordinate map removing dimension `dim`."""
    return lambda v: v[:dim] + v[dim + 1:]


def insert_dim(dim: int) -> Callable[[Basis], Basis]:
    """Coordinate map adding a zero coordinate at `dim`."""
    return lambda v: v[:dim] + (0,) + v[dim:]


def zero_dims(dims: Sequence[int]) -> Callable[[Basis], Basis]:
    """Coordinate map clearing the coordinates of `dims` (broadcast sources)."""
    ds = set(dims)
    return lambda v: tuple(0 if i in ds else c for i, c in enumerate(v))


def permute_dims(order: Sequence[int]) -> Callable[[Basis], Basis]:
    """Coordinate map of a transpose: result dim i is source dim order[i] (result -> source)."""
    inverse = [0] * len(order)
    for i, o in enumerate(order):
        inverse[o] = i
    return lambda v: tuple(v[inverse[i]] for i in range(len(order)))


# Text form -------------------------------------------------------------------------

_INTS = r"\[([0-9,\s]*)\]"


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(" ", "").split(",") if x)


def parse_layout(text: str):
    """Read a layout back from the text `str(layout)` prints."""
    text = text.strip()
    m = re.fullmatch(rf"#blocked<spt = {_INTS}, tpw = {_INTS}, wpc = {_INTS}, order = {_INTS}>", text)
    if m:
        return BlockedLayout(*(_ints(g) for g in m.groups()))
    m = re.fullmatch(r"#slice<dim = (\d+), parent = (.*)>", text)
    if m:
        return SliceLayout(int(m.group(1)), parse_layout(m.group(2)))
    m = re.fullmatch(r"#linear<register = (\[.*?\]\]|\[\]), lane = (\[.*?\]\]|\[\]), warp = (\[.*?\]\]|\[\]), "
                     rf"shape = {_INTS}>", text)
    if m:
        def bases(t: str) -> tuple[Basis, ...]:
            return tuple(_ints(x) for x in re.findall(r"\[([0-9,\s]*)\]", t[1:-1]))
        return LinearLayout(bases(m.group(1)), bases(m.group(2)), bases(m.group(3)), _ints(m.group(4)))
    raise ValueError(f"not a layout: {text!r}")
