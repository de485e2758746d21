"""Atomic cases under contention: read-modify-write ops on shared bins, compare-and-swap claims and counters,
and data relayed from program to program by release stores and acquiring polls.

Results of racing programs depend on the order they ran in, so most checks
are invariants every order satisfies: atomic adds hand out a chain of old
values, exchanges permute the values, exactly one compare-and-swap wins.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from .case import Case, Output
from .formats import fmt, storage_of
from .kernels import atomic_kernel, cas_kernel, relay_kernel
from .tolerance import accumulation, exact, invariant
from .values import floats, integers

N, BLOCK = 1000, 128
GRID = ((N + BLOCK - 1) // BLOCK,)
INT_DTYPES = ("i32", "u32", "i64", "u64")
BINS = (1, 13)                      # 1: every lane of every program on one address
CAS_PROGRAMS, CAS_BINS = 64, 5
_REDUCE = {"max": np.maximum, "min": np.minimum, "and": np.bitwise_and, "or": np.bitwise_or,
           "xor": np.bitwise_xor}


def _kind(op: str, dtype: str) -> str:
    """The capability name of an atomic op on a dtype (as pt.atomic_rmw's kind)."""
    if op == "add" and fmt(dtype).is_float:
        return "fadd"
    if op in ("max", "min") and not fmt(dtype).is_signed:
        return "u" + op
    return op


def _lanes(bins: int) -> list[np.ndarray]:
    lane_bin = np.arange(N) % bins
    return [np.flatnonzero(lane_bin == b) for b in range(bins)]


def _final(op: str, bins: int, init: np.ndarray, vals: np.ndarray) -> np.ndarray:
    out = init.copy()
    for b, lanes in enumerate(_lanes(bins)):
        if op == "add":
            out[b] = init[b] + vals[lanes].sum(dtype=init.dtype)
        else:
            out[b] = _REDUCE[op].reduce(np.concatenate([init[b:b + 1], vals[lanes]]))
    return out


def _add_chain(bins: int) -> Callable[[list, list], Optional[str]]:
    def check(before: list, after: list) -> Optional[str]:
        init, vals = before[0], before[1]
        final, olds = after[0], after[2]
        for b, lanes in enumerate(_lanes(bins)):
            order = np.argsort(olds[lanes], kind="stable")
            seen, added = olds[lanes][order], vals[lanes][order]
            chain = np.concatenate([init[b:b + 1], seen[:-1] + added[:-1]])
            if not np.array_equal(seen, chain) or final[b] != seen[-1] + added[-1]:
                return (f"bin {b}: the old values returned by atomic_add are not a chain from {init[b]!r} "
                        f"(an update was lost or seen twice)")
        return None
    return check


def _olds_from_memory(bins: int) -> Callable[[list, list], Optional[str]]:
    def check(before: list, after: list) -> Optional[str]:
        init, vals, olds = before[0], before[1], after[2]
        for b, lanes in enumerate(_lanes(bins)):
            allowed = set(np.concatenate([init[b:b + 1], vals[lanes]]).tolist())
            stray = [v for v in olds[lanes].tolist() if v not in allowed]
            if stray:
                return f"bin {b}: atomic returned {stray[0]!r}, which was never stored there"
        return None
    return check


def _permutation(bins: int) -> Callable[[list, list], Optional[str]]:
    def check(before: list, after: list) -> Optional[str]:
        init, vals = before[0], before[1]
        final, olds = after[0], after[2]
        for b, lanes in enumerate(_lanes(bins)):
            put = np.sort(np.concatenate([init[b:b + 1], vals[lanes]]))
            got = np.sort(np.concatenate([final[b:b + 1], olds[lanes]]))
            if not np.array_equal(put, got):
                return f"bin {b}: exchanged values are not a permutation of those stored (lost or duplicated)"
        return None
    return check


def rmw_case(op: str, dtype: str, bins: int) -> Case:
    """`op` from every lane of every program onto `bins` shared addresses."""
    is_float = fmt(dtype).is_float

    def inputs(rng: np.random.Generator) -> list:
        if is_float:
            init, vals = floats(dtype, rng, bins, -10.0, 10.0), floats(dtype, rng, N, -10.0, 10.0)
        elif op == "add":
            init, vals = integers(dtype, rng, bins, 0, 1000), integers(dtype, rng, N, 1, 100)
        else:
            init, vals = integers(dtype, rng, bins), integers(dtype, rng, N)
        return [init, vals, np.zeros(N, storage_of(dtype)), N]

    def expected(args: list) -> list:
        init, vals = args[0], args[1]
        if op == "xchg":
            return [None]
        if is_float:
            lanes = _lanes(bins)
            sums = np.array([init[b] + vals[ln].astype(np.float64).sum() for b, ln in enumerate(lanes)])
            mags = np.array([abs(init[b]) + np.abs(vals[ln]).astype(np.float64).sum() for b, ln in enumerate(lanes)])
            return [(sums, mags)]
        final = _final(op, bins, init, vals)
        return [final, None] if op in ("add", "max", "min") else [final]

    if op == "xchg":
        outputs = (Output(0, dtype, invariant(_permutation(bins), "exchanges permute the stored values")),)
    elif op == "add" and is_float:
        outputs = (Output(0, dtype, accumulation(N // bins + 2, dtype)),)
    elif op == "add":
        outputs = (Output(0, dtype, exact()),
                   Output(2, dtype, invariant(_add_chain(bins), "old values form a chain of additions")))
    elif op in ("max", "min"):
        outputs = (Output(0, dtype, exact()),
                   Output(2, dtype, invariant(_olds_from_memory(bins), "old values were stored before")))
    else:
        outputs = (Output(0, dtype, exact()),)
    return Case(f"atomic/{op}/{dtype}/bins{bins}", "atomic", atomic_kernel, inputs, expected, outputs, GRID,
                (("OP", op), ("BINS", bins), ("BLOCK", BLOCK)), dtypes=(dtype,), atomics=(_kind(op, dtype),),
                atomic_dtypes=(dtype,))


def _claims(before: list, after: list) -> Optional[str]:
    slots, seen = after[0], after[1]
    for b in range(CAS_BINS):
        programs = np.arange(b, CAS_PROGRAMS, CAS_BINS)
        winners = programs[seen[programs] == 0]
        if len(winners) != 1:
            return f"slot {b}: {len(winners)} programs saw it empty; exactly one compare-and-swap may win"
        owner = winners[0] + 1
        if slots[b] != owner or np.any(seen[programs[programs != winners[0]]] != owner):
            return f"slot {b}: holds {slots[b]!r}, the winner wrote {owner}, and losers must have seen {owner}"
    return None


def _counter(before: list, after: list) -> Optional[str]:
    counter, seen = after[0], after[1]
    if counter[0] != CAS_PROGRAMS or not np.array_equal(np.sort(seen), np.arange(CAS_PROGRAMS)):
        return (f"counter is {counter[0]!r} after {CAS_PROGRAMS} compare-and-swap increments, and the values "
                f"programs saw are not 0..{CAS_PROGRAMS - 1} once each")
    return None


def cas_case(mode: str, dtype: str) -> Case:
    """Compare-and-swap under contention: claiming slots, or a retry-loop counter."""
    def inputs(rng: np.random.Generator) -> list:
        return [np.zeros(CAS_BINS if mode == "claim" else 1, storage_of(dtype)),
                np.full(CAS_PROGRAMS, 99, storage_of(dtype))]

    check = _claims if mode == "claim" else _counter
    describe = "one winner per slot" if mode == "claim" else "every increment counted once"
    return Case(f"atomic/cas_{mode}/{dtype}", "atomic", cas_kernel, inputs, lambda args: [None],
                (Output(0, dtype, invariant(check, describe)),), (CAS_PROGRAMS,),
                (("MODE", mode), ("BINS", CAS_BINS)), dtypes=(dtype,), atomics=("cas",),
                atomic_dtypes=(dtype,))


RELAY_PROGRAMS, RELAY_BLOCK = 48, 64


def relay_case(dtype: str) -> Case:
    """Rows of running sums, each program waiting for the one before it through an atomic flag."""
    def inputs(rng: np.random.Generator) -> list:
        return [np.zeros(RELAY_PROGRAMS, storage_of("i32")), np.zeros(RELAY_PROGRAMS * RELAY_BLOCK, storage_of(dtype)),
                integers(dtype, rng, RELAY_PROGRAMS * RELAY_BLOCK, -1000, 1000)]

    def expected(args: list) -> list:
        x = args[2].reshape(RELAY_PROGRAMS, RELAY_BLOCK)
        return [np.ones(RELAY_PROGRAMS, np.int64), np.cumsum(x, axis=0, dtype=x.dtype).reshape(-1)]

    return Case(f"atomic/relay/{dtype}", "atomic", relay_kernel, inputs, expected,
                (Output(0, "i32", exact()), Output(1, dtype, exact())), (RELAY_PROGRAMS,),
                (("BLOCK", RELAY_BLOCK),), dtypes=(dtype,), atomics=("load", "store"), atomic_dtypes=("i32",))


def cases() -> list[Case]:
    """All atomic cases."""
    out = []
    for bins in BINS:
        for dt in INT_DTYPES:
            out += [rmw_case(op, dt, bins) for op in ("add", "max", "min", "and", "or", "xor", "xchg")]
        out += [rmw_case("add", dt, bins) for dt in ("f32", "f64")]
        out.append(rmw_case("xchg", "f32", bins))
    out += [cas_case(mode, dt) for mode in ("claim", "counter") for dt in ("i32", "u32", "i64")]
    out += [relay_case(dt) for dt in ("i32", "i64")]
    return out
