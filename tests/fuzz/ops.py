"""The operations the fuzzer generates, one emitter per category: each picks operands from the kernel's values,
writes a line of the kernel and its numpy reference, or gives up (None) where the result would be undefined or
depend on rounding (see reference.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

import numpy as np

from . import reference as R
from .reference import DTYPES, INTS, DType, Val

if TYPE_CHECKING:
    from .generator import KernelBuilder

Emitter = Callable[["KernelBuilder"], Optional[Val]]
BINARY_SYMBOLS = {"max": "tl.maximum({a}, {b})", "min": "tl.minimum({a}, {b})"}


def _binary_text(op: str, a: str, b: str) -> str:
    return BINARY_SYMBOLS[op].format(a=a, b=b) if op in BINARY_SYMBOLS else f"({a} {op} {b})"


def _int_literal(k: "KernelBuilder", d: DType, nonzero: bool = False) -> int:
    lo, hi = d.limits
    picks = [v for v in (0, 1, 2, 3, 5, 7, 10, 31, 100, 255, -1, -2, -3, -7, -100, hi, lo, hi // 3)
             if lo <= v <= hi and not (nonzero and v == 0)]
    return picks[int(k.rng.integers(0, len(picks)))]     # rng.choice would make the list float64


def literal(value: float, d: DType, like: Val) -> Val:
    """A Python number in the kernel's text, which takes the dtype of the block it meets (Triton's rule for a
    number of the block's kind), broadcast to `like`'s shape."""
    full = np.full(like.ref.shape, value, object)
    return Val(repr(value), d, full.astype(d.storage) if d.is_int else R.as_dtype(full.astype(np.float64), d))


def same_dtype(k: "KernelBuilder", v: Val, d: DType) -> Optional[Val]:
    """v as dtype d: itself, or a new cast value."""
    if v.dtype == d:
        return v
    cast = R.cast(v, d)
    if cast is None:
        return None
    return k.emit(f"{v.name}.to(tl.{d.name})", d, *cast, feature="cast")


def _broadcast_ref(a: Val, b: Val) -> tuple[np.ndarray, np.ndarray]:
    """Both references broadcast per program (a 0-d value is one number per program)."""
    g = a.ref.shape[0]
    rank = max(len(a.shape), len(b.shape))
    fix = (lambda r: r.reshape((g,) + (1,) * (rank - r.ndim + 1) + r.shape[1:]))
    return np.broadcast_arrays(fix(a.ref), fix(b.ref))


def arith(k: "KernelBuilder") -> Optional[Val]:
    """+ - * & | ^ maximum minimum, a comparison, tl.where, or a unary op on values of one shape."""
    a = k.pick()
    form = k.rng.choice(["binary", "binary", "literal", "compare", "where", "unary"])
    if form == "unary":
        if a.dtype.name == "int1":
            return None
        op = k.rng.choice(["-", "~", "abs"] if a.dtype.is_int else ["-", "abs"])
        if op == "abs" and a.dtype.signed and np.any(a.ref == a.dtype.limits[0]):
            return None          # |INT_MIN| does not exist
        if op == "~":
            return k.emit(f"(~{a.name})", a.dtype, np.invert(a.ref), 0.0)
        if op == "-":
            ref = R.wrap(-R.ints(a.ref), a.dtype) if a.dtype.is_int else -a.ref
            return k.emit(f"(-{a.name})", a.dtype, ref, a.err)
        return k.emit(f"tl.abs({a.name})", a.dtype, np.abs(a.ref) if a.dtype.is_float else R.wrap(abs(R.ints(a.ref)), a.dtype), a.err)
    if form == "literal" and a.dtype.name != "int1":
        op = k.rng.choice(["+", "-", "*", "max", "min"] + (["&", "|", "^"] if a.dtype.is_int else []))
        value = _int_literal(k, a.dtype) if a.dtype.is_int else float(k.rng.choice([0.5, 2.0, -1.5, 3.0, 0.25]))
        lit = literal(value, a.dtype, a)
        left = k.rng.random() < 0.3 and op in ("+", "-", "*")
        x, y = (lit, a) if left else (a, lit)
        res = R.arith(op, x, y, a.dtype)
        return None if res is None else k.emit(_binary_text(op, x.name, y.name), a.dtype, *res)
    b = k.pick(shape=a.shape)
    if b is None:
        return None
    if form == "where":
        c = k.pick(shape=a.shape, dtype=DTYPES["int1"])
        b = same_dtype(k, b, a.dtype)
        if c is None or b is None:
            return None
        return k.emit(f"tl.where({c.name}, {a.name}, {b.name})", a.dtype, np.where(c.ref, a.ref, b.ref),
                      max(a.err, b.err))
    b = same_dtype(k, b, a.dtype)
    if b is None:
        return None
    if form == "compare":
        op = k.rng.choice(["==", "!=", "<", "<=", ">", ">="])
        ref = R.compare(op, a, b)
        return None if ref is None else k.emit(f"({a.name} {op} {b.name})", DTYPES["int1"], ref, 0.0)
    if a.dtype.name == "int1":
        op = k.rng.choice(["&", "|", "^"])
        f = {"&": np.logical_and, "|": np.logical_or, "^": np.logical_xor}[op]
        return k.emit(f"({a.name} {op} {b.name})", a.dtype, f(a.ref, b.ref), 0.0)
    op = k.rng.choice(["+", "-", "*", "max", "min"] + (["&", "|", "^"] if a.dtype.is_int else []))
    res = R.arith(op, a, b, a.dtype)
    return None if res is None else k.emit(_binary_text(op, a.name, b.name), a.dtype, *res)


def cast(k: "KernelBuilder") -> Optional[Val]:
    """x.to(tl.T) between any two dtypes, bool included."""
    a = k.pick()
    to = DTYPES[k.rng.choice([n for n in DTYPES if n != a.dtype.name])]
    res = R.cast(a, to)
    return None if res is None else k.emit(f"{a.name}.to(tl.{to.name})", to, *res, feature="cast")


def _int_value(k: "KernelBuilder") -> Optional[Val]:
    a = k.pick(kind="int")
    if a is None:
        a = same_dtype(k, k.pick(), DTYPES[k.rng.choice(INTS)])
    return a


def _integer_op(k: "KernelBuilder", ops: list[str], feature: str, literal_of: Callable[[DType], int],
                guard: Callable[[Val, DType], Val]) -> Optional[Val]:
    """a op s for an integer value a and s a literal, another value, or that value made safe by `guard` where
    the op would be undefined for some lane."""
    a = _int_value(k)
    if a is None:
        return None
    op = k.rng.choice(ops)
    if k.rng.random() < 0.5:
        s = literal_of(a.dtype)
        res = R.arith(op, a, literal(s, a.dtype, a), a.dtype)
        return None if res is None else k.emit(f"({a.name} {op} {s})", a.dtype, *res, feature=feature)
    b = k.pick(shape=a.shape, kind="int")
    b = None if b is None else same_dtype(k, b, a.dtype)
    if b is None:
        return None
    res = R.arith(op, a, b, a.dtype)
    if res is None:
        b = guard(b, a.dtype)
        res = R.arith(op, a, b, a.dtype)
    return None if res is None else k.emit(f"({a.name} {op} {b.name})", a.dtype, *res, feature=feature)


def shift(k: "KernelBuilder") -> Optional[Val]:
    """x << s and x >> s with s below the width: a literal, a value, or a value masked to the width."""
    return _integer_op(k, ["<<", ">>"], "shift", lambda d: int(k.rng.integers(0, d.bits)),
                       lambda b, d: Val(f"({b.name} & {d.bits - 1})", d, (b.ref & (d.bits - 1)).astype(d.storage)))


def _nonzero_divisor(b: Val, d: DType) -> Val:
    """b with 0 (and -1, whose quotient of INT_MIN overflows) replaced by 3."""
    bad = (b.ref == 0) | ((b.ref == -1) if d.signed else False)
    cond = f"({b.name} == 0) | ({b.name} == -1)" if d.signed else f"{b.name} == 0"
    return Val(f"tl.where({cond}, 3, {b.name})", d, np.where(bad, 3, b.ref).astype(d.storage))


def divmod_(k: "KernelBuilder") -> Optional[Val]:
    """Integer // and % (truncating, as C) by a literal or a value, guarded from 0 and INT_MIN / -1; float /."""
    if k.rng.random() < 0.25:
        a = k.pick(kind="float")
        b = None if a is None else k.pick(shape=a.shape, kind="float")
        b = None if b is None else same_dtype(k, b, a.dtype)
        if b is not None:
            out = DTYPES["float32"] if a.dtype.bits == 16 else a.dtype     # Triton divides 16-bit floats in f32
            x, y = (Val(v.name, out, v.ref.astype(out.storage), v.err) for v in (a, b))   # exact widening
            res = R.arith("/", x, y, out)
            return None if res is None else k.emit(f"({a.name} / {b.name})", out, *res, feature="divmod")
    return _integer_op(k, ["//", "%"], "divmod", lambda d: _int_literal(k, d, nonzero=True), _nonzero_divisor)


def reduction(k: "KernelBuilder") -> Optional[Val]:
    """tl.sum / max / min / argmax / argmin along an axis or over the whole block."""
    a = k.pick(min_rank=1)
    if a is None or a.dtype.name == "int1":
        return None
    kind = k.rng.choice(["sum", "sum", "max", "min", "argmax", "argmin"])
    axis = None if (kind in ("sum", "max", "min") and k.rng.random() < 0.3) or len(a.shape) == 1 and k.rng.random() < 0.3 \
        else int(k.rng.integers(0, len(a.shape)))
    res = R.reduce(kind, a, axis, False)
    if res is None:
        return None
    ref, d, err = res
    return k.emit(f"tl.{kind}({a.name}, axis={axis})", d, ref, err, feature="reduction")


def scan(k: "KernelBuilder") -> Optional[Val]:
    """tl.cumsum / tl.cumprod along an axis, forward or reversed."""
    a = k.pick(min_rank=1)
    if a is None or a.dtype.name == "int1":
        return None
    kind = k.rng.choice(["cumsum", "cumsum", "cumprod"])
    axis = int(k.rng.integers(0, len(a.shape)))
    reverse = bool(k.rng.random() < 0.3)
    res = R.scan(kind, a, axis, reverse)
    if res is None:
        return None
    ref, d, err = res
    rev = ", reverse=True" if reverse else ""
    return k.emit(f"tl.{kind}({a.name}, axis={axis}{rev})", d, ref, err, feature="scan")


def broadcast(k: "KernelBuilder") -> Optional[Val]:
    """A lower-rank value combined with a block: [:, None], [None, :], expand_dims, broadcast_to, keep_dims, scalars."""
    a = k.pick()
    form = k.rng.choice(["index", "expand", "keep_dims", "broadcast_to"])
    op = k.rng.choice(["+", "-", "*", "max", "min"])
    if a.dtype.name == "int1":
        return None
    if form == "keep_dims" and len(a.shape) == 2:
        axis = int(k.rng.integers(0, 2))
        kind = k.rng.choice(["max", "min", "sum"])
        res = R.reduce(kind, a, axis, True)
        if res is None:
            return None
        red = k.emit(f"tl.{kind}({a.name}, axis={axis}, keep_dims=True)", res[1], res[0], res[2],
                     feature="reduction", pool=False)
        red = same_dtype(k, red, a.dtype) if red.dtype != a.dtype else red
        if red is None:
            return None
        lhs, rhs = a, red
    elif form == "broadcast_to" and not a.shape:
        shape = k.block_shape
        ref = np.broadcast_to(a.ref.reshape((-1,) + (1,) * len(shape)), (k.programs,) + shape).copy()
        return k.emit(f"tl.broadcast_to({a.name}, {shape!r})", a.dtype, ref, a.err, feature="broadcast")
    elif len(a.shape) == 1 and a.shape[0] <= 32:
        axis = int(k.rng.integers(0, 2))
        text = (f"tl.expand_dims({a.name}, {axis})" if form == "expand" else
                f"{a.name}[:, None]" if axis == 1 else f"{a.name}[None, :]")
        wide = Val(text, a.dtype, np.expand_dims(a.ref, axis + 1), a.err)
        other = [v for v in k.values if len(v.shape) == 2 and v.shape[1 - axis] == a.shape[0] and v.dtype.name != "int1"]
        if other and k.rng.random() < 0.7:
            partner = other[int(k.rng.integers(0, len(other)))]
        else:                                       # an outer product with another 1-D value
            partner = k.pick(shape=None, min_rank=1)
            if partner is None or len(partner.shape) != 1 or partner.shape[0] > 32 or partner.dtype.name == "int1":
                return None
            partner = Val(f"{partner.name}[None, :]" if axis == 1 else f"{partner.name}[:, None]", partner.dtype,
                          np.expand_dims(partner.ref, 2 - axis), partner.err)
        partner = same_dtype(k, partner, a.dtype) if partner.dtype != a.dtype else partner
        if partner is None:
            return None
        lhs, rhs = (wide, partner) if k.rng.random() < 0.5 else (partner, wide)
    elif not a.shape:
        b = k.pick(min_rank=1)
        b = None if b is None or b.dtype.name == "int1" else same_dtype(k, b, a.dtype)
        if b is None:
            return None
        lhs, rhs = (a, b) if k.rng.random() < 0.5 else (b, a)
    else:
        return None
    x, y = _broadcast_ref(lhs, rhs)
    res = R.arith(op, Val(lhs.name, a.dtype, x, lhs.err), Val(rhs.name, a.dtype, y, rhs.err), a.dtype)
    return None if res is None else k.emit(_binary_text(op, lhs.name, rhs.name), a.dtype, *res, feature="broadcast")


DOT_INPUTS = ("float16", "bfloat16", "float32", "float32", "int8", "float64")


def dot(k: "KernelBuilder") -> Optional[Val]:
    """tl.dot of two square blocks cast to an input type, with or without an accumulator."""
    square = [v for v in k.values if len(v.shape) == 2 and v.shape[0] == v.shape[1] and v.shape[0] >= 16]
    if not square:
        return None
    a, b = (square[int(k.rng.integers(0, len(square)))] for _ in range(2))
    d = DTYPES[k.rng.choice(DOT_INPUTS)]
    out = DTYPES["int32"] if d.is_int else DTYPES["float64"] if d.name == "float64" else DTYPES["float32"]
    x, y = same_dtype(k, a, d), same_dtype(k, b, d)
    if x is None or y is None:
        return None
    acc = None
    if k.rng.random() < 0.3:
        acc = same_dtype(k, square[int(k.rng.integers(0, len(square)))], out)
        if acc is None:
            return None
    tf32 = d.name == "float32" and k.rng.random() < 0.5
    res = R.dot(x, y, acc, out, tf32)
    if res is None:
        return None
    extra = (f", {acc.name}" if acc is not None else "") + (", input_precision=\"ieee\"" if d.name == "float32" and not tf32 else "")
    k.dot_dtypes.add(d.ir)
    return k.emit(f"tl.dot({x.name}, {y.name}{extra})", out, *res, feature="dot")


EMITTERS: dict[str, Emitter] = {"arith": arith, "cast": cast, "shift": shift, "divmod": divmod_, "reduction": reduction,
                                "scan": scan, "broadcast": broadcast, "dot": dot}
