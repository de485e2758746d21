"""IR types: scalars, pointers, blocks and functions. Immutable, compared by value."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


class Type:
    """Base of every IR type; subclasses are frozen dataclasses."""

    @property
    def scalar(self) -> "Type":
        """The element type of a block, or the type itself."""
        return self

    @property
    def shape(self) -> tuple[int, ...]:
        """Block shape; () for a scalar."""
        return ()


@dataclass(frozen=True)
class ScalarType(Type):
    """An integer or floating-point scalar such as i32, u8, f16 or f8e4m3."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in _SCALAR_INFO:
            raise ValueError(f"unknown scalar type {self.name!r}")

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        """'int', 'uint' or 'float' ('int' covers i1)."""
        return _SCALAR_INFO[self.name][0]

    @property
    def bitwidth(self) -> int:
        return _SCALAR_INFO[self.name][1]

    @property
    def is_int(self) -> bool:
        return self.kind in ("int", "uint")

    @property
    def is_signed(self) -> bool:
        return self.kind == "int" and self.name != "i1"

    @property
    def is_unsigned(self) -> bool:
        return self.kind == "uint"

    @property
    def is_float(self) -> bool:
        return self.kind == "float"

    @property
    def is_bool(self) -> bool:
        return self.name == "i1"

    @property
    def is_fp8(self) -> bool:
        return self.kind == "float" and self.bitwidth == 8


_SCALAR_INFO: dict[str, tuple[str, int]] = {
    "i1": ("int", 1), "i8": ("int", 8), "i16": ("int", 16), "i32": ("int", 32), "i64": ("int", 64),
    "u8": ("uint", 8), "u16": ("uint", 16), "u32": ("uint", 32), "u64": ("uint", 64),
    "f16": ("float", 16), "bf16": ("float", 16), "f32": ("float", 32), "f64": ("float", 64),
    "f8e4m3": ("float", 8), "f8e5m2": ("float", 8),
    # Triton's other fp8 formats: e4m3 with bias 15 (no inf, NaN 0x7F/0xFF), and the 'fnuz' e4m3 (bias 8)
    # and e5m2 (bias 16), whose only NaN is 0x80 and which have no inf and no -0.
    "f8e4b15": ("float", 8), "f8e4b8": ("float", 8), "f8e5b16": ("float", 8),
}
SCALAR_NAMES: tuple[str, ...] = tuple(_SCALAR_INFO)


@dataclass(frozen=True)
class PointerType(Type):
    """A pointer to `pointee` in an address space (1 = global, 3 = shared)."""

    pointee: Type
    addrspace: int = 1

    def __str__(self) -> str:
        return f"ptr<{self.pointee}, {self.addrspace}>"


@dataclass(frozen=True)
class BlockType(Type):
    """A tensor of `shape` owned by one program; `layout` is set by target passes."""

    dims: tuple[int, ...]
    element: Type
    layout: Optional[Any] = field(default=None, compare=False)   # types agree whatever their layout

    def __post_init__(self) -> None:
        if isinstance(self.element, BlockType):
            raise ValueError("block of blocks")
        if not all(isinstance(d, int) and d > 0 for d in self.dims):
            raise ValueError(f"block dimensions must be positive integers, got {self.dims}")

    def __str__(self) -> str:
        dims = "".join(f"{d}x" for d in self.dims)
        layout = f", {self.layout}" if self.layout is not None else ""
        return f"block<{dims}{self.element}{layout}>"

    @property
    def scalar(self) -> Type:
        return self.element

    @property
    def shape(self) -> tuple[int, ...]:
        return self.dims

    @property
    def numel(self) -> int:
        n = 1
        for d in self.dims:
            n *= d
        return n

    def with_element(self, element: Type) -> "BlockType":
        """Same shape and layout, another element type."""
        return BlockType(self.dims, element, self.layout)


@dataclass(frozen=True)
class TensorDescType(Type):
    """A tensor descriptor (Triton's `tensordesc`): a strided tensor in global memory read and written in
    tiles of `block`; `padding` ('zero' or 'nan') is what a load gives outside the tensor."""

    block: BlockType
    padding: str = "zero"

    def __post_init__(self) -> None:
        if self.padding not in ("zero", "nan"):
            raise ValueError(f"tensor descriptor padding must be 'zero' or 'nan', got {self.padding!r}")

    def __str__(self) -> str:
        padding = "" if self.padding == "zero" else f", {self.padding}"
        return f"tensordesc<{self.block}{padding}>"


def block_pointee(t: Type) -> Optional[BlockType]:
    """The block a block pointer (Triton's `ptr<tensor>`: `ptr<block<...>>`) points to, or None for any
    other type."""
    return t.pointee if isinstance(t, PointerType) and isinstance(t.pointee, BlockType) else None


@dataclass(frozen=True)
class FunctionType(Type):
    """Signature of a func.func: inputs and results."""

    inputs: tuple[Type, ...]
    results: tuple[Type, ...]

    def __str__(self) -> str:
        ins = ", ".join(map(str, self.inputs))
        outs = ", ".join(map(str, self.results))
        return f"({ins}) -> ({outs})"


def scalar(name: str) -> ScalarType:
    """The scalar type called `name`."""
    return ScalarType(name)


def block_of(shape: tuple[int, ...], element: Type) -> Type:
    """A block of `shape`, or the element itself when the shape is ()."""
    return BlockType(tuple(shape), element.scalar) if shape else element.scalar


i1, i8, i16, i32, i64 = (ScalarType(n) for n in ("i1", "i8", "i16", "i32", "i64"))
u8, u16, u32, u64 = (ScalarType(n) for n in ("u8", "u16", "u32", "u64"))
f16, bf16, f32, f64 = (ScalarType(n) for n in ("f16", "bf16", "f32", "f64"))
f8e4m3, f8e5m2 = ScalarType("f8e4m3"), ScalarType("f8e5m2")
