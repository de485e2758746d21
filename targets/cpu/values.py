"""How the CPU lowering holds a block: in memory (strided), as one value, or as an affine i32 index.

Views (broadcast, expand_dims, permute, split, reshape of contiguous memory)
only change shapes and strides, so they cost nothing at run time. Elements are
read at a multi-index of i64 loop counters.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence, Union

from llvmlite import ir

I1, I8, I32, I64 = ir.IntType(1), ir.IntType(8), ir.IntType(32), ir.IntType(64)


def row_major(shape: Sequence[int]) -> tuple[int, ...]:
    """Strides (in elements) of a contiguous row-major block."""
    strides, s = [], 1
    for d in reversed(shape):
        strides.append(s)
        s *= d
    return tuple(reversed(strides))


@dataclass(frozen=True)
class Buffer:
    """Elements in memory at ptr + sum(idx * stride); `etype` is the memory type (i1 stored as i8)."""

    ptr: ir.Value
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    etype: ir.Type
    is_bool: bool = False
    slot: int = -1                      # scratch offset of the allocation it views

    @property
    def contiguous(self) -> bool:
        """True when the elements are row-major and dense (dimensions of size 1 aside)."""
        want = row_major(self.shape)
        return all(s == w for s, w, d in zip(self.strides, want, self.shape) if d != 1)


@dataclass(frozen=True)
class Uniform:
    """Every element equals `value` (a splat or a constant)."""

    value: ir.Value
    shape: tuple[int, ...]


@dataclass(frozen=True)
class Affine:
    """i32 elements base + sum(idx * coef) (make_range and its views)."""

    base: ir.Value
    coefs: tuple[int, ...]
    shape: tuple[int, ...]


BlockValue = Union[Buffer, Uniform, Affine]


def linear_offset(b: ir.IRBuilder, idx: Sequence[ir.Value], strides: Sequence[int]) -> ir.Value:
    """sum(idx * stride) as i64, skipping zero strides and unit multiplications."""
    off = None
    for i, s in zip(idx, strides):
        if s == 0:
            continue
        term = i if s == 1 else b.mul(i, ir.Constant(I64, s))
        off = term if off is None else b.add(off, term)
    return off if off is not None else ir.Constant(I64, 0)


def element_pointer(b: ir.IRBuilder, buf: Buffer, idx: Sequence[ir.Value]) -> ir.Value:
    """Address of the element at `idx`."""
    return b.gep(buf.ptr, [linear_offset(b, idx, buf.strides)], source_etype=buf.etype)


def read(b: ir.IRBuilder, v: BlockValue, idx: Sequence[ir.Value]) -> ir.Value:
    """The element of `v` at multi-index `idx` (i64 values), as its value type."""
    if isinstance(v, Uniform):
        return v.value
    if isinstance(v, Affine):
        out = v.base
        for i, c in zip(idx, v.coefs):
            if c:
                t = b.trunc(i, I32)
                out = b.add(out, t if c == 1 else b.mul(t, ir.Constant(I32, c)))
        return out
    x = b.load(element_pointer(b, v, idx), typ=v.etype)
    return b.trunc(x, I1) if v.is_bool else x


def write(b: ir.IRBuilder, buf: Buffer, idx: Sequence[ir.Value], x: ir.Value) -> None:
    """Store `x` at `idx` (i1 widened to a byte)."""
    if buf.is_bool:
        x = b.zext(x, I8)
    b.store(x, element_pointer(b, buf, idx))


def broadcast(v: BlockValue, shape: tuple[int, ...]) -> BlockValue:
    """Stretch dimensions of size 1 to `shape`."""
    if isinstance(v, Uniform):
        return Uniform(v.value, shape)
    stretched = [d != n for d, n in zip(v.shape, shape)]
    if isinstance(v, Affine):
        return Affine(v.base, tuple(0 if s else c for c, s in zip(v.coefs, stretched)), shape)
    return replace(v, shape=shape, strides=tuple(0 if s else st for st, s in zip(v.strides, stretched)))


def expand_dims(v: BlockValue, axis: int) -> BlockValue:
    """Insert a dimension of size 1 at `axis`."""
    shape = v.shape[:axis] + (1,) + v.shape[axis:]
    if isinstance(v, Uniform):
        return Uniform(v.value, shape)
    if isinstance(v, Affine):
        return Affine(v.base, v.coefs[:axis] + (0,) + v.coefs[axis:], shape)
    return replace(v, shape=shape, strides=v.strides[:axis] + (0,) + v.strides[axis:])


def permute(v: BlockValue, order: Sequence[int]) -> BlockValue:
    """Transpose: dimension i of the result is dimension order[i] of `v`."""
    shape = tuple(v.shape[i] for i in order)
    if isinstance(v, Uniform):
        return Uniform(v.value, shape)
    if isinstance(v, Affine):
        return Affine(v.base, tuple(v.coefs[i] for i in order), shape)
    return replace(v, shape=shape, strides=tuple(v.strides[i] for i in order))


def reshape_contiguous(v: BlockValue, shape: tuple[int, ...]) -> BlockValue:
    """Row-major reshape of a value that needs no copy (Uniform or contiguous Buffer)."""
    if isinstance(v, Uniform):
        return Uniform(v.value, shape)
    assert isinstance(v, Buffer) and v.contiguous
    return replace(v, shape=shape, strides=row_major(shape))


def split_last(b: ir.IRBuilder, v: Buffer) -> tuple[Buffer, Buffer]:
    """The two halves of a trailing dimension of size 2, as views."""
    shape, strides = v.shape[:-1], v.strides[:-1]
    second = b.gep(v.ptr, [ir.Constant(I64, v.strides[-1])], source_etype=v.etype)
    return replace(v, shape=shape, strides=strides), replace(v, ptr=second, shape=shape, strides=strides)
