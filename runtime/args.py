"""Kernel arguments: IR types from Python values, Triton type strings, specialization."""
from __future__ import annotations

import re
from typing import Any, Optional

import numpy as np

from pantile.ir import BlockType, PointerType, ScalarType, TensorDescType, Type
from pantile.targets.base import DeviceArray
from pantile.targets.launch.runtime import ndarray_address

from .target_select import device_targets

# Triton's signature strings and the IR scalar names they denote.
_TRITON_NAMES = {
    "i1": "i1", "i8": "i8", "i16": "i16", "i32": "i32", "i64": "i64",
    "u1": "i1", "u8": "u8", "u16": "u16", "u32": "u32", "u64": "u64",
    "fp16": "f16", "bf16": "bf16", "fp32": "f32", "fp64": "f64", "f16": "f16", "f32": "f32", "f64": "f64",
    "fp8e4nv": "f8e4m3", "fp8e5": "f8e5m2", "f8e4m3": "f8e4m3", "f8e5m2": "f8e5m2",
    "fp8e4b15": "f8e4b15", "fp8e4b8": "f8e4b8", "fp8e5b16": "f8e5b16", "int1": "i1",
}

NUMPY_ELEMENT_NAMES = {
    "bool": "i1", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint8": "u8", "uint16": "u16", "uint32": "u32", "uint64": "u64",
    "float16": "f16", "float32": "f32", "float64": "f64", "bfloat16": "bf16",
    "float8_e4m3fn": "f8e4m3", "float8_e5m2": "f8e5m2", "float8_e4m3fnuz": "f8e4b8", "float8_e5m2fnuz": "f8e5b16",
}


# Triton's string for a TensorDescriptor argument: tensordesc<fp16[64, 64]> (pantile adds ', nan' for NaN padding).
_TENSORDESC = re.compile(r"tensordesc<(\w+)\[([\d, ]*)\](?:,\s*(zero|nan))?>")


_SIGNATURE_NAMES = {"f16": "fp16", "f32": "fp32", "f64": "fp64", "f8e4m3": "fp8e4nv", "f8e5m2": "fp8e5"}


def signature_name(t: Type) -> str:
    """The Triton signature string of an argument's IR type: 'i32', 'fp32', '*fp16' (what Triton's repr hooks
    and launch metadata read)."""
    if isinstance(t, PointerType):
        return "*" + signature_name(t.pointee)
    return _SIGNATURE_NAMES.get(str(t), str(t))


def passed_at_launch(key: tuple) -> bool:
    """Whether an argument of this key is passed at launch: not compiled in (a constexpr, an int equal to 1)."""
    return key[0] != "constexpr" and "one" not in key


def parse_signature_type(text: str) -> Type:
    """The IR type of a Triton signature string such as '*fp32', 'i32' or 'tensordesc<fp16[64, 64]>'."""
    t = text.strip()
    desc = _TENSORDESC.fullmatch(t)
    if desc is not None:
        element, dims, padding = desc.groups()
        block = tuple(int(d) for d in dims.replace(" ", "").split(",") if d)
        return TensorDescType(BlockType(block, parse_signature_type(element)), padding or "zero")
    if t.startswith("*"):
        return PointerType(parse_signature_type(t[1:]))
    if t not in _TRITON_NAMES:
        raise ValueError(f"unknown type {text!r} in signature: use one of {', '.join(sorted(_TRITON_NAMES))} "
                         "or a pointer such as '*fp32'")
    return ScalarType(_TRITON_NAMES[t])


# A signature entry with a divisibility, as Triton's ahead-of-time compiler writes it: '*fp32:16', 'i32:16'.
_DIVISIBLE = re.compile(r"(.+):(\d+)")


def parse_signature_entry(text: str) -> tuple[Type, tuple]:
    """The IR type and specialization attributes of a signature entry: '*fp32', or '*fp32:16' for a pointer
    whose address (an integer whose value) is divisible by 16."""
    found = _DIVISIBLE.fullmatch(text.strip())
    if found is None:
        return parse_signature_type(text), ()
    if found.group(2) != "16":
        raise ValueError(f"signature entry {text!r}: the only divisibility pantile specializes on is 16 "
                         f"(write '{found.group(1)}:16' or '{found.group(1)}')")
    return parse_signature_type(found.group(1)), (("divisibility", 16),)


_ELEMENT_NAMES: dict[Any, str | None] = {}


def element_type_name(dtype: Any) -> str | None:
    """The IR scalar name for a numpy or torch dtype, or None when unsupported."""
    try:
        return _ELEMENT_NAMES[dtype]
    except KeyError:
        text = str(dtype).replace("torch.", "")   # numpy and torch dtypes, and tl dtypes (of TensorWrapper)
        name = _ELEMENT_NAMES[dtype] = NUMPY_ELEMENT_NAMES.get(text, _TRITON_NAMES.get(text))
        return name


def data_pointer(x: Any) -> int | None:
    """The address of an array's data, or None when `x` is not an array."""
    if isinstance(x, np.ndarray):
        return ndarray_address(x)
    if hasattr(x, "data_ptr"):
        return x.data_ptr()
    iface = getattr(x, "__cuda_array_interface__", None)
    if iface is not None:
        return iface["data"][0]
    return None


def device_array(x: Any) -> DeviceArray | None:
    """What a target tells of `x`, an array of its device with no host or CUDA address (an OpenCL
    array), or None."""
    if isinstance(x, np.generic) or not hasattr(x, "dtype"):
        return None
    for target in device_targets():
        found = target.device_array(x)
        if found is not None:
            return found
    return None


def check_writable(kernel: str, param: str, array: Any) -> None:
    """ValueError when `array`, which the kernel stores through as parameter `param`, is a read-only numpy
    array."""
    if isinstance(array, np.ndarray) and not array.flags.writeable:
        raise ValueError(f"argument '{param}' of {kernel}(): the kernel stores through this pointer but the array "
                         f"is read-only; pass a writable array (e.g. its .copy())")


def is_array(x: Any) -> bool:
    """True for anything pantile passes as a pointer (numpy, torch, CUDA arrays, a target's device arrays)."""
    return (isinstance(x, np.ndarray) or hasattr(x, "data_ptr") or hasattr(x, "__cuda_array_interface__")
            or device_array(x) is not None)


# The keys of an int32 scalar (the launch's fast path uses them as they are).
I32, I32_ONE, I32_DIV16 = ("i32",), ("i32", "one"), ("i32", "div16")


def scalar_key(x: Any, specialize: bool) -> tuple:
    """The specialization key of a scalar: type plus Triton's value classes (==1, %16)."""
    if isinstance(x, bool):
        return ("i1",)
    if isinstance(x, int):
        if -2**31 <= x < 2**31:
            t = "i32"
        elif -2**63 <= x < 2**64:
            t = "i64" if x < 2**63 else "u64"
        else:
            return ("?int", x)
        if not specialize:
            return (t,)
        if x == 1:
            return (t, "one")
        return (t, "div16") if x % 16 == 0 else (t,)
    if isinstance(x, float):
        return ("f32",)
    if isinstance(x, (np.integer, np.floating, np.bool_)):
        return (NUMPY_ELEMENT_NAMES[x.dtype.name],)
    return ("?", type(x).__name__)


class IntegerArgumentRangeError(ValueError, OverflowError):
    """An integer argument no kernel parameter type holds (Triton raises OverflowError; pantile's launch checks
    raise ValueError: both catch it)."""


def integer_range_error(kernel: str, param: str, value: int, type_name: str) -> Optional[str]:
    """Why `value` cannot be passed as parameter `param` of integer type `type_name` ('?int': of any integer
    type a kernel takes, int64 or uint64 at the widest), or None where it can."""
    if type_name == "?int":
        low, high, what = -2**63, 2**64 - 1, "every integer type a kernel takes (int64, uint64)"
    else:
        t = ScalarType(type_name)
        if not t.is_int or t.is_bool:
            return None
        bits = t.bitwidth
        low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if t.is_signed else (0, (1 << bits) - 1)
        what = f"its type {type_name}"
    if low <= value <= high:
        return None
    return f"argument '{param}' of {kernel}() is {value}, outside the range of {what}: {low} to {high}"


# The keys of a pointer to each supported dtype met so far, without and with the alignment attribute (the
# generated describers of runtime/binder.py read it).
POINTER_KEYS: dict[Any, tuple[tuple, tuple]] = {}


def array_key(dtype: Any, address: int, specialize: bool) -> tuple:
    """The specialization key of an array of `dtype` at `address`: pointer to its element type,
    aligned to 16 or not."""
    plain, aligned = POINTER_KEYS.get(dtype) or _pointer_keys(dtype)
    return aligned if specialize and address % 16 == 0 else plain


def _pointer_keys(dtype: Any) -> tuple[tuple, tuple]:
    """The keys of a pointer to `dtype` without and with the alignment attribute (kept for a supported dtype)."""
    elem = element_type_name(dtype)
    if elem is None:
        return ("*?", str(dtype)), ("*?", str(dtype))
    keys = POINTER_KEYS[dtype] = ("*" + elem,), ("*" + elem, "div16")
    return keys


def type_of_key(key: tuple) -> Type:
    """The IR type an argument of this specialization key has."""
    name = key[0]
    if name.startswith("*"):
        return PointerType(ScalarType(name[1:]))
    return ScalarType(name)
