"""TensorDescriptor arguments at launch: their specialization key, their part of the kernel's signature, and
the argument values (base array, shape, strides) the launcher passes for them."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional, Sequence

from pantile.frontend.language.tensor_memory import descriptor_arg_names
from pantile.ir import BlockType, TensorDescType
from pantile.tools.tensor_descriptor import TensorDescriptor

from .args import array_key, data_pointer, device_array, passed_at_launch, scalar_key, type_of_key
from .tuple_args import KIND as TUPLE, leaf_values, leaves

KIND = "tensordesc"
TENSOR_MAP = -1          # the part of a descriptor a kernel copies tiles of: the descriptor itself, encoded at launch


@lru_cache(maxsize=256)
def parts_key(shape: tuple[int, ...], strides: tuple[int, ...], specialize: bool) -> tuple:
    """The specialization keys of a descriptor's shape and stride values, each an integer argument's (kept per
    shape and strides: a warm launch reads them every time)."""
    return tuple(scalar_key(x, specialize) for x in (*shape, *strides))


def descriptor_key(desc: TensorDescriptor, specialize: bool) -> tuple[tuple, Optional[int]]:
    """The specialization key of a descriptor (its base's pointer key, block shape, padding and each shape and
    stride value's key) and its base's data address."""
    address = data_pointer(desc.base)
    base_key = array_key(desc.base.dtype, device_array(desc.base).address if address is None else address,
                         specialize)
    return (KIND, base_key, desc.block_shape, desc.padding, parts_key(desc.shape, desc.strides, specialize)), address


def add_to_signature(name: str, key: tuple, sig: list, consts: list, attrs: list) -> None:
    """Append what a descriptor parameter contributes to a Specialization: its type, the parts equal to 1 as
    constants and the divisibility of the others."""
    _, base_key, block, padding, parts = key
    t = TensorDescType(BlockType(block, type_of_key(base_key).pointee), padding)
    sig.append((name, t))
    for part, k in zip(descriptor_arg_names(name, t), (base_key, *parts)):
        if "one" in k:
            consts.append((part, 1))
        elif "div16" in k:
            attrs.append((part, (("divisibility", 16),)))


def _descriptor_parts(key: tuple) -> list[int]:
    """The parts of a descriptor passed at launch: its base (0), then each shape and stride value not equal to 1."""
    return [0] + [1 + j for j, part in enumerate(key[4]) if "one" not in part]


def _tuple_parts(key: tuple) -> list[int]:
    """The parts of a tuple argument passed at launch: 1 + their positions in launch_values()."""
    parts, at = [], 1
    for _, k in leaves("", key):
        if k[0] == KIND:
            parts += [at + part for part in _descriptor_parts(k)]
            at += 1 + len(k[4])
        else:
            if passed_at_launch(k):
                parts.append(at)
            at += 1
    return parts


def launch_values(value: tuple, addresses: Any) -> tuple[list, list]:
    """A tuple argument's leaves as the launcher takes them, a descriptor as its base, shape and strides, and the
    address of each (a descriptor's base its own, None for the rest; `addresses`: the leaves' in the tuple's
    structure, or None when none is known)."""
    values, where = [], []
    leaves_at = leaf_values(value)
    for v, a in zip(leaves_at, [None] * len(leaves_at) if addresses is None else leaf_values(addresses)):
        if type(v) is TensorDescriptor:
            values += [v.base, *v.shape, *v.strides]
            where += [a] + [None] * (len(v.shape) + len(v.strides))
        else:
            values.append(v)
            where.append(a)
    return values, where


def launch_plan(keys: Sequence[tuple], tensor_maps: Sequence[tuple[int, int]] = ()
                ) -> Optional[tuple[tuple[int, int], ...]]:
    """(parameter, part) for each kernel argument when some parameter is a descriptor or a tuple (part 0 is the
    value itself, or a descriptor's base; 1.. its shape then strides, or a tuple's launch_values; the negative
    parts of `tensor_maps` (tensor_map_parts) the descriptors whose tiles the kernel copies, its last arguments),
    or None when none is."""
    if not any(k[0] in (KIND, TUPLE) for k in keys):
        return None
    plan = []
    for i, k in enumerate(keys):
        if k[0] == KIND:
            plan += [(i, part) for part in _descriptor_parts(k)]
        elif k[0] == TUPLE:
            plan += [(i, part) for part in _tuple_parts(k)]
        elif passed_at_launch(k):
            plan.append((i, 0))
    return tuple(plan + list(tensor_maps))


def tensor_map_parts(params: Sequence[str], keys: Sequence[tuple], args: Sequence[Any]) -> list[tuple[int, int]]:
    """(parameter, part) of each tensor-map argument among a compiled kernel's `args` (ArgSpecs), in order:
    argument `<name>.tensormap...` is descriptor `<name>`'s, parameter `<name>` itself (part TENSOR_MAP) or leaf j
    of a tuple parameter (part -1 - j)."""
    parts = []
    for a in args:
        if isinstance(a.type, TensorDescType):
            name = a.name.split(".tensormap")[0]
            i = params.index(name.split(".")[0])
            if name == params[i]:
                parts.append((i, TENSOR_MAP))
            else:
                parts.append((i, -1 - [leaf for leaf, _ in leaves(params[i], keys[i])].index(name)))
    return parts


def expand(plan: Sequence[tuple[int, int]], values: Sequence[Any], addresses: Sequence[Optional[int]]
           ) -> tuple[list, list]:
    """The launcher's argument values and addresses for `plan`."""
    args, where = [], []
    flat: dict[int, tuple[list, list]] = {}
    for i, part in plan:
        v = values[i]
        if type(v) is TensorDescriptor:
            args.append(v.base if part == 0 else v if part == TENSOR_MAP else (*v.shape, *v.strides)[part - 1])
            where.append(addresses[i] if part == 0 else None)
        elif type(v) is tuple and part < 0:
            args.append(leaf_values(v)[-1 - part])
            where.append(None)
        elif type(v) is tuple:
            if i not in flat:
                flat[i] = launch_values(v, addresses[i])
            args.append(flat[i][0][part - 1])
            where.append(flat[i][1][part - 1])
        else:
            args.append(v)
            where.append(addresses[i] if part == 0 else None)
    return args, where


def array_of(value: Any) -> Any:
    """The array an argument passes (a descriptor's base)."""
    return value.base if type(value) is TensorDescriptor else value


__all__ = ["KIND", "TENSOR_MAP", "TensorDescriptor", "add_to_signature", "array_of", "descriptor_key", "expand",
           "launch_plan", "launch_values", "parts_key", "tensor_map_parts"]
