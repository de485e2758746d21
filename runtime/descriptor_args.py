"""TensorDescriptor arguments at launch: their specialization key, their part of the kernel's signature, and
the argument values (base array, shape, strides) the launcher passes for them."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional, Sequence

from pantile.frontend.language.tensor_memory import descriptor_arg_names
from pantile.ir import BlockType, TensorDescType
from pantile.tools.tensor_descriptor import TensorDescriptor

from .args import array_key, data_pointer, device_array, passed_at_launch, scalar_key, type_of_key
from .tuple_args import KIND as TUPLE, launch_parts, leaf_values

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


def launch_plan(keys: Sequence[tuple], tensor_maps: Sequence[int] = ()) -> Optional[tuple[tuple[int, int], ...]]:
    """(parameter, part) for each kernel argument when some parameter is a descriptor or a tuple (part 0 is the
    value itself, or a descriptor's base; 1.. its shape then strides, or a tuple's leaves; TENSOR_MAP the
    descriptor of parameter i whose tiles the kernel copies, its last arguments in the order of `tensor_maps`), or
    None when none is."""
    if not any(k[0] in (KIND, TUPLE) for k in keys):
        return None
    plan = []
    for i, k in enumerate(keys):
        if k[0] == KIND:
            plan += [(i, 0)] + [(i, 1 + j) for j, part in enumerate(k[4]) if "one" not in part]
        elif k[0] == TUPLE:
            plan += [(i, part) for part in launch_parts(k)]
        elif passed_at_launch(k):
            plan.append((i, 0))
    return tuple(plan + [(i, TENSOR_MAP) for i in tensor_maps])


def tensor_map_params(params: Sequence[str], args: Sequence[Any]) -> list[int]:
    """The parameter each tensor-map argument among a compiled kernel's `args` (ArgSpecs) describes, in order:
    argument `<name>.tensormap...` is parameter `<name>`'s descriptor."""
    return [params.index(a.name.split(".tensormap")[0]) for a in args if isinstance(a.type, TensorDescType)]


def expand(plan: Sequence[tuple[int, int]], values: Sequence[Any], addresses: Sequence[Optional[int]]
           ) -> tuple[list, list]:
    """The launcher's argument values and addresses for `plan` (a tuple's addresses: its leaves', or None)."""
    args, where = [], []
    for i, part in plan:
        v = values[i]
        if type(v) is TensorDescriptor:
            args.append(v.base if part == 0 else v if part == TENSOR_MAP else (*v.shape, *v.strides)[part - 1])
        elif type(v) is tuple:
            args.append(leaf_values(v)[part - 1])
            where.append(None if addresses[i] is None else leaf_values(addresses[i])[part - 1])
            continue
        else:
            args.append(v)
        where.append(addresses[i] if part == 0 else None)
    return args, where


def array_of(value: Any) -> Any:
    """The array an argument passes (a descriptor's base)."""
    return value.base if type(value) is TensorDescriptor else value


__all__ = ["KIND", "TENSOR_MAP", "TensorDescriptor", "add_to_signature", "array_of", "descriptor_key", "expand",
           "launch_plan", "parts_key", "tensor_map_params"]
