"""Memory: load, store and atomics through pointers or blocks of pointers."""
from __future__ import annotations

from typing import Any, Optional

from pantile.ir import Operation, PointerType, block_of, i1

from ..errors import LanguageError
from .core import builder, builtin, context, dtype, pointer_type, tensor, unwrap
from .elementwise import (as_tensor, broadcast_shapes, broadcast_to_shape, cast, compare, convert, emit, is_number,
                          shape_of)
from .tensor_memory import (block_load, block_store, is_block_pointer, takes_tensor_memory, tensor_descriptor,
                            tensor_memory_operands)

_CACHE = {"": None, None: None, ".ca": "ca", ".cg": "cg", ".cv": "cv"}
# Stores also take Triton's store-only hints (write-back, streaming, write-through), which no target uses.
_STORE_CACHE = {**_CACHE, ".wb": None, ".cs": None, ".wt": None}
_EVICT = {"": None, None: None, "evict_normal": "evict_normal", "evict_first": "evict_first",
          "evict_last": "evict_last"}
_SEM = ("relaxed", "acquire", "release", "acq_rel")
_SCOPE = ("cta", "gpu", "sys")


# Ops whose pointer result is made from their pointer operands (a call's result could be any of its arguments).
_POINTER_FROM_OPERANDS = frozenset({"pt.addptr", "pt.splat", "pt.broadcast", "pt.expand_dims", "pt.reshape",
                                    "pt.permute", "pt.select", "pt.multiple_of", "pt.max_contiguous",
                                    "pt.max_constancy"})


def made_from_const(p: Any) -> bool:
    """True when pointer `p` is made (through pointer arithmetic, broadcasts, selections or a runtime if's
    branches) from a kernel argument annotated tl.const: Triton's constant pointer type."""
    const = context().const_pointers
    todo, seen = [p.handle] if isinstance(p, tensor) else [], set()
    while const and todo:
        v = todo.pop()
        if id(v) in const:
            return True
        owner = getattr(v, "owner", None)
        if not isinstance(owner, Operation) or id(owner) in seen:
            continue
        seen.add(id(owner))
        if owner.name in _POINTER_FROM_OPERANDS:
            todo += [o for o in owner.operands if isinstance(o.type.scalar, PointerType)]
        elif owner.name == "scf.if":     # both branches yield constant pointers (merging them checks that)
            i = owner.results.index(v)
            todo += [r.entry.terminator.operands[i] for r in owner.regions]
    return False


def _check_writable(p: tensor, fn: str) -> None:
    """A LanguageError when pointer `p` is a constant pointer (made from a tl.const argument)."""
    if made_from_const(p):
        raise LanguageError(f"Cannot store to a constant pointer: {fn} writes through a pointer made from a "
                            f"tl.const argument", "remove tl.const from the parameter, or write elsewhere")


def _pointer(pointer: Any, fn: str) -> tensor:
    p = unwrap(pointer)
    if isinstance(p, tensor_descriptor):
        raise LanguageError(f"{fn} needs a pointer or a block of pointers, got a tensor descriptor",
                            "read and write a descriptor with desc.load(offsets) and desc.store(offsets, value)")
    if not isinstance(p, tensor) or not p.dtype.is_ptr() or is_block_pointer(p):
        got = repr(p) if not isinstance(p, tensor) else ("a block pointer" if is_block_pointer(p) else p.dtype)
        raise LanguageError(f"{fn} needs a pointer or a block of pointers, got {got}",
                            "offset a pointer argument, e.g. x_ptr + offsets")
    return p


def _choice(value: Any, table: dict, name: str) -> Optional[str]:
    value = unwrap(value)
    if value not in table:
        raise LanguageError(f"unknown {name} {value!r}",
                            f"use one of {', '.join(repr(k) for k in table if k)}")
    return table[value]


def _mask(mask: Any) -> Optional[tensor]:
    mask = unwrap(mask)
    if mask is None:
        return None
    m = as_tensor(mask, "mask")
    if not m.dtype.is_bool():
        raise LanguageError(f"the mask must be a boolean (int1) tensor, got {m.dtype}",
                            "build it with a comparison, e.g. offsets < n")
    return m


def _no_block_pointer(fn: str, boundary_check: Any, padding_option: Any = "") -> None:
    if unwrap(boundary_check) not in ((), None) or unwrap(padding_option) not in ("", None):
        raise LanguageError(f"{fn}: boundary_check and padding_option apply to block pointers (tl.make_block_ptr), "
                            "not to a pointer or a block of pointers", "use mask= and other= instead")


def _no_block_beside_scalar_pointer(fn: str, p: tensor, operands: dict[str, Any]) -> None:
    """LanguageError for a block operand beside a scalar pointer: every element would go through one address."""
    for what, x in operands.items():
        shape = shape_of(x)
        if shape and not p.shape:
            raise LanguageError(f"{fn}: {what} is a block of shape {list(shape)} but the pointer is a scalar",
                                f"offset the pointer by a block of offsets (e.g. ptr + tl.arange(0, {shape[-1]})) so "
                                f"that each element has its own address, or pass a scalar instead")


def _fit_pointer_block(fn: str, p: tensor, operands: dict[str, Any]) -> None:
    """LanguageError unless each block operand beside a block of pointers has its rank and, in each dimension, its
    size or 1: as in Triton, operands are broadcast to the pointers, never the pointers to the operands."""
    if not p.shape:
        return
    for what, x in operands.items():
        shape = shape_of(x)
        if not shape or shape == p.shape:
            continue
        if len(shape) != len(p.shape):
            raise LanguageError(f"{fn}: Cannot broadcast, rank mismatch: {what} has shape {list(shape)} and the "
                                f"pointers {list(p.shape)}", "give both the same rank, adding size-1 dimensions "
                                "with None in a subscript (e.g. x[None, :])")
        d = next((d for d, (a, b) in enumerate(zip(shape, p.shape)) if a not in (b, 1)), None)
        if d is not None:
            raise LanguageError(f"{fn}: Cannot broadcast {what} of shape {list(shape)} to the pointers' shape "
                                f"{list(p.shape)}: dimension {d} has size {shape[d]}, not {p.shape[d]}"
                                f"{' or 1' if p.shape[d] != 1 else ''}",
                                "offset the pointer by offsets of the value's shape, so that each element has its "
                                "own address")


@builtin
@takes_tensor_memory("pointer")
def load(pointer: Any, mask: Any = None, other: Any = None, boundary_check: Any = (), padding_option: str = "",
         cache_modifier: str = "", eviction_policy: str = "", volatile: bool = False) -> tensor:
    """Read through `pointer` where `mask` holds; masked-off elements are `other` (undefined without it).
    Through a block pointer: the block, checked for bounds on the `boundary_check` dimensions (which read
    as `padding_option`: 'zero', 'nan', or undefined when '')."""
    attrs = {"cache": _choice(cache_modifier, _CACHE, "cache_modifier"),
             "evict": _choice(eviction_policy, _EVICT, "eviction_policy"),
             "volatile": True if unwrap(volatile) else None}
    if is_block_pointer(unwrap(pointer)):
        return block_load(unwrap(pointer), mask, other, boundary_check, padding_option, attrs)
    p, m = _pointer(pointer, "tl.load"), _mask(mask)
    _no_block_pointer("tl.load", boundary_check, padding_option)
    other = unwrap(other)
    if other is not None and m is None:
        raise LanguageError("tl.load got `other` without `mask`", "give a mask, or leave `other` out")
    _no_block_beside_scalar_pointer("tl.load", p, {"the mask": m, "other=": other})
    _fit_pointer_block("tl.load", p, {"the mask": m, "other=": other})
    shape = broadcast_shapes(p.shape, shape_of(m), shape_of(other))
    elem = p.dtype.element_ty
    operands = [broadcast_to_shape(p, shape)]
    if m is not None:
        operands.append(broadcast_to_shape(m, shape))
    if other is not None:
        operands.append(convert(other, elem, shape))
    return emit("pt.load", operands, block_of(shape, elem.to_ir()), **attrs)


@builtin
@takes_tensor_memory("pointer")
def store(pointer: Any, value: Any, mask: Any = None, boundary_check: Any = (), cache_modifier: str = "",
          eviction_policy: str = "") -> None:
    """Write `value` (converted to the pointee type) through `pointer` where `mask` holds; through a block
    pointer, skipping the elements out of bounds on the `boundary_check` dimensions."""
    attrs = {"cache": _choice(cache_modifier, _STORE_CACHE, "cache_modifier"),
             "evict": _choice(eviction_policy, _EVICT, "eviction_policy")}
    if is_block_pointer(unwrap(pointer)):
        return block_store(unwrap(pointer), value, mask, boundary_check, attrs)
    p, m = _pointer(pointer, "tl.store"), _mask(mask)
    _check_writable(p, "tl.store")
    _no_block_pointer("tl.store", boundary_check)
    value = unwrap(value)
    _no_block_beside_scalar_pointer("tl.store", p, {"the value": value, "the mask": m})
    _fit_pointer_block("tl.store", p, {"the value": value, "the mask": m})
    shape = broadcast_shapes(p.shape, shape_of(value), shape_of(m))
    operands = [broadcast_to_shape(p, shape), convert(value, p.dtype.element_ty, shape)]
    if m is not None:
        operands.append(broadcast_to_shape(m, shape))
    builder().create("pt.store", [t.handle for t in operands], [], {k: v for k, v in attrs.items() if v})


def _sem_scope(sem: Any, scope: Any, fn: str = "", allowed: tuple[str, ...] = _SEM) -> dict[str, str]:
    """The sem and scope attributes of an atomic; `fn` (an atomic load, store or poll) takes only the `allowed`
    semantics, the first of them by default."""
    sem = unwrap(sem) or (allowed[0] if fn else "acq_rel")
    scope = unwrap(scope) or "gpu"
    if sem not in _SEM:
        raise LanguageError(f"unknown memory semantics {sem!r}", f"use one of {', '.join(map(repr, allowed))}")
    if sem not in allowed:
        raise LanguageError(f"{fn} supports only the {allowed[0]!r} and {allowed[1]!r} memory semantics, got {sem!r}",
                            f"give sem={allowed[0]!r} or sem={allowed[1]!r}")
    if scope not in _SCOPE:
        raise LanguageError(f"unknown scope {scope!r}", f"use one of {', '.join(map(repr, _SCOPE))}")
    return {"sem": sem, "scope": scope}


def _rmw_kind(op: str, elem: Any, fn: str, hint: str = "use tl.atomic_xchg or tl.atomic_cas") -> str:
    """The pt.atomic_rmw kind of atomic `op` on elements of dtype `elem`."""
    if op in ("and", "or", "xor") and not elem.is_int():
        raise LanguageError(f"{fn} needs an integer pointee, got {elem}", hint)
    if not (elem.is_int() or elem.is_floating()):
        raise LanguageError(f"{fn} needs a pointer to numbers, got {elem}")
    if op == "add" and elem.is_floating():
        return "fadd"
    if op in ("max", "min") and elem.is_int_unsigned():
        return "u" + op
    return op


def _atomic(op: str, pointer: Any, val: Any, mask: Any, sem: Any, scope: Any) -> tensor:
    fn = f"tl.atomic_{op}"
    p, m = _pointer(pointer, fn), _mask(mask)
    _check_writable(p, fn)
    elem = p.dtype.element_ty
    kind = _rmw_kind(op, elem, fn)
    val = unwrap(val)
    _fit_pointer_block(fn, p, {"the value": val, "the mask": m})
    shape = broadcast_shapes(p.shape, shape_of(val), shape_of(m))
    operands = [broadcast_to_shape(p, shape), convert(val, elem, shape)]
    if m is not None:
        operands.append(broadcast_to_shape(m, shape))
    return emit("pt.atomic_rmw", operands, block_of(shape, elem.to_ir()), kind=kind, **_sem_scope(sem, scope))


def _make_atomic(op: str):
    def fn(pointer: Any, val: Any, mask: Any = None, sem: Optional[str] = None, scope: Optional[str] = None) -> tensor:
        """Atomic read-modify-write (the docstring is set per operation below)."""
        return _atomic(op, pointer, val, mask, sem, scope)
    fn.__name__ = fn.__qualname__ = f"atomic_{op}"
    fn.__doc__ = f"Atomic {op} at each pointer where `mask` holds; returns the old values."
    return builtin(fn)


atomic_add, atomic_max, atomic_min = (_make_atomic(op) for op in ("add", "max", "min"))
atomic_and, atomic_or, atomic_xor, atomic_xchg = (_make_atomic(op) for op in ("and", "or", "xor", "xchg"))


def _descriptor_atomic(op: str):
    def method(self: tensor_descriptor, offsets: Any, value: Any) -> None:
        """Atomic read-modify-write of a descriptor's tile (the docstring is set per operation below)."""
        desc, offs, v = tensor_memory_operands(self, offsets, value, f"desc.atomic_{op}")
        kind = _rmw_kind(op, desc.dtype, f"desc.atomic_{op}",
                         "a float tensor takes atomic_add, atomic_min and atomic_max")
        builder().create("pt.desc_atomic", [desc.handle, v.handle] + [o.handle for o in offs], [], {"kind": kind})
    method.__name__ = method.__qualname__ = f"atomic_{op}"
    method.__doc__ = (f"Atomic {op} of `value` into the tile at `offsets` (relaxed, gpu scope, as a tile reduction); "
                      "elements outside the tensor are skipped.")
    setattr(tensor_descriptor, method.__name__, takes_tensor_memory("self")(builtin(method)))


for _op in ("add", "min", "max", "and", "or", "xor"):
    _descriptor_atomic(_op)


@builtin
def atomic_cas(pointer: Any, cmp: Any, val: Any, sem: Optional[str] = None, scope: Optional[str] = None) -> tensor:
    """Atomically store `val` where the memory equals `cmp`; returns the old values."""
    p = _pointer(pointer, "tl.atomic_cas")
    _check_writable(p, "tl.atomic_cas")
    elem = p.dtype.element_ty
    cmp, val = unwrap(cmp), unwrap(val)
    _fit_pointer_block("tl.atomic_cas", p, {"cmp": cmp, "the value": val})
    shape = broadcast_shapes(p.shape, shape_of(cmp), shape_of(val))
    operands = [broadcast_to_shape(p, shape), convert(cmp, elem, shape), convert(val, elem, shape)]
    return emit("pt.atomic_cas", operands, block_of(shape, elem.to_ir()), **_sem_scope(sem, scope))


def _load_store_pointer(pointer: Any, fn: str) -> tensor:
    """The pointer of an atomic load or store, to integers or floats (int1 is read and written as int8 bytes)."""
    p = _pointer(pointer, fn)
    elem = p.dtype.element_ty
    if elem.is_bool():
        return cast(p, pointer_type(dtype("int8"), p.dtype.address_space))
    if not (elem.is_int() or elem.is_floating()):
        raise LanguageError(f"{fn} needs a pointer to integers or floats, got a pointer to {elem}")
    return p


@builtin
def atomic_load(pointer: Any, mask: Any = None, sem: Optional[str] = None, scope: Optional[str] = None) -> tensor:
    """Atomically read through `pointer` where `mask` holds (masked-off elements are undefined); sem 'acquire'
    (the default) orders this program's later accesses after the read, 'relaxed' orders nothing."""
    fn = "tl.atomic_load"
    attrs = _sem_scope(sem, scope, fn, ("acquire", "relaxed"))
    p, m = _load_store_pointer(pointer, fn), _mask(mask)
    _no_block_beside_scalar_pointer(fn, p, {"the mask": m})
    _fit_pointer_block(fn, p, {"the mask": m})
    operands = [p] + ([broadcast_to_shape(m, p.shape)] if m is not None else [])
    got = emit("pt.atomic_load", operands, block_of(p.shape, p.dtype.element_ty.to_ir()), **attrs)
    return compare("!=", got, 0) if unwrap(pointer).dtype.element_ty.is_bool() else got


@builtin
def atomic_store(pointer: Any, val: Any, mask: Any = None, sem: Optional[str] = None,
                 scope: Optional[str] = None) -> None:
    """Atomically write `val` (converted to the pointee type) through `pointer` where `mask` holds; sem 'release'
    (the default) orders this program's earlier accesses before the write, 'relaxed' orders nothing."""
    fn = "tl.atomic_store"
    attrs = _sem_scope(sem, scope, fn, ("release", "relaxed"))
    p, m = _load_store_pointer(pointer, fn), _mask(mask)
    _check_writable(p, fn)
    val = unwrap(val)
    if unwrap(pointer).dtype.element_ty.is_bool():
        val = convert(val, dtype("int1"), shape_of(val))
    _no_block_beside_scalar_pointer(fn, p, {"the value": val, "the mask": m})
    _fit_pointer_block(fn, p, {"the value": val, "the mask": m})
    operands = [p, convert(val, p.dtype.element_ty, p.shape)] + ([broadcast_to_shape(m, p.shape)] if m is not None
                                                                 else [])
    builder().create("pt.atomic_store", [t.handle for t in operands], [], attrs)


@builtin
def atomic_poll(pointer: Any, expected_value: Any, sem: Optional[str] = None, scope: Optional[str] = None,
                timeout_ns: Any = None) -> tensor:
    """Atomically read each element through `pointer` until it equals `expected_value`, or until `timeout_ns`
    nanoseconds have passed since the poll began (each element is read at least once); returns a boolean block,
    true where the value was seen. sem 'acquire' (the default) orders later accesses after a successful poll."""
    fn = "tl.atomic_poll"
    timeout = unwrap(timeout_ns)
    if is_number(timeout) and timeout < 0:
        raise LanguageError(f"{fn}: timeout_ns must not be negative, got {timeout}",
                            "give a number of nanoseconds >= 0, or leave timeout_ns out to wait without limit")
    p = _pointer(pointer, fn)
    elem = p.dtype.element_ty
    if not elem.is_int() or elem.primitive_bitwidth not in (16, 32, 64):
        raise LanguageError(f"{fn} polls only 16-, 32- or 64-bit integers, got a pointer to {elem}",
                            "poll an integer flag, e.g. an int32 array")
    attrs = _sem_scope(sem, scope, fn, ("acquire", "relaxed"))
    expected = unwrap(expected_value)
    _no_block_beside_scalar_pointer(fn, p, {"expected_value": expected})
    _fit_pointer_block(fn, p, {"expected_value": expected})
    operands = [p, convert(expected, elem, p.shape)]
    if timeout is not None:
        t = as_tensor(timeout, "timeout_ns")
        if t.shape or not t.dtype.is_int():
            got = f"a block of shape {list(t.shape)}" if t.shape else str(t.dtype)
            raise LanguageError(f"{fn}: timeout_ns must be a scalar integer, got {got}",
                                "give one number of nanoseconds for the whole poll")
        operands.append(cast(t, dtype("uint64")))
    return emit("pt.atomic_poll", operands, block_of(p.shape, i1), **attrs)


__all__ = ["load", "store", "atomic_add", "atomic_max", "atomic_min", "atomic_and", "atomic_or", "atomic_xor",
           "atomic_xchg", "atomic_cas", "atomic_load", "atomic_store", "atomic_poll"]
