"""Atomic updates the fuzzer generates, with results that do not depend on the order lanes and programs run in:
commutative updates of shared bins (add, max, min, and, or, xor; float adds only of small integers, which are
exact in any order), per-lane updates of distinct addresses whose old values are stored too (xchg included),
and one update per program from a reduced scalar."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np

from . import reference as R
from .ops import same_dtype
from .reference import DTYPES, DType, Val

if TYPE_CHECKING:
    from .generator import KernelBuilder, Output

ATOMIC_DTYPES = ("int32", "int32", "uint32", "int64", "uint64", "float32", "float32", "float64", "int16", "uint8",
                 "float16")
UFUNCS = {"max": np.maximum, "min": np.minimum, "and": np.bitwise_and, "or": np.bitwise_or, "xor": np.bitwise_xor}


def kind_name(op: str, d: DType) -> str:
    """The capability record's name of atomic `op` on dtype d (fadd, umax, ...)."""
    if op == "add" and d.is_float:
        return "fadd"
    if op in ("max", "min") and d.is_int and not d.signed:
        return "u" + op
    return op


def _combine(op: str, d: DType, acc: np.ndarray, index: np.ndarray, values: np.ndarray) -> np.ndarray:
    """acc after `op` of each value into acc[index], in any order."""
    if op == "xchg":
        out = acc.copy()
        out[index] = values
        return out
    if op == "add":
        total = acc.astype(object) if d.is_int else acc.astype(np.float64)
        np.add.at(total, index, values.astype(object) if d.is_int else values.astype(np.float64))
        return R.wrap(total, d) if d.is_int else total.astype(d.storage)
    out = acc.copy()
    UFUNCS[op].at(out, index, values.astype(d.storage))
    return out


def _exact_float_sum(d: DType, init: np.ndarray, values: np.ndarray) -> bool:
    """Float adds of these values are exact in any order: integers whose partial sums fit the mantissa."""
    limit = 1.0 / d.eps
    return bool(np.all(values == np.round(values)) and np.abs(values).sum() + np.abs(init).max() < limit)


def _operand(k: "KernelBuilder", d: DType, shape: tuple[int, ...]) -> Optional[Val]:
    """A value of this shape as dtype d, exact (integer atomics, or float ones of exact values)."""
    exact = [v for v in k.values if v.err == 0 and v.shape == (shape or v.shape) and v.dtype.name != "int1"]
    if not exact:
        return None
    v = exact[int(k.rng.integers(0, len(exact)))]
    if not shape and v.shape:
        block = v
        res = R.reduce("sum" if block.dtype.is_int else "max", block, None, False)
        if res is None:
            return None
        v = k.emit(f"tl.{'sum' if block.dtype.is_int else 'max'}({block.name})", res[1], res[0], res[2],
                   feature="reduction")
    v = None if v is None else same_dtype(k, v, d)
    return v if v is not None and v.err == 0 else None


def emit_atomic(k: "KernelBuilder", mask: Optional[np.ndarray], outputs: list["Output"], params: list[str]) -> None:
    """One atomic update of a new output (and, per lane, a store of the old values)."""
    from .generator import Output, _input_data
    rng = k.rng
    for _ in range(60):
        mode = str(rng.choice(["bins", "bins", "lanes", "program"]))
        d = DTYPES[str(rng.choice(ATOMIC_DTYPES))]
        ops = ["add", "max", "min"] + (["and", "or", "xor"] if d.is_int else []) + (["xchg"] if mode == "lanes" else [])
        op = str(rng.choice(ops))
        v = _operand(k, d, k.block_shape if mode != "program" else ())
        if v is None:
            continue
        g = k.programs
        lanes = np.arange(v.ref.size).reshape(v.ref.shape)      # each lane's offset in a block-shaped output
        live = np.ones(lanes.shape, bool) if mask is None or mode == "program" else mask
        if mode == "bins":
            size = int(rng.choice([1, 3, 7, 16]))
            index, where = lanes % size, f"offs % {size}"
        elif mode == "lanes":
            size, index, where = lanes.size, lanes, "offs"
        else:
            size, index, where = 2, np.arange(g) % 2, "pid % 2"
        updates, index = v.ref[live], index[live]
        init = _input_data(rng, d, (size,))
        if d.is_float and op == "add":
            init = np.round(init / 64).astype(d.storage)
            if not _exact_float_sum(d, init, updates):
                continue
        i = len(outputs)
        params.append(f"out{i}")
        use_mask = ", mask=mask" if mask is not None and mode != "program" else ""
        expected = _combine(op, d, init, index, updates)
        k.atomic_kinds.add(kind_name(op, d))
        k.atomic_dtypes.add(d.ir)
        k.used.add(d.ir)
        k.features.add("atomic")
        if use_mask:
            k.features.add("mask")
        if mode != "lanes":
            k.lines.append(f"tl.atomic_{op}(out{i} + {where}, {v.name}{use_mask})")
            outputs.append(Output(d, init, expected, 0.0))
            return
        old = k.emit(f"tl.atomic_{op}(out{i} + offs, {v.name}{use_mask})", d, init.reshape(v.ref.shape), 0.0, pool=False)
        params.append(f"out{i + 1}")
        old_init = _input_data(rng, d, (size,))
        k.lines.append(f"tl.store(out{i + 1} + offs, {old.name}{use_mask})")
        outputs.append(Output(d, init, expected, 0.0))
        outputs.append(Output(d, old_init, np.where(live.reshape(-1), init, old_init), 0.0))
        return
    raise RuntimeError(f"no atomic update fits the values of this kernel:\n" + "\n".join(k.lines))
