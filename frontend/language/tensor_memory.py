"""Block pointers (tl.make_block_ptr, tl.advance) and tensor descriptors (tl.make_tensor_descriptor):
tiles of a strided tensor in global memory, emitted as the ops of ir/dialect_tensor_memory.py."""
from __future__ import annotations

from typing import Any, Sequence

from pantile.ir import BlockType, PointerType, TensorDescType, Type, block_pointee, i32, i64
from pantile.ir.dialect_tensor_memory import part_types

from ..errors import LanguageError
from .core import block_type, builder, builtin, dtype, dtype_of, register_tensor_kind, tensor, tuple_type, unwrap
from .creation import check_shape, constexpr_int
from .elementwise import as_tensor, convert, emit

MAX_RANK = 5
_PADDING = ("", "zero", "nan")


def _values(values: Any, rank: int, what: str, fn: str, ir_type: Any) -> list[tensor]:
    """`rank` integer scalars (tensors or Python ints), each converted to `ir_type`."""
    values = unwrap(values)
    if not isinstance(values, (tuple, list)):
        raise LanguageError(f"{fn}: {what} must be a tuple of {rank} integers, got {values!r}",
                            f"e.g. {what}=[a, b] with one entry per dimension")
    if len(values) != rank:
        raise LanguageError(f"{fn}: {what} has {len(values)} entries but the block has rank {rank}",
                            "give one entry per dimension of block_shape")
    out = []
    for d, v in enumerate(values):
        v = as_tensor(v, f"{fn}: {what}[{d}]")
        if v.shape or not v.dtype.is_int():
            raise LanguageError(f"{fn}: {what}[{d}] must be an integer scalar, got {v.handle.type}",
                                "use a scalar such as a kernel argument or tl.program_id(0) * BLOCK")
        out.append(convert(v, dtype_of(ir_type), ()))
    return out


def _base(base: Any, fn: str) -> tensor:
    base = unwrap(base)
    if not isinstance(base, tensor) or not base.dtype.is_ptr() or base.shape or block_pointee(base.handle.type):
        got = base.handle.type if isinstance(base, tensor) else repr(base)
        raise LanguageError(f"{fn}: base must be a scalar pointer, got {got}",
                            "pass the tensor's pointer argument (offset it with + if needed)")
    return base


def _block_shape(block_shape: Any, fn: str) -> tuple[int, ...]:
    shape = unwrap(block_shape)
    if not isinstance(shape, (tuple, list)):
        raise LanguageError(f"{fn}: block_shape must be a tuple of compile-time integers, got {shape!r}",
                            "e.g. block_shape=(BLOCK_M, BLOCK_N) with tl.constexpr sizes")
    if not 1 <= len(shape) <= MAX_RANK:
        raise LanguageError(f"{fn}: block_shape must have 1 to {MAX_RANK} dimensions, got {len(shape)}")
    for i, d in enumerate(shape):
        d = constexpr_int(d, f"{fn}: block_shape[{i}]")
        if d <= 0 or d & (d - 1):
            raise LanguageError(f"{fn}: block_shape[{i}] must be a power of 2, got {d}",
                                "round it up with triton.next_power_of_2; the bounds checks mask the rest")
    return check_shape(shape, fn)


def _dims(dims: Any, rank: int, fn: str) -> tuple[int, ...]:
    dims = unwrap(dims)
    dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    out = []
    for d in dims:
        d = unwrap(d)
        if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d < rank:
            raise LanguageError(f"{fn}: boundary_check entries must be dimensions 0 to {rank - 1}, got {d!r}",
                                "list the dimensions whose bounds to check, e.g. boundary_check=(0, 1)")
        if d in out:
            raise LanguageError(f"{fn}: boundary_check lists dimension {d} twice")
        out.append(d)
    return tuple(sorted(out))


def _padding(padding: Any, element: dtype, fn: str) -> str:
    padding = unwrap(padding)
    padding = "" if padding is None else padding
    if padding not in _PADDING:
        raise LanguageError(f"{fn}: unknown padding_option {padding!r}", "use 'zero' or 'nan'")
    if padding == "nan" and not element.is_floating():
        raise LanguageError(f"{fn}: padding_option 'nan' needs a floating-point tensor, got {element}",
                            "use padding_option='zero'")
    return padding


# block pointers ---------------------------------------------------------------------------------
def is_block_pointer(x: Any) -> bool:
    """True for a tensor that is a block pointer (from tl.make_block_ptr)."""
    return isinstance(x, tensor) and block_pointee(x.handle.type) is not None


# What to do instead when a block pointer or descriptor is used as a value.
_INSTEAD = {"a block pointer": "load its block with tl.load, or move it with tl.advance(ptr, offsets)",
            "a tensor descriptor": "load a tile with desc.load(offsets) first"}


def tensor_memory_kind(x: Any) -> str | None:
    """'a block pointer' or 'a tensor descriptor' for such values, else None."""
    if isinstance(x, tensor_descriptor):
        return "a tensor descriptor"
    return "a block pointer" if is_block_pointer(x) else None


def check_not_tensor_memory(x: Any, what: str) -> None:
    """LanguageError when `x` is a block pointer or descriptor, which `what` cannot use as a value."""
    kind = tensor_memory_kind(x)
    if kind is not None:
        raise LanguageError(f"{what} is not defined on {kind}", _INSTEAD[kind])


def takes_tensor_memory(param: str):
    """Mark a language function whose parameter `param` ('self' for a method) may be a block pointer or
    descriptor; every other argument of every language function is checked not to be one."""
    def mark(fn):
        fn.__pantile_tensor_memory_param__ = param
        return fn
    return mark


def check_call_arguments(name: str, fn: Any, arguments: dict[str, Any]) -> None:
    """LanguageError when a language function gets a block pointer or descriptor where it takes none."""
    allowed = getattr(fn, "__pantile_tensor_memory_param__", None)
    receiver = getattr(fn, "__self__", None)
    items = list(arguments.items()) + ([("self", receiver)] if isinstance(receiver, tensor) else [])
    for param, value in items:
        for x in value if isinstance(value, tuple) else (value,):
            if param != allowed:
                check_not_tensor_memory(x, f"{name}()")


@builtin
def make_block_ptr(base: Any, shape: Any, strides: Any, offsets: Any, block_shape: Any, order: Any) -> tensor:
    """A pointer to the block of `block_shape` at `offsets` in the tensor of `shape` and `strides` at `base`."""
    fn = "tl.make_block_ptr"
    p = _base(base, fn)
    dims = _block_shape(block_shape, fn)
    rank = len(dims)
    order = unwrap(order)
    order = tuple(unwrap(o) for o in order) if isinstance(order, (tuple, list)) else order
    if not isinstance(order, tuple) or sorted(order) != list(range(rank)):
        raise LanguageError(f"{fn}: order must be a permutation of the {rank} dimensions, got {order!r}",
                            "e.g. order=(1, 0) for a row-major matrix")
    parts = (_values(shape, rank, "shape", fn, i64) + _values(strides, rank, "strides", fn, i64)
             + _values(offsets, rank, "offsets", fn, i32))
    result = PointerType(BlockType(dims, p.dtype.element_ty.to_ir()), p.handle.type.addrspace)
    return emit("pt.make_block_ptr", [p, *parts], result, order=order)


@builtin
@takes_tensor_memory("base")
def advance(base: Any, offsets: Any) -> tensor:
    """The block pointer `base` moved by `offsets` elements along each dimension."""
    bp = unwrap(base)
    if not is_block_pointer(bp):
        got = bp.handle.type if isinstance(bp, tensor) else repr(bp)
        raise LanguageError(f"tl.advance needs a block pointer from tl.make_block_ptr, got {got}",
                            "offset a plain pointer with + instead")
    rank = len(block_pointee(bp.handle.type).dims)
    return emit("pt.advance", [bp, *_values(offsets, rank, "offsets", "tl.advance", i32)], bp.handle.type)


def block_load(ptr: tensor, mask: Any, other: Any, boundary_check: Any, padding_option: Any,
               attrs: dict[str, Any]) -> tensor:
    """tl.load of a block pointer."""
    if unwrap(mask) is not None or unwrap(other) is not None:
        raise LanguageError("tl.load of a block pointer takes no mask or other",
                            "use boundary_check=(...) and padding_option='zero' instead")
    tile = block_pointee(ptr.handle.type)
    checked = _dims(boundary_check, len(tile.dims), "tl.load")
    padding = _padding(padding_option, dtype_of(tile.element), "tl.load")
    return emit("pt.block_load", [ptr], tile, boundary_check=list(checked) or None,
                padding=(padding or None) if checked else None, **attrs)


def block_store(ptr: tensor, value: Any, mask: Any, boundary_check: Any, attrs: dict[str, Any]) -> None:
    """tl.store through a block pointer."""
    if unwrap(mask) is not None:
        raise LanguageError("tl.store through a block pointer takes no mask", "use boundary_check=(...) instead")
    tile = block_pointee(ptr.handle.type)
    checked = _dims(boundary_check, len(tile.dims), "tl.store")
    v = convert(unwrap(value), dtype_of(tile.element), tile.dims)
    kept = {k: v for k, v in attrs.items() if v is not None}
    if checked:
        kept["boundary_check"] = list(checked)
    builder().create("pt.block_store", [ptr.handle, v.handle], [], kept)


# tensor descriptors -----------------------------------------------------------------------------
class tensor_descriptor_type:
    """The type of a tensor descriptor (Triton's tl.tensor_descriptor_type): the tile's block type, and the types
    of the described tensor's sizes (int32) and strides (int64)."""

    __pantile_compile_time__ = True

    def __init__(self, block_type: block_type, shape_type: tuple_type, strides_type: tuple_type) -> None:
        self.block_type = block_type
        self.shape_type = shape_type
        self.strides_type = strides_type

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and self.block_type == other.block_type
                and self.shape_type == other.shape_type and self.strides_type == other.strides_type)

    def __hash__(self) -> int:
        return hash((str(self.block_type), hash(self.shape_type), hash(self.strides_type)))

    def __str__(self) -> str:
        return f"tensor_descriptor<{self.block_type}>"

    __repr__ = __str__


class tensor_descriptor(tensor):
    """A tensor in global memory read and written in tiles of `block_shape` (Triton's tensor_descriptor)."""

    @property
    def block_type(self) -> block_type:
        """The type of one tile."""
        return dtype_of(self.handle.type.block)

    @property
    def block_shape(self) -> tuple[int, ...]:
        """The shape of one tile."""
        return self.handle.type.block.dims

    @property
    def dtype(self) -> dtype:
        """The element dtype."""
        return dtype_of(self.handle.type.block.element)

    @property
    def type(self) -> tensor_descriptor_type:
        """The descriptor's type: its tile type and the types of the tensor's sizes and strides."""
        rank = len(self.block_shape)
        return tensor_descriptor_type(self.block_type, tuple_type([dtype("int32")] * rank),
                                      tuple_type([dtype("int64")] * rank))

    @property
    def shape(self) -> tuple[tensor, ...]:
        """The sizes of the described tensor (int32 scalars)."""
        return self._fields("shape", i32)

    @property
    def strides(self) -> tuple[tensor, ...]:
        """The strides of the described tensor in elements (int64 scalars)."""
        return self._fields("strides", i64)

    def _fields(self, field: str, ir_type: Any) -> tuple[tensor, ...]:
        return tuple(emit("pt.desc_field", [self], ir_type, field=field, dim=d) for d in range(len(self.block_shape)))

    def load(self, offsets: Any) -> tensor:
        """The tile at `offsets`; elements outside the tensor are the descriptor's padding."""
        return load_tensor_descriptor(self, offsets)

    def store(self, offsets: Any, value: Any) -> None:
        """Store `value` as the tile at `offsets`; elements outside the tensor are not written."""
        store_tensor_descriptor(self, offsets, value)

    def __repr__(self) -> str:
        return f"tensor_descriptor({self.handle.type})"


for _method in (tensor_descriptor.load, tensor_descriptor.store):
    takes_tensor_memory("self")(builtin(_method))
register_tensor_kind(TensorDescType, tensor_descriptor)


@builtin
def make_tensor_descriptor(base: Any, shape: Any, strides: Any, block_shape: Any,
                           padding_option: str = "zero") -> tensor_descriptor:
    """A descriptor of the tensor of `shape` and `strides` at `base`, accessed in tiles of `block_shape`."""
    fn = "tl.make_tensor_descriptor"
    p = _base(base, fn)
    dims = _block_shape(block_shape, fn)
    element = p.dtype.element_ty
    row_bytes = dims[-1] * element.primitive_bitwidth // 8
    if row_bytes < 16:   # Triton's rule on every backend (the TMA unit's minimum), kept so kernels port both ways
        raise LanguageError(f"Descriptor block shape must have at least 16 bytes in the last dimension, but got "
                            f"{dims[-1]} * {element.primitive_bitwidth // 8} = {row_bytes} bytes",
                            "make the last block dimension longer")
    padding = _padding(padding_option, element, fn) or "zero"
    parts = _values(shape, len(dims), "shape", fn, i32) + _values(strides, len(dims), "strides", fn, i64)
    return emit("pt.make_tensor_desc", [p, *parts], TensorDescType(BlockType(dims, element.to_ir()), padding))


def _descriptor(desc: Any, fn: str) -> tensor_descriptor:
    desc = unwrap(desc)
    if not isinstance(desc, tensor_descriptor):
        got = desc.handle.type if isinstance(desc, tensor) else repr(desc)
        raise LanguageError(f"{fn} needs a tensor descriptor, got {got}",
                            "make one with tl.make_tensor_descriptor or pass a TensorDescriptor argument")
    return desc


@builtin
@takes_tensor_memory("desc")
def load_tensor_descriptor(desc: Any, offsets: Sequence[Any]) -> tensor:
    """The tile of `desc` at `offsets`; elements outside the tensor are its padding (zero by default)."""
    d = _descriptor(desc, "tl.load_tensor_descriptor")
    offs = _values(offsets, len(d.block_shape), "offsets", "desc.load", i32)
    return emit("pt.desc_load", [d, *offs], d.handle.type.block)


def tensor_memory_operands(desc: Any, offsets: Any, value: Any, fn: str) -> tuple[tensor_descriptor, list, tensor]:
    """The descriptor, the tile offsets (i32) and the value converted to a tile, for a store-like access."""
    d = _descriptor(desc, fn)
    tile = d.handle.type.block
    return d, _values(offsets, len(tile.dims), "offsets", fn, i32), convert(unwrap(value), d.dtype, tile.dims)


@builtin
@takes_tensor_memory("desc")
def store_tensor_descriptor(desc: Any, offsets: Sequence[Any], value: Any) -> None:
    """Store `value` as the tile of `desc` at `offsets`; elements outside the tensor are not written."""
    d, offs, v = tensor_memory_operands(desc, offsets, value, "tl.store_tensor_descriptor")
    builder().create("pt.desc_store", [d.handle, v.handle] + [o.handle for o in offs])


def descriptor_arg_names(name: str, t: TensorDescType) -> list[str]:
    """The names of the kernel arguments a tensor-descriptor parameter arrives as, in part_types order: the
    base pointer keeps the parameter's name, then `name.shape.d` and `name.strides.d`."""
    rank = len(t.block.dims)
    return [name] + [f"{name}.{part}.{d}" for part in ("shape", "strides") for d in range(rank)]


def kernel_args(signature: dict[str, Type], constexprs: dict[str, Any]) -> list[tuple[str, Type]]:
    """The kernel's arguments after each tensor-descriptor parameter is expanded into its parts (those
    specialised to a constant, in `constexprs`, are not arguments)."""
    out: list[tuple[str, Type]] = []
    for name, t in signature.items():
        if isinstance(t, TensorDescType):
            out += [(n, pt) for n, pt in zip(descriptor_arg_names(name, t), part_types(t)) if n not in constexprs]
        else:
            out.append((name, t))
    return out


__all__ = ["advance", "check_call_arguments", "check_not_tensor_memory", "descriptor_arg_names", "is_block_pointer",
           "kernel_args", "load_tensor_descriptor", "make_block_ptr", "make_tensor_descriptor", "store_tensor_descriptor",
           "takes_tensor_memory", "tensor_descriptor", "tensor_memory_kind", "tensor_memory_operands"]
