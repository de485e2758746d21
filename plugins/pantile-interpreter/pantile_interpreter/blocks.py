"""Ops over whole blocks: reductions and scans (combine regions run on all pairs at once), dots, atomics,
device_print and device_assert.

A combine region runs once per step of a tree (reduce) or of a Hillis-Steele scan, on every element pair of
the step together: the region's scalars become arrays over those pairs, as programs are elsewhere.
"""
from __future__ import annotations

import sys
import time

import numpy as np

from pantile.ir import Block, Operation, ScalarType
from pantile.targets.base import DeviceAssertionError
from pantile.targets.print_format import element_format, message_format

from . import memory as mem
from .arith import elementwise
from .dtypes import bits_dtype, cast, widen
from .env import Env
from .evaluator import Interpreter, handles, shape_of


def _combine(it: Interpreter, body: Block, left: list[np.ndarray], right: list[np.ndarray]) -> list[np.ndarray]:
    """The combine region on matching elements of `left` and `right` (arrays of one shape)."""
    shape = left[0].shape
    flat = [x.reshape(-1) for x in left + right]
    results = it.run_block(body, Env(None, flat[0].size), flat)
    return [np.broadcast_to(r, (flat[0].size,)).reshape(shape) for r in results]


def _rows(op: Operation, env: Env) -> tuple[list[np.ndarray], int]:
    """The operands with the op's axis moved last, and that axis' position in the (program, *shape) array."""
    axis = op.attributes["axis"] + 1
    return [np.moveaxis(env[v], axis, -1) for v in op.srcs], axis


@handles("pt.reduce")
def _reduce(it: Interpreter, op: Operation, env: Env) -> None:
    xs, _ = _rows(op, env)
    body = op.regions[0].blocks[0]
    while xs[0].shape[-1] > 1:
        n = xs[0].shape[-1]
        h = n // 2
        paired = _combine(it, body, [x[..., 0:2 * h:2] for x in xs], [x[..., 1:2 * h:2] for x in xs])
        xs = [np.concatenate([p, x[..., 2 * h:]], axis=-1) if n % 2 else p for p, x in zip(paired, xs)]
    for r, x in zip(op.results, xs):
        env[r] = x[..., 0]


@handles("pt.scan")
def _scan(it: Interpreter, op: Operation, env: Env) -> None:
    xs, axis = _rows(op, env)
    reverse = bool(op.attributes.get("reverse"))
    if reverse:
        xs = [x[..., ::-1] for x in xs]
    body = op.regions[0].blocks[0]
    n, d = xs[0].shape[-1], 1
    while d < n:
        later = _combine(it, body, [x[..., :n - d] for x in xs], [x[..., d:] for x in xs])
        xs = [np.concatenate([x[..., :d], y], axis=-1) for x, y in zip(xs, later)]
        d *= 2
    for r, x in zip(op.results, xs):
        env[r] = np.moveaxis(x[..., ::-1] if reverse else x, -1, axis)


def _compute_type(a: ScalarType, acc: ScalarType) -> ScalarType:
    """The type products are accumulated in, as on the cpu target."""
    if acc.is_float or a.is_float:
        return ScalarType("f64") if "f64" in (a.name, acc.name) else ScalarType("f32")
    return ScalarType("i64") if acc.bitwidth == 64 else ScalarType("i32")


@handles("pt.dot")
def _dot(it: Interpreter, op: Operation, env: Env) -> None:
    a, b, acc = op.a, op.b, op.acc
    ta, tacc = a.type.scalar, acc.type.scalar
    ct = _compute_type(ta, tacc)
    product = np.matmul(cast(env[a], ta, ct), cast(env[b], ta, ct))
    env[op.result] = cast(product + cast(env[acc], tacc, ct), ct, tacc)


# atomics -----------------------------------------------------------------------------------------
_RMW = {"add": "add", "fadd": "add", "max": "max", "min": "min", "and": "and", "or": "or", "xor": "xor"}


def _rmw_update(kind: str, t: ScalarType, values: np.ndarray):
    """update(old, lanes) for atomic `kind` on `t` with the flattened operand `values`."""
    def update(old: np.ndarray, lanes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        v = values[lanes]
        writes = np.ones(len(lanes), bool)
        if kind == "xchg":
            return v, writes
        if kind in ("umax", "umin"):
            u = bits_dtype(t)
            pick = (old.view(u) > v.view(u)) if kind == "umax" else (old.view(u) < v.view(u))
            return np.where(pick, old, v), writes
        return elementwise(_RMW[kind], [t, t], t, [old, v], {}), writes
    return update


@handles("pt.atomic_rmw")
def _atomic_rmw(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, mask = op.ptr, op.mask
    t = ptr.type.scalar.pointee
    values = np.broadcast_to(env[op.value], env[ptr].shape).reshape(-1)
    kind = op.attributes["kind"]
    env[op.result] = mem.atomic(it.memory, env[ptr], None if mask is None else env[mask], t, f"atomic_{kind}",
                                op.loc, it.where(env, shape_of(ptr)), _rmw_update(kind, t, values))


@handles("pt.atomic_cas")
def _atomic_cas(it: Interpreter, op: Operation, env: Env) -> None:
    ptr = op.ptr
    t = ptr.type.scalar.pointee
    shape = env[ptr].shape
    u = bits_dtype(t)
    expected = np.broadcast_to(env[op.cmp], shape).reshape(-1).view(u)
    values = np.broadcast_to(env[op.value], shape).reshape(-1)

    def update(old: np.ndarray, lanes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return values[lanes], old.view(u) == expected[lanes]       # floats compare as bits
    env[op.result] = mem.atomic(it.memory, env[ptr], None, t, "atomic_cas", op.loc, it.where(env, shape_of(ptr)),
                                update)


@handles("pt.atomic_load")
def _atomic_load(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, mask = op.ptr, op.mask      # programs that load atomically run one at a time: a load is atomic
    env[op.result] = mem.load(it.memory, env[ptr], None if mask is None else env[mask], None, ptr.type.scalar.pointee,
                              op.loc, it.where(env, shape_of(ptr)), "atomic_load")


@handles("pt.atomic_store")
def _atomic_store(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, mask = op.ptr, op.mask
    mem.store(it.memory, env[ptr], env[op.value], None if mask is None else env[mask], ptr.type.scalar.pointee,
              op.loc, it.where(env, shape_of(ptr)), "atomic_store")


@handles("pt.atomic_poll")
def _atomic_poll(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, where = op.ptr, it.where(env, shape_of(op.ptr))
    expected = np.broadcast_to(env[op.expected], env[ptr].shape)
    limit = None if op.timeout is None else int(env[op.timeout][0])
    start = time.perf_counter_ns()
    seen = np.zeros(env[ptr].shape, bool)
    while True:
        seen |= mem.load(it.memory, env[ptr], ~seen, None, ptr.type.scalar.pointee, op.loc, where,
                         "atomic_poll") == expected
        if seen.all() or limit is not None and time.perf_counter_ns() - start >= limit:
            env[op.result] = seen
            return
        if limit is None:
            lane = int(np.argmin(seen.reshape(-1)))
            raise mem.InterpreterFault(
                f"{op.loc.file}:{op.loc.line}: atomic_poll in {where(lane)} waits for a value no program can store: "
                f"the interpreter runs a kernel that polls one program at a time, in order of program id, so a "
                f"program can wait only for what programs with lower ids store (or give timeout_ns)")
        time.sleep(0)


# debugging ----------------------------------------------------------------------------------------
def _printable(x: np.ndarray, t, hex_: bool) -> tuple[str, list]:
    """printf's conversion for values of IR type `t` and the values as Python gives them to `%`."""
    if not isinstance(t, ScalarType):
        return "0x%x", x.astype(np.int64).tolist()
    if hex_:
        return f"0x%0{max(1, t.bitwidth // 4)}x", x.view(bits_dtype(t)).astype(np.uint64).tolist()
    if t.is_float:
        return "%f", widen(x, t).astype(np.float64).tolist()
    return ("%i" if t.is_signed else "%u"), x.astype(np.uint64 if not t.is_signed else np.int64).tolist()


@handles("pt.print")
def _print(it: Interpreter, op: Operation, env: Env) -> None:
    prefix, hex_ = op.attributes["prefix"], bool(op.attributes.get("hex"))
    lines = []
    for p in range(env.size):
        ids = tuple(int(i) for i in env.pids[p])
        if not op.values:
            lines.append(message_format(prefix) % ids)
        for k, v in enumerate(op.values):
            shape = shape_of(v)
            conversion, values = _printable(np.asarray(env[v][p]).reshape(-1), v.type.scalar, hex_)
            fmt = element_format(prefix, shape, k, len(op.values), conversion)
            for idx, x in zip(np.ndindex(*shape), values):
                lines.append(fmt % (ids + idx + (x,)))
    sys.stdout.write("".join(lines))
    sys.stdout.flush()


@handles("pt.assert")
def _assert(it: Interpreter, op: Operation, env: Env) -> None:
    if not it.debug:
        return
    cond = env[op.cond]
    failed = ~cond.reshape(-1)
    if failed.any():
        lane = int(np.argmax(failed))
        shape = shape_of(op.cond)
        numel = cond.size // env.size
        program, element = divmod(lane, numel)
        text = f"{op.loc.file}:{op.loc.line}: device assertion failed: {op.attributes['message']}"
        raise DeviceAssertionError.at(text, [int(i) for i in env.pids[program]], element if shape else None)


__all__ = ["handles"]
