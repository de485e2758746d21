"""A @jit kernel's argument describer, generated once per kernel from its parameters: straight-line Python that
reads each argument's specialization key and data address, with the common kinds inline (a numpy array or an
array type that reads its address by `data_ptr()`, of a dtype seen before; an int32; a float; a plain constexpr)
and every other value handed to the kernel's general path. Generated code does per launch only what depends on
the values: no loop over parameters, no per-parameter flags looked up, each address read once."""
from __future__ import annotations

import ctypes
from typing import Any, Callable, Sequence

import numpy as np

from .args import I32, I32_DIV16, I32_ONE, POINTER_KEYS

# The general path: (parameter index, value, the launch's values, foreign arrays) -> (key, address); it may
# replace values[index] (a TensorWrapper is launched as its base) and appends arrays that may choose the target.
General = Callable[[int, Any, list, list], tuple]
Describer = Callable[[list, list], tuple[tuple, list]]

# Array types whose data address is `data_ptr()` and which may choose the target (torch tensors): the general
# path adds a type here when it first describes one such array.
DATA_PTR_TYPES: set[type] = set()
F32 = ("f32",)
_PLAIN_CONSTEXPR = frozenset({int, float, bool, str, type(None)})

_ARRAY = """\
    if t is ndarray and (k{i} := keys.get(v{i}.dtype)) is not None:
        try:
            a{i} = addressof(from_buffer(v{i}))
        except ADDRESS_ERRORS:
            a{i} = v{i}.__array_interface__["data"][0]
        k{i} = k{i}[{aligned}]
    elif t in data_ptr_types and (k{i} := keys.get(v{i}.dtype)) is not None:
        a{i} = v{i}.data_ptr()
        k{i} = k{i}[{aligned}]
        foreign.append(v{i})
"""
_INT = """\
    elif t is int and -2147483648 <= v{i} <= 2147483647:
        a{i} = None
        k{i} = {int_key}
"""
_FLOAT_AND_OTHER = """\
    elif t is float:
        a{i} = None
        k{i} = F32
    else:
        k{i}, a{i} = general({i}, v{i}, values, foreign)
"""
_CONSTEXPR = """\
    a{i} = None
    if t in plain_constexpr:
        k{i} = ("constexpr", v{i})
    else:
        k{i} = general({i}, v{i}, values, foreign)[0]
"""


def describer_source(constexpr: Sequence[bool], specialize: Sequence[bool]) -> str:
    """The source of `describe(values, foreign) -> (keys, addresses)` for parameters with these flags."""
    n = len(constexpr)
    lines = ["def describe(values, foreign):"]
    if n:
        lines.append(f"    {''.join(f'v{i}, ' for i in range(n))}= values")
    for i in range(n):
        lines.append(f"    t = type(v{i})")
        if constexpr[i]:
            lines.append(_CONSTEXPR.format(i=i))
            continue
        aligned = "not a{i} & 15".format(i=i) if specialize[i] else "0"
        int_key = f"I32_ONE if v{i} == 1 else I32 if v{i} & 15 else I32_DIV16" if specialize[i] else "I32"
        lines.append(_ARRAY.format(i=i, aligned=aligned) + _INT.format(i=i, int_key=int_key) +
                     _FLOAT_AND_OTHER.format(i=i))
    keys = "".join(f"k{i}, " for i in range(n))
    lines.append(f"    return ({keys}), [{', '.join(f'a{i}' for i in range(n))}]")
    return "\n".join(lines) + "\n"


def make_describer(constexpr: Sequence[bool], specialize: Sequence[bool], general: General) -> Describer:
    """The describer of a kernel whose parameters have these flags; `general` describes every other value."""
    scope = {"ndarray": np.ndarray, "addressof": ctypes.addressof, "from_buffer": ctypes.c_char.from_buffer,
             "ADDRESS_ERRORS": (TypeError, ValueError, BufferError), "keys": POINTER_KEYS,
             "data_ptr_types": DATA_PTR_TYPES, "I32": I32, "I32_ONE": I32_ONE, "I32_DIV16": I32_DIV16, "F32": F32,
             "plain_constexpr": _PLAIN_CONSTEXPR, "general": general}
    exec(compile(describer_source(constexpr, specialize), "<pantile describer>", "exec"), scope)
    return scope["describe"]
