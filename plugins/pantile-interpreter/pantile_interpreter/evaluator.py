"""Runs the ops of a kernel on a batch of programs: elementwise ops, shapes, memory, control flow and calls.

Reductions, scans, dots, prints and asserts are in blocks.py, which registers its handlers here.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from pantile.ir import Block, BlockType, Module, Operation, ScalarType, Value
from pantile.targets.out_of_bounds import program_element

from . import memory as mem
from .arith import elementwise
from .dtypes import constant, dtype_of
from .env import Env, scatter, uniform

_IDENTITY_OPS = ("pt.multiple_of", "pt.max_contiguous", "pt.max_constancy")
_NO_OPS = ("pt.barrier", "pt.assume")
HANDLERS: dict[str, Callable[["Interpreter", Operation, Env], None]] = {}


def handles(*names: str) -> Callable:
    """Register the function that runs ops `names`."""
    def register(fn: Callable) -> Callable:
        for n in names:
            HANDLERS[n] = fn
        return fn
    return register


def _size(t: ScalarType) -> int:
    """Bytes of one element in memory (i1 takes a byte)."""
    return max(1, t.bitwidth // 8)


class Interpreter:
    """Runs one kernel of a module on batches of programs over one launch's memory."""

    def __init__(self, module: Module, memory: mem.Memory, grid: tuple[int, int, int], debug: bool) -> None:
        self.module = module
        self.memory = memory
        self.grid = grid
        self.debug = debug
        self.call_stack: list[Operation] = []

    # blocks --------------------------------------------------------------------------------------
    def run_block(self, block: Block, env: Env, args: list[np.ndarray]) -> list[np.ndarray]:
        """Run `block` with its arguments bound to `args`; returns the terminator's operand values."""
        for a, x in zip(block.args, args):
            env[a] = x
        for op in block.ops:
            d = op.opdef
            if d is not None and d.has("terminator"):
                return [env[v] for v in op.operands]
            self.run_op(op, env)
        return []

    def run_op(self, op: Operation, env: Env) -> None:
        """Run one op on every program of `env`."""
        name = op.name
        handler = HANDLERS.get(name)
        if handler is not None:
            handler(self, op, env)
        elif name in _IDENTITY_OPS:
            env[op.result] = env[op.x]
        elif name in _NO_OPS:
            return
        elif op.opdef is not None and op.opdef.has("elementwise"):
            env[op.result] = elementwise(name[3:], [v.type for v in op.operands], op.result.type,
                                         [env[v] for v in op.operands], op.attributes)
        else:
            raise mem.InterpreterFault(f"{op.loc.file}:{op.loc.line}: the interpreter cannot run {name}")

    def run_region(self, block: Block, env: Env, index: Optional[np.ndarray], args: list[np.ndarray]) -> list:
        """Run `block` on the programs `index` of `env` (all when None), `args` holding just those programs."""
        return self.run_block(block, env if index is None else env.subset(index), args)

    # errors --------------------------------------------------------------------------------------
    def where(self, env: Env, shape: tuple[int, ...]) -> Callable[[int], str]:
        """Turns a lane of a flattened (programs, *shape) array into 'program (x, y, z), element e'."""
        numel = int(np.prod(shape)) if shape else 1

        def describe(lane: int) -> str:
            p, e = divmod(lane, numel)
            return program_element(env.pids[p], e if shape else None)
        return describe


def shape_of(v: Value) -> tuple[int, ...]:
    """The block shape of a value, () for a scalar."""
    return v.type.shape if isinstance(v.type, BlockType) else ()


# program ids, constants, ranges, pointers --------------------------------------------------------------
@handles("pt.program_id", "pt.num_programs")
def _program_id(it: Interpreter, op: Operation, env: Env) -> None:
    axis = op.attributes["axis"]
    if op.name == "pt.program_id":
        env[op.result] = env.pids[:, axis].copy()
    else:
        env[op.result] = np.full(env.size, it.grid[axis], np.int32)


@handles("pt.constant")
def _constant(it: Interpreter, op: Operation, env: Env) -> None:
    t = op.result.type
    env[op.result] = np.broadcast_to(constant(op.attributes["value"], t.scalar), (env.size,) + t.shape)


@handles("pt.make_range")
def _make_range(it: Interpreter, op: Operation, env: Env) -> None:
    start, end = op.attributes["start"], op.attributes["end"]
    env[op.result] = np.broadcast_to(np.arange(start, end, dtype=np.int32), (env.size, end - start))


@handles("pt.addptr")
def _addptr(it: Interpreter, op: Operation, env: Env) -> None:
    size = _size(op.ptr.type.scalar.pointee)
    offsets = env[op.offset]
    if offsets.dtype == np.uint64:
        offsets = offsets.view(np.int64)
    env[op.result] = env[op.ptr] + offsets.astype(np.int64) * size


@handles("pt.ptr_to_int")
def _ptr_to_int(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = env[op.x].astype(dtype_of(op.result.type.scalar))


@handles("pt.int_to_ptr")
def _int_to_ptr(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = env[op.x].astype(np.int64)


# shapes -------------------------------------------------------------------------------------------
@handles("pt.splat", "pt.broadcast")
def _broadcast(it: Interpreter, op: Operation, env: Env) -> None:
    x = env[op.x]
    shape = op.result.type.shape
    if x.ndim == 1:
        x = x.reshape((env.size,) + (1,) * len(shape))
    env[op.result] = np.broadcast_to(x, (env.size,) + shape)


@handles("pt.expand_dims")
def _expand_dims(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = np.expand_dims(env[op.x], op.attributes["axis"] + 1)


@handles("pt.reshape")
def _reshape(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = env[op.x].reshape((env.size,) + op.result.type.shape)


@handles("pt.permute")
def _permute(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = env[op.x].transpose([0] + [o + 1 for o in op.attributes["order"]])


@handles("pt.join")
def _join(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = np.stack([env[op.a], env[op.b]], axis=-1)


@handles("pt.split")
def _split(it: Interpreter, op: Operation, env: Env) -> None:
    x = env[op.x]
    env[op.a], env[op.b] = x[..., 0], x[..., 1]


@handles("pt.cat")
def _cat(it: Interpreter, op: Operation, env: Env) -> None:
    env[op.result] = np.concatenate([env[op.a], env[op.b]], axis=1)


# memory --------------------------------------------------------------------------------------------
def _element_type(op: Operation) -> ScalarType:
    """The type an access moves; pointers in memory have no provenance to check, so they are refused."""
    t = op.ptr.type.scalar.pointee
    if not isinstance(t, ScalarType):
        raise mem.InterpreterFault(f"{op.loc.file}:{op.loc.line}: the interpreter cannot {op.name[3:]} values of type "
                               f"{t}: a pointer read from memory has no array to check accesses against; pass "
                               f"each array as an argument")
    return t


@handles("pt.load")
def _load(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, mask, other = op.ptr, op.mask, op.other
    t = _element_type(op)
    env[op.result] = mem.load(it.memory, env[ptr], None if mask is None else env[mask],
                              None if other is None else env[other], t, op.loc, it.where(env, shape_of(ptr)))


@handles("pt.store")
def _store(it: Interpreter, op: Operation, env: Env) -> None:
    ptr, mask = op.ptr, op.mask
    mem.store(it.memory, env[ptr], env[op.value], None if mask is None else env[mask], _element_type(op),
              op.loc, it.where(env, shape_of(ptr)))


# control flow -------------------------------------------------------------------------------------
@handles("scf.if")
def _if(it: Interpreter, op: Operation, env: Env) -> None:
    cond = env[op.cond]
    then, other = op.regions[0].blocks[0], op.regions[1].blocks[0]
    if cond.all() or not cond.any():
        results = it.run_region(then if cond[0] else other, env, None, [])
    else:
        yes, no = np.flatnonzero(cond), np.flatnonzero(~cond)
        r_yes, r_no = it.run_region(then, env, yes, []), it.run_region(other, env, no, [])
        results = [scatter([(yes, a), (no, b)], env.size) for a, b in zip(r_yes, r_no)]
    for r, x in zip(op.results, results):
        env[r] = x


def _trip_counts(lb: np.ndarray, ub: np.ndarray, step: np.ndarray) -> np.ndarray:
    """len(range(lb, ub, step)) per program (bounds as int64: a loop of 2**63 trips never ends anyway)."""
    lb, ub, step = (x.astype(np.int64) for x in (lb, ub, step))
    up = np.where(step > 0, -((lb - ub) // np.where(step > 0, step, 1)), 0)
    down = np.where(step < 0, -((ub - lb) // np.where(step < 0, -step, 1)), 0)
    return np.maximum(np.maximum(up, down), 0).astype(np.int64)


@handles("scf.for")
def _for(it: Interpreter, op: Operation, env: Env) -> None:
    lb, ub, step = env[op.lb], env[op.ub], env[op.step]
    inits = [env[v] for v in op.inits]
    body = op.regions[0].blocks[0]
    if (step == 0).any():
        raise mem.InterpreterFault(f"{op.loc.file}:{op.loc.line}: a loop with step 0 never ends")
    trips = _trip_counts(lb, ub, step)
    carried = list(inits)
    iv_type = lb.dtype
    if uniform(trips) and uniform(lb) and uniform(step):
        start, stride = int(lb[0]), int(step[0])
        for k in range(int(trips[0]) if trips.size else 0):
            iv = np.full(env.size, start + k * stride).astype(iv_type)
            carried = it.run_block(body, env, [iv] + carried)
    else:
        carried = [np.array(c) for c in carried]
        for k in range(int(trips.max())):
            active = np.flatnonzero(trips > k)
            iv = (lb[active].astype(np.int64) + k * step[active].astype(np.int64)).astype(iv_type)
            new = it.run_region(body, env, active, [iv] + [c[active] for c in carried])
            for c, x in zip(carried, new):
                c[active] = x
    for r, x in zip(op.results, carried):
        env[r] = x


@handles("scf.while")
def _while(it: Interpreter, op: Operation, env: Env) -> None:
    before, after = op.regions[0].blocks[0], op.regions[1].blocks[0]
    active = np.arange(env.size)
    values = [env[v] for v in op.inits]
    done: list[tuple[np.ndarray, list]] = []
    while True:
        whole = active.size == env.size
        cond, *passed = it.run_region(before, env, None if whole else active, values)
        stop = ~cond
        if stop.any():
            done.append((active[stop], [p[stop] for p in passed]))
        if not cond.any():
            break
        if stop.any():
            active, passed = active[cond], [p[cond] for p in passed]
            whole = False
        values = it.run_region(after, env, None if whole else active, passed)
    for j, r in enumerate(op.results):
        env[r] = scatter([(index, vals[j]) for index, vals in done], env.size)


@handles("func.call")
def _call(it: Interpreter, op: Operation, env: Env) -> None:
    name = op.attributes["callee"]
    callee = it.module.lookup(name)
    if callee in it.call_stack:
        raise mem.InterpreterFault(f"{op.loc.file}:{op.loc.line}: {name} calls itself: recursion is not supported")
    it.call_stack.append(callee)
    try:
        results = it.run_block(callee.regions[0].blocks[0], env, [env[v] for v in op.args])
    finally:
        it.call_stack.pop()
    for r, x in zip(op.results, results):
        env[r] = x


__all__ = ["Interpreter", "handles", "HANDLERS", "shape_of"]
