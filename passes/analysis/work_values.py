"""Abstract values of the work analysis (work.py): what an operation yields when the kernel runs on its launch's
scalar arguments. Integers, index blocks, masks and pointer offsets are numpy arrays (or ints) computed exactly;
a value that depends on loaded data is UNKNOWN, and so is whatever is computed from it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pantile.ir import Operation, PointerType, ScalarType, Type


class _Unknown:
    """A value the analysis cannot compute (it depends on loaded data)."""

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class Pointer:
    """Pointer values: the kernel argument they point into and the byte offsets from its start."""

    arg: int
    offsets: Any          # int or int64 ndarray of the pointer's shape


def element_bytes(t: Type) -> int:
    """Bytes of one element of `t` (pointers are 8, i1 is 1)."""
    s = t.scalar
    if isinstance(s, PointerType):
        return 8
    return max(1, s.bitwidth // 8) if isinstance(s, ScalarType) else 8


def known(*values: Any) -> bool:
    """None of `values` is UNKNOWN."""
    return all(v is not UNKNOWN for v in values)


def _binary(fn):
    def rule(counter: Any, op: Operation, args: list) -> Any:
        a, b = args
        if not known(a, b):
            return UNKNOWN
        with np.errstate(all="raise"):
            return fn(np.asarray(a), np.asarray(b), op)
    return rule


def _div(a, b, op):
    if op.results[0].type.scalar.is_float:
        return a / b
    if np.any(b == 0):
        raise ZeroDivisionError
    q = np.abs(a) // np.abs(b)
    return np.where((a < 0) != (b < 0), -q, q)


def _rem(a, b, op):
    if op.results[0].type.scalar.is_float:
        return np.fmod(a, b)
    return a - _div(a, b, op) * b


_CMP = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater,
        "ge": np.greater_equal}


def _addptr(counter: Any, op: Operation, args: list) -> Any:
    p, off = args
    if not isinstance(p, Pointer) or not known(p.offsets, off):
        return UNKNOWN
    size = element_bytes(op.operands[0].type.scalar.pointee) if isinstance(op.operands[0].type.scalar,
                                                                            PointerType) else 1
    return Pointer(p.arg, np.asarray(p.offsets) + np.asarray(off, dtype=np.int64) * size)


def _select(counter: Any, op: Operation, args: list) -> Any:
    c, a, b = args
    if not known(c, a, b) or isinstance(a, Pointer) or isinstance(b, Pointer):
        return UNKNOWN
    return np.where(c, a, b)


def _cast(counter: Any, op: Operation, args: list) -> Any:
    x = args[0]
    if not known(x):
        return UNKNOWN
    t = op.results[0].type.scalar
    if t.is_bool:
        return np.asarray(x) != 0
    return np.trunc(x).astype(np.int64) if t.is_int else np.asarray(x, dtype=np.float64)


def _constant(counter: Any, op: Operation, args: list) -> Any:
    v = op.attributes["value"]
    t = op.results[0].type
    return np.full(t.shape, v) if t.shape else v


def _range(counter: Any, op: Operation, args: list) -> Any:
    return np.arange(op.attributes["start"], op.attributes["end"], dtype=np.int64)


def _shape_rule(fn):
    def rule(counter: Any, op: Operation, args: list) -> Any:
        x = args[0]
        return fn(np.asarray(x), op) if known(x) else UNKNOWN
    return rule


VALUES = {
    "add": _binary(lambda a, b, op: a + b), "sub": _binary(lambda a, b, op: a - b),
    "mul": _binary(lambda a, b, op: a * b), "div": _binary(_div), "rem": _binary(_rem),
    "min": _binary(lambda a, b, op: np.minimum(a, b)), "max": _binary(lambda a, b, op: np.maximum(a, b)),
    "and": _binary(lambda a, b, op: a & b), "or": _binary(lambda a, b, op: a | b),
    "xor": _binary(lambda a, b, op: a ^ b), "shl": _binary(lambda a, b, op: a << b),
    "shr": _binary(lambda a, b, op: a >> b),
    "cmp": _binary(lambda a, b, op: _CMP[op.attributes["predicate"]](a, b)),
    "not": _shape_rule(lambda x, op: ~x), "neg": _shape_rule(lambda x, op: -x),
    "abs": _shape_rule(lambda x, op: np.abs(x)),
    "addptr": _addptr, "select": _select, "cast": _cast, "constant": _constant, "make_range": _range,
    "program_id": lambda c, op, args: c.pid[op.attributes["axis"]],
    "num_programs": lambda c, op, args: c.grid[op.attributes["axis"]],
    "splat": _shape_rule(lambda x, op: np.broadcast_to(x, op.results[0].type.shape)),
    "broadcast": _shape_rule(lambda x, op: np.broadcast_to(x, op.results[0].type.shape)),
    "expand_dims": _shape_rule(lambda x, op: np.expand_dims(x, op.attributes["axis"])),
    "reshape": _shape_rule(lambda x, op: np.reshape(x, op.results[0].type.shape)),
    "permute": _shape_rule(lambda x, op: np.transpose(x, op.attributes["order"])),
}

STATEFUL = frozenset({"program_id", "num_programs"})     # value rules that read the counter, not their operands
