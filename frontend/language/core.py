"""The language's values: dtypes (Triton's API), constexpr, tensor, and the builtin marker."""
from __future__ import annotations

import contextvars
from typing import Any, Callable, Iterator, Optional, Protocol, Sequence, TypeVar

from pantile.ir import BlockType, Builder, PointerType, ScalarType, Type, Value

from ..errors import LanguageError

# Triton's dtype names and the IR scalar each one is.
_IR_NAME = {
    "int1": "i1", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint8": "u8", "uint16": "u16", "uint32": "u32", "uint64": "u64",
    "fp8e4nv": "f8e4m3", "fp8e5": "f8e5m2", "fp8e4b15": "f8e4b15", "fp8e4b8": "f8e4b8", "fp8e5b16": "f8e5b16",
    "fp16": "f16", "bf16": "bf16", "fp32": "f32", "fp64": "f64",
}
_NAME_OF_IR = {v: k for k, v in _IR_NAME.items()}
_PUBLIC_NAME = {"fp8e4nv": "float8e4nv", "fp8e5": "float8e5", "fp8e4b15": "float8e4b15", "fp8e4b8": "float8e4b8",
                "fp8e5b16": "float8e5b16", "fp16": "float16", "bf16": "bfloat16",
                "fp32": "float32", "fp64": "float64"}
_MANTISSA = {"fp8e4nv": 3, "fp8e5": 2, "fp8e4b15": 3, "fp8e4b8": 3, "fp8e5b16": 2, "fp16": 10, "bf16": 7, "fp32": 23, "fp64": 52}
_EXPONENT_BIAS = {"fp8e4nv": 7, "fp8e5": 15, "fp8e4b15": 15, "fp8e4b8": 8, "fp8e5b16": 16, "fp16": 15, "bf16": 127, "fp32": 127, "fp64": 1023}


class dtype:
    """A scalar element type with Triton's dtype API: tl.float32, tl.int8, ..."""

    __pantile_compile_time__ = True
    # Triton's lists of dtype names, by kind
    SINT_TYPES = ["int8", "int16", "int32", "int64"]
    UINT_TYPES = ["int1", "uint8", "uint16", "uint32", "uint64"]
    FP_TYPES = ["fp8e4b15", "fp8e4nv", "fp8e4b8", "fp8e5", "fp8e5b16", "fp16", "bf16", "fp32", "fp64"]
    STANDARD_FP_TYPES = ["fp16", "bf16", "fp32", "fp64"]

    def __init__(self, name: str) -> None:
        if name not in _IR_NAME:
            raise ValueError(f"unknown dtype {name!r}; use one of {', '.join(_IR_NAME)}")
        self.name = name

    def to_ir(self) -> Type:
        """The IR type of one element."""
        return ScalarType(_IR_NAME[self.name])

    # Triton's predicates ---------------------------------------------------------------
    def is_floating(self) -> bool:
        """True for the float dtypes (fp8 to fp64)."""
        return self.name in _MANTISSA

    def is_int(self) -> bool:
        """True for signed and unsigned integers, int1 included."""
        return self.name.startswith(("int", "uint"))

    def is_int_signed(self) -> bool:
        """True for int8 to int64."""
        return self.name.startswith("int") and self.name != "int1"

    def is_int_unsigned(self) -> bool:
        """True for uint8 to uint64."""
        return self.name.startswith("uint")

    def is_bool(self) -> bool:
        """True for int1."""
        return self.name == "int1"

    def is_fp8(self) -> bool:
        """True for the 8-bit floats."""
        return self.name.startswith("fp8")

    def is_standard_floating(self) -> bool:
        """True for fp16, bf16, fp32 and fp64."""
        return self.name in ("fp16", "bf16", "fp32", "fp64")

    def is_ptr(self) -> bool:
        """True for pointer types."""
        return False

    def is_block(self) -> bool:
        """True for block types."""
        return False

    @property
    def primitive_bitwidth(self) -> int:
        """Bits of one element."""
        return self.to_ir().bitwidth

    @property
    def int_bitwidth(self) -> int:
        """Bits of an integer element."""
        return self.primitive_bitwidth

    @property
    def fp_mantissa_width(self) -> int:
        """Explicit mantissa bits of a float."""
        return _MANTISSA[self.name]

    @property
    def exponent_bias(self) -> int:
        """Exponent bias of a float."""
        return _EXPONENT_BIAS[self.name]

    @property
    def scalar(self) -> "dtype":
        """The element dtype."""
        return self

    def __eq__(self, other: object) -> bool:
        other = other.value if isinstance(other, constexpr) else other   # Triton: tl.int32 == tl.constexpr(tl.int32)
        return type(other) is type(self) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("dtype", self.name))

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"tl.{_PUBLIC_NAME.get(self.name, self.name)}"


# is_int8(), is_fp16(), ...: one predicate per dtype, as Triton's dtype has.
for _n in _IR_NAME:
    setattr(dtype, f"is_{_n}", lambda self, _n=_n: self.name == _n)


class pointer_type(dtype):
    """A pointer to `element_ty` in an address space (1 = global)."""

    def __init__(self, element_ty: dtype, address_space: int = 1) -> None:
        if not isinstance(element_ty, dtype):
            raise LanguageError(f"pointer_type needs a dtype, got {element_ty!r}", "e.g. tl.pointer_type(tl.float32)")
        self.element_ty = element_ty
        self.address_space = address_space
        self.name = f"pointer<{element_ty}>"

    def to_ir(self) -> Type:
        """The IR type."""
        return PointerType(self.element_ty.to_ir(), self.address_space)

    def is_ptr(self) -> bool:
        """True for pointer types."""
        return True

    @property
    def primitive_bitwidth(self) -> int:
        """Bits of one element."""
        return 64

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, pointer_type) and other.element_ty == self.element_ty
                and other.address_space == self.address_space)

    def __hash__(self) -> int:
        return hash(("pointer", self.element_ty, self.address_space))

    def __repr__(self) -> str:
        return f"tl.pointer_type({self.element_ty!r})"


class block_type(dtype):
    """The type of a block: element dtype and shape."""

    def __init__(self, element_ty: dtype, shape: tuple[int, ...]) -> None:
        if not isinstance(element_ty, dtype) or isinstance(element_ty, block_type):
            raise LanguageError(f"block_type needs a scalar or pointer dtype, got {element_ty!r}")
        self.element_ty = element_ty
        self.shape = tuple(shape)
        self.name = f"<{list(self.shape)}, {element_ty}>"

    def to_ir(self) -> Type:
        """The IR type."""
        return BlockType(self.shape, self.element_ty.to_ir())

    def is_block(self) -> bool:
        """True for block types."""
        return True

    @property
    def scalar(self) -> dtype:
        """The element dtype."""
        return self.element_ty

    @property
    def numel(self) -> int:
        """The number of elements."""
        n = 1
        for d in self.shape:
            n *= d
        return n

    def get_block_shapes(self) -> tuple[int, ...]:
        """The shape (Triton's name for it)."""
        return self.shape

    def __eq__(self, other: object) -> bool:
        return isinstance(other, block_type) and (other.element_ty, other.shape) == (self.element_ty, self.shape)

    def __hash__(self) -> int:
        return hash(("block", self.element_ty, self.shape))


def dtype_of(t: Type) -> dtype:
    """The language dtype of an IR type (scalar, pointer or block)."""
    if isinstance(t, BlockType):
        return block_type(dtype_of(t.element), t.dims)
    if isinstance(t, PointerType):
        return pointer_type(dtype_of(t.pointee), t.addrspace)
    return dtype(_NAME_OF_IR[t.name])


def str_to_ty(name: str) -> dtype:
    """The dtype a Triton type string names (Triton's tl.str_to_ty): 'fp32', 'bf16', 'i32', 'u8', '*fp16', ..."""
    if name.startswith("*"):
        return pointer_type(str_to_ty(name[1:]))
    if name in _IR_NAME:
        return dtype(name)
    if name in _NAME_OF_IR:
        return dtype(_NAME_OF_IR[name])
    raise ValueError(f"str_to_ty: unknown type {name!r}; use a dtype name such as 'fp32', 'i32' or '*fp16'")


class constexpr:
    """A compile-time value; also the annotation that marks a parameter as compile-time."""

    __pantile_builtin__ = True

    def __init__(self, value: Any) -> None:
        self.value = value.value if isinstance(value, constexpr) else value

    def __repr__(self) -> str:
        return f"constexpr[{self.value!r}]"

    def __bool__(self) -> bool:
        return bool(self.value)

    def __index__(self) -> int:
        return self.value.__index__()

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, constexpr) else other)

    def __hash__(self) -> int:
        return hash(self.value)

    @property
    def type(self) -> "constexpr_type":
        """The type of this compile-time value (Triton's constexpr_type, which is the value itself)."""
        return constexpr_type(self.value)


class constexpr_type:
    """The type of a compile-time value (Triton's tl.constexpr_type): two are equal when their values are."""

    __pantile_compile_time__ = True

    def __init__(self, value: Any) -> None:
        self.value = unwrap(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, constexpr_type) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"constexpr_type[{self.value}]"


class tuple_type:
    """The type of a tuple of kernel values (Triton's tl.tuple_type): the element types, and field names for a
    named tuple."""

    __pantile_compile_time__ = True

    def __init__(self, types: Any, fields: Optional[Sequence[str]] = None) -> None:
        self.types = list(types)
        self.fields = None if fields is None else list(fields)

    @property
    def name(self) -> str:
        """'[t0,t1]', or '[a:t0,b:t1]' with field names."""
        if self.fields is None:
            return "[" + ",".join(str(t) for t in self.types) + "]"
        return "[" + ",".join(f"{k}:{t}" for k, t in zip(self.fields, self.types)) + "]"

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"tuple_type({self.name})"

    def __iter__(self) -> Iterator[Any]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def __getitem__(self, index: int) -> Any:
        return self.types[index]

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.types == other.types and self.fields == other.fields

    def __hash__(self) -> int:
        return hash((tuple(map(str, self.types)), None if self.fields is None else tuple(self.fields)))


class const:
    """The annotation (Triton's tl.const) of a pointer parameter to data the kernel only reads: a store or an
    atomic through a pointer made from it is a compilation error."""


def unwrap(value: Any) -> Any:
    """A constexpr's Python value; anything else unchanged."""
    return value.value if isinstance(value, constexpr) else value


class tensor:
    """A runtime value of a kernel: a scalar or a block, held as an IR value."""

    def __new__(cls, handle: Value) -> "tensor":
        # A value of a registered IR type (a tensor descriptor) gets its language class wherever the code
        # generator wraps an IR value: loop and if results, block arguments, call results.
        kind = _TENSOR_KINDS.get(type(handle.type)) if cls is tensor else None
        return object.__new__(kind or cls)

    def __init__(self, handle: Value) -> None:
        self.handle = handle

    @property
    def type(self) -> dtype:
        """block_type for blocks, the element dtype for scalars."""
        return dtype_of(self.handle.type)

    @property
    def dtype(self) -> dtype:
        """The element dtype."""
        return dtype_of(self.handle.type.scalar)

    @property
    def shape(self) -> tuple[int, ...]:
        """The block shape; () for a scalar."""
        return self.handle.type.shape

    @property
    def numel(self) -> int:
        """The number of elements."""
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def T(self) -> "tensor":
        """The transpose (dimensions reversed)."""
        from .shape import trans
        return trans(self)

    def __repr__(self) -> str:
        return f"tensor({self.handle.type})"

    def __bool__(self) -> bool:
        raise LanguageError("the truth value of a runtime tensor is not known at compile time",
                            "compare it in a kernel `if` (which becomes scf.if) or use tl.where")


_TENSOR_KINDS: dict[type, type] = {}


def register_tensor_kind(ir_type: type, cls: type) -> None:
    """Make `tensor(v)` an instance of `cls` (a subclass of tensor) for values whose type is an `ir_type`."""
    _TENSOR_KINDS[ir_type] = cls


# The code generator that language functions emit into ------------------------------------
class EmitContext(Protocol):
    """What language functions need from the code generator: the builder and inline calls."""

    builder: Builder
    const_pointers: set[int]      # ids of the kernel arguments annotated tl.const

    def inline_call(self, fn: Any, args: list) -> list:
        """Generate @jit function `fn` inline at the insertion point; its returned values."""


_ACTIVE: contextvars.ContextVar[Optional[EmitContext]] = contextvars.ContextVar("pantile_emit", default=None)


def context() -> EmitContext:
    """The code generator running now; an error when called outside a kernel."""
    ctx = _ACTIVE.get()
    if ctx is None:
        raise LanguageError("pantile.language functions can only be called inside a @jit function",
                            "call the kernel with kernel[grid](...) instead of running it as Python")
    return ctx


def activate(ctx: Optional[EmitContext]) -> contextvars.Token:
    """Make `ctx` the code generator that language functions emit into."""
    return _ACTIVE.set(ctx)


def deactivate(token: contextvars.Token) -> None:
    """Restore the previous code generator."""
    _ACTIVE.reset(token)


def builder() -> Builder:
    """The IR builder of the running code generator."""
    return context().builder


F = TypeVar("F", bound=Callable)


def builtin(fn: F) -> F:
    """Mark a function as part of the language: kernels may call it."""
    fn.__pantile_builtin__ = True
    return fn


def constexpr_function(fn: F) -> F:
    """Decorator (Triton's constexpr_function): a plain Python function kernels may call on compile-time values."""
    fn.__pantile_compile_time__ = True
    return fn


def must_use_result(fn: Any, reason: Any = True) -> Any:
    """Decorator (Triton's must_use_result): a call of `fn` whose result a kernel drops is a compilation
    error; `@must_use_result("why")` adds the reason to the message."""
    if isinstance(fn, str):
        return lambda f: must_use_result(f, fn)
    fn._must_use_result = reason
    return fn


def is_builtin(obj: Any) -> bool:
    """True for language functions, their bound tensor methods and compile-time classes."""
    return bool(getattr(getattr(obj, "__func__", obj), "__pantile_builtin__", False))

