"""Kernel work: what one launch of a target-neutral kernel loads, stores and computes, counted per program.

The kernel runs abstractly, program by program, on the launch's scalar arguments: integers, index blocks,
masks and pointer offsets are computed exactly with numpy; loaded data is not known and stays unknown. So loop
trip counts come from the arguments, and a load or store moves the bytes of the lanes its mask leaves on
(all of its lanes where the mask depends on loaded data). A launch of many programs is sampled evenly (first
and last included) and scaled; a long loop runs its first iterations and is scaled to its trip count. Reuse
through caches is not modelled here: `footprint_bytes` (the distinct arrays touched, when their sizes are
given) is what a cost model may take as traffic from memory.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

import numpy as np

from pantile.ir import BlockType, Module, Operation, PointerType, ScalarType, Type, Value
from pantile.ir.ops import ELEMENTWISE, READS, WRITES, lookup

from .work_values import STATEFUL, UNKNOWN, VALUES, Pointer, element_bytes, known

SAMPLED_PROGRAMS = 8          # programs run abstractly per launch; the rest are taken to do as much
SAMPLED_ITERATIONS = 4        # iterations run of a loop longer than FULL_LOOP
FULL_LOOP = 16                # loops up to this trip count run every iteration
WHILE_LIMIT = 64              # iterations of a while loop before it is taken to end
WAVE_PROGRAMS = 64            # programs of a wave run to measure how much of its traffic is distinct
SECTOR_BYTES = 32             # memory moves whole sectors: distinct traffic is counted in them

TRANSCENDENTAL = frozenset({"exp", "exp2", "log", "log2", "sqrt", "rsqrt", "sin", "cos", "erf", "sqrt_rn",
                            "div_rn"})
FLOAT_ARITHMETIC = frozenset({"add", "sub", "mul", "div", "max", "min", "abs", "neg", "rem", "floor", "ceil"})
DATA_MOVEMENT = frozenset({"splat", "broadcast", "expand_dims", "reshape", "permute", "join", "split", "cat",
                           "constant", "make_range"})


@dataclass
class KernelWork:
    """The work of one launch, summed over its programs; `per_program` divides by their number."""

    programs: int
    loaded_bytes: float = 0.0
    stored_bytes: float = 0.0
    dot_flops: dict[str, float] = field(default_factory=dict)   # by input type: "f16", "f32", "tf32", "i8" ...
    flops: float = 0.0             # float elementwise arithmetic and reduction combines (an FMA counts 2)
    transcendentals: float = 0.0   # exp, log, sqrt, sin ... elements
    int_ops: float = 0.0           # integer and comparison elements of blocks
    scalar_ops: float = 0.0        # operations on scalars (uniform across a program's threads)
    moved_elements: float = 0.0    # elements of splats, broadcasts, reshapes, permutes, constants and ranges
    loop_iterations: float = 0.0   # loop bodies run
    operations: float = 0.0        # operations executed, whatever their size
    exchanges: float = 0.0         # dots, reductions, scans and transposes run: data crosses a program's threads
    segments: float = 0.0          # contiguous runs of the lanes loads and stores touch (in lane order): vector
                                   # and coalesced accesses take one per run (every lane where addresses are unknown)
    footprint_bytes: Optional[float] = None   # bytes of the distinct arrays loaded or stored (when sizes known)
    dot_shapes: tuple[tuple[int, int, int, str], ...] = ()     # (M, N, K, input type) of each pt.dot
    max_block: int = 1             # elements of the largest block the kernel holds
    notes: tuple[str, ...] = ()    # what was assumed where the kernel could not be followed exactly
    # wave_distinct(n): of the bytes the first n programs request over the launch, the share in distinct 32-byte
    # sectors (what programs running together share comes from memory once), measured on the first iteration of
    # each loop and weighted by its trip count
    wave_distinct: Optional[Callable[[int], float]] = field(default=None, repr=False, compare=False)

    @property
    def bytes(self) -> float:
        """Bytes loaded and stored."""
        return self.loaded_bytes + self.stored_bytes

    @property
    def total_flops(self) -> float:
        """Dot and elementwise floating-point operations."""
        return sum(self.dot_flops.values()) + self.flops

    @property
    def intensity(self) -> float:
        """FLOPs per byte moved (inf when nothing moves)."""
        return self.total_flops / self.bytes if self.bytes else math.inf

    def per_program(self, value: float) -> float:
        """`value` of one program on average."""
        return value / max(1, self.programs)


def dot_kind(op: Operation) -> str:
    """The input type a pt.dot computes in: its element type, or tf32 for an f32 dot allowed tf32."""
    name = op.operands[0].type.scalar.name
    if name == "f32" and op.attributes.get("input_precision", "tf32") != "ieee":
        return "tf32"
    return name


class _Tally:
    """Counts of one program (or one loop body), scaled into its parent."""

    def __init__(self) -> None:
        self.c: Counter = Counter()

    def add(self, other: "_Tally", scale: float) -> None:
        for k, v in other.c.items():
            self.c[k] += v * scale


def _numel(t: Type) -> int:
    return t.numel if isinstance(t, BlockType) else 1


class WorkCounter:
    """Runs a kernel function abstractly for one launch and counts its work."""

    def __init__(self, func: Operation, arguments: Sequence[Any], grid: tuple[int, int, int],
                 array_bytes: Optional[dict[int, int]] = None) -> None:
        self.func = func
        self.arguments = list(arguments)
        self.grid = grid
        self.array_bytes = array_bytes
        self.notes: set[str] = set()
        self.touched: set[int] = set()
        self.dots: dict[tuple, None] = {}
        self.max_block = 1
        self.pid = (0, 0, 0)
        self.iteration_limit: Optional[int] = None     # loops run at most this many iterations, unscaled
        self.addresses: Optional[dict[tuple, list]] = None  # (argument, weight) -> sectors of each access
        self.weight = 1.0              # trips of the enclosing loops that the wave measure runs once
        self.requested = 0.0           # bytes the wave measure's accesses stand for, weighted by those trips
        self._distinct: dict[int, float] = {}
        self._plans: dict[Operation, tuple] = {}
        self._last: dict[Operation, tuple[list, list]] = {}   # an op's last operands and values (_values)

    # entry -----------------------------------------------------------------------------------------
    def count(self) -> KernelWork:
        """The launch's work."""
        programs = math.prod(self.grid)
        ids = _sample(programs, SAMPLED_PROGRAMS)
        total = _Tally()
        for linear in ids:
            total.add(self._run_program(linear), programs / len(ids))
        c = total.c
        footprint = None
        if self.array_bytes is not None:
            footprint = float(sum(self.array_bytes.get(i, 0) for i in self.touched))
        return KernelWork(programs=programs, loaded_bytes=c["load"], stored_bytes=c["store"],
                          dot_flops={k[4:]: v for k, v in c.items() if k.startswith("dot:")},
                          flops=c["flops"], transcendentals=c["special"], int_ops=c["int"],
                          scalar_ops=c["scalar"], moved_elements=c["move"], loop_iterations=c["iter"],
                          operations=c["ops"], exchanges=c["exchange"], segments=c["segments"],
                          footprint_bytes=footprint, dot_shapes=tuple(self.dots), max_block=self.max_block,
                          notes=tuple(sorted(self.notes)), wave_distinct=self.wave_distinct)

    def _run_program(self, linear: int) -> "_Tally":
        """Run the program of linear id `linear`; its counts."""
        self.pid = (linear % self.grid[0], (linear // self.grid[0]) % self.grid[1],
                    linear // (self.grid[0] * self.grid[1]))
        tally = _Tally()
        env: dict[Value, Any] = {}
        for a, v in zip(self.func.regions[0].entry.args, self.arguments):
            env[a] = Pointer(a.index, 0) if isinstance(a.type, PointerType) else (UNKNOWN if v is None else v)
        self._run_block(self.func.regions[0].entry, env, tally)
        return tally

    def wave_distinct(self, wave: int) -> float:
        """Of the bytes the first `wave` programs (at most WAVE_PROGRAMS) request, the share in distinct sectors
        (at most 1.0; 1.0 where addresses are not known). Each loop runs its first iteration, whose accesses stand
        for all of its trips: a tile programs share in one iteration is shared in every one, while what a program
        touches once (its output tile) counts once, not as often as the loop runs."""
        n = wave_programs(wave, math.prod(self.grid))
        if n not in self._distinct:
            self.iteration_limit, self.addresses, self.weight, self.requested = 1, {}, 1.0, 0.0
            try:
                for linear in range(n):
                    self._run_program(linear)
                requested = self.requested
                distinct = SECTOR_BYTES * sum(weight * _distinct_count(sectors)
                                              for (_, weight), sectors in self.addresses.items())
            finally:
                self.iteration_limit, self.addresses, self.weight = None, None, 1.0
            self._distinct[n] = min(1.0, distinct / requested) if requested and distinct else 1.0
        return self._distinct[n]

    # structure -------------------------------------------------------------------------------------
    def _run_block(self, block, env: dict, tally: _Tally) -> list:
        """Run a block's ops; the values its terminator yields."""
        for op in block.ops:
            if op.name in ("scf.yield", "pt.yield", "func.return", "scf.condition"):
                return [env.get(v, UNKNOWN) for v in op.operands]
            results = self._run_op(op, env, tally)
            for r, v in zip(op.results, results):
                env[r] = v
        return []

    def _plan(self, op: Operation) -> tuple:
        """(its handler if structured, whether it accesses memory, its name without the dialect, its value rule) of
        `op`, worked out once: the programs of a launch run the same ops."""
        plan = self._plans.get(op)
        if plan is None:
            short = op.name.split(".", 1)[1] if "." in op.name else op.name
            plan = self._plans[op] = (_STRUCTURED.get(op.name), _accesses_memory(op), short, VALUES.get(short))
        return plan

    def _run_op(self, op: Operation, env: dict, tally: _Tally) -> list:
        args = [env.get(v, UNKNOWN) for v in op.operands]
        handler, memory, short, rule = self._plan(op)
        counting = self.addresses is None   # else the wave measure: only values and the addresses accessed count
        if counting:
            tally.c["ops"] += 1
            for r in op.results:
                self.max_block = max(self.max_block, _numel(r.type))
        if handler is not None:
            return handler(self, op, args, env, tally)
        if counting:
            self._tally_op(op, args, tally, memory)
        elif memory:
            self._note_addresses(op, args)
        return self._values(op, args, short, rule)

    def _values(self, op: Operation, args: list, short: str, rule: Optional[Callable]) -> list:
        """The op's values. Values are never changed once made, and a rule's value depends on its operands alone
        (but for the program's id and the grid): an op given the very objects it was given last time (what does
        not depend on the program's id, run again by the next program) gives the values it gave then."""
        if short in STATEFUL:
            return self._evaluate(op, args, short, rule)
        last = self._last.get(op)
        if last is not None and len(last[0]) == len(args) and all(a is b for a, b in zip(last[0], args)):
            return last[1]
        values = self._evaluate(op, args, short, rule)
        self._last[op] = (args, values)
        return values

    def _run_for(self, op: Operation, args: list, env: dict, tally: _Tally) -> list:
        lo, hi, step, carried = args[0], args[1], args[2], args[3:]
        body = op.regions[0].entry
        if not known(lo, hi, step) or step == 0:
            self.notes.add(f"a loop with bounds from loaded data (line {op.loc.line}) is counted once")
            trips = 1
            indices = [UNKNOWN]
        else:
            trips = len(range(int(lo), int(hi), int(step)))
            indices = list(range(int(lo), int(hi), int(step)))
        full = trips <= FULL_LOOP
        run = indices if full else indices[:SAMPLED_ITERATIONS]
        outer = self.weight
        if self.iteration_limit is not None:
            run = indices[:self.iteration_limit]
            self.weight = outer * trips / max(1, len(run))
            full, trips = False, min(trips, self.iteration_limit)
        body_tally = _Tally()
        try:
            for i in run:
                env[body.args[0]] = i
                for a, v in zip(body.args[1:], carried):
                    env[a] = v
                carried = self._run_block(body, env, body_tally)
        finally:
            self.weight = outer
        if run:
            tally.add(body_tally, trips / len(run))
        tally.c["iter"] += trips
        return carried if full else [UNKNOWN] * len(op.results)

    def _run_if(self, op: Operation, args: list, env: dict, tally: _Tally) -> list:
        cond = args[0]
        if known(cond) and np.ndim(cond) == 0:
            region = op.regions[0] if bool(cond) else (op.regions[1] if len(op.regions) > 1 else None)
            if region is None or not region.blocks:
                return [UNKNOWN] * len(op.results)
            return self._run_block(region.entry, env, tally)
        self.notes.add(f"both branches of a condition on loaded data (line {op.loc.line}) are counted")
        for region in op.regions:
            if region.blocks:
                self._run_block(region.entry, env, tally)
        return [UNKNOWN] * len(op.results)

    def _run_while(self, op: Operation, args: list, env: dict, tally: _Tally) -> list:
        before, after = op.regions[0].entry, op.regions[1].entry
        values = args
        for _ in range(WHILE_LIMIT):
            for a, v in zip(before.args, values):
                env[a] = v
            cond, *forwarded = self._run_block(before, env, tally)
            tally.c["iter"] += 1
            if not known(cond) or np.ndim(cond) != 0:
                self.notes.add(f"a while loop on loaded data (line {op.loc.line}) is counted once")
                for a, v in zip(after.args, forwarded):
                    env[a] = v
                self._run_block(after, env, tally)
                return [UNKNOWN] * len(op.results)
            if not bool(cond):
                return forwarded
            for a, v in zip(after.args, forwarded):
                env[a] = v
            values = self._run_block(after, env, tally)
        self.notes.add(f"a while loop (line {op.loc.line}) is counted for its first {WHILE_LIMIT} iterations")
        return [UNKNOWN] * len(op.results)

    def _run_combine(self, op: Operation, args: list, env: dict, tally: _Tally) -> list:
        src = op.operands[0].type
        n_in = _numel(src)
        n_out = _numel(op.results[0].type)
        combines = n_in - n_out if op.name == "pt.reduce" else n_in
        tally.c["exchange"] += 1
        region_tally = _Tally()
        block = op.regions[0].entry
        for a in block.args:
            env[a] = UNKNOWN
        self._run_block(block, env, region_tally)
        # the combine ran on scalars once: scale its ops by the combines, counted as block ops
        for k, v in region_tally.c.items():
            if k == "ops":      # the combine is one operation of the program, however many elements it folds
                continue
            tally.c["flops" if k == "scalar" and src.scalar.is_float else ("int" if k == "scalar" else k)] += \
                v * combines
        return [UNKNOWN] * len(op.results)

    # counting ---------------------------------------------------------------------------------------
    def _tally_op(self, op: Operation, args: list, tally: _Tally, memory: bool) -> None:
        name = op.name
        short = name.split(".", 1)[1]
        out = op.results[0].type if op.results else None
        if name == "pt.dot":
            a, b = op.operands[0].type.shape, op.operands[1].type.shape
            m, k, n = a[-2], a[-1], b[-1]
            batch = math.prod(a[:-2]) if len(a) > 2 else 1
            kind = dot_kind(op)
            tally.c["dot:" + kind] += 2.0 * batch * m * n * k
            tally.c["exchange"] += 1
            self.dots[(m, n, k, kind)] = None
            return
        if memory:
            self._tally_memory(op, args, tally)
            return
        if out is None:
            return
        opdef = lookup(name)
        n = _numel(out)
        if short in DATA_MOVEMENT:
            tally.c["move"] += n
            if short == "permute":
                tally.c["exchange"] += 1
        elif not isinstance(out, BlockType):
            tally.c["scalar"] += 1
        elif short in TRANSCENDENTAL:
            tally.c["special"] += n
        elif short == "fma":
            tally.c["flops"] += 2 * n
        elif short in FLOAT_ARITHMETIC and isinstance(out.scalar, ScalarType) and out.scalar.is_float:
            tally.c["flops"] += n
        elif (opdef is not None and opdef.has(ELEMENTWISE)) or short in ("cmp", "select", "cast", "addptr"):
            tally.c["int"] += n
        else:
            tally.c["move"] += n

    def _tally_memory(self, op: Operation, args: list, tally: _Tally) -> None:
        t, mask, key = _access(op, args)
        lanes = _lanes(t, mask)
        if mask is UNKNOWN:
            self.notes.add(f"a mask from loaded data (line {op.loc.line}) is taken to be all on")
        nbytes = lanes * element_bytes(t)
        tally.c[key] += nbytes
        if op.name.startswith("pt.atomic"):
            tally.c["store"] += nbytes
        ptr = args[0] if args else UNKNOWN
        tally.c["segments"] += lanes
        if isinstance(ptr, Pointer):
            self.touched.add(ptr.arg)
            if known(ptr.offsets) and lanes:
                tally.c["segments"] -= lanes - _runs(ptr.offsets, mask, t, element_bytes(t))

    def _note_addresses(self, op: Operation, args: list) -> None:
        """For the wave measure: the bytes a memory op requests, weighted by the trips it stands for, and the
        sectors it touches."""
        t, mask, _ = _access(op, args)
        nbytes = _lanes(t, mask) * element_bytes(t)
        self.requested += self.weight * nbytes * (2 if op.name.startswith("pt.atomic") else 1)
        ptr = args[0] if args else UNKNOWN
        if isinstance(ptr, Pointer) and known(ptr.offsets):
            offsets = np.broadcast_to(np.asarray(ptr.offsets), t.shape)
            on = offsets[np.broadcast_to(mask, t.shape)] if mask is not None and known(mask) else offsets
            self.addresses.setdefault((ptr.arg, self.weight), []).append(_sectors(on))

    # values -----------------------------------------------------------------------------------------
    def _evaluate(self, op: Operation, args: list, short: str, rule: Optional[Callable]) -> list:
        if rule is None or not op.results:
            return [UNKNOWN] * len(op.results)
        if short not in ("addptr", "select") and any(isinstance(a, Pointer) for a in args):
            if short in ("splat", "broadcast", "expand_dims", "reshape", "permute"):
                p = args[0]
                return [Pointer(p.arg, rule(self, op, [p.offsets]))] if known(p.offsets) else [UNKNOWN]
            return [UNKNOWN] * len(op.results)
        try:
            value = rule(self, op, args)
        except (ValueError, TypeError, ZeroDivisionError, FloatingPointError, OverflowError):
            value = UNKNOWN
        return [value] + [UNKNOWN] * (len(op.results) - 1)


def wave_programs(wave: int, programs: int) -> int:
    """The programs the wave measure runs for a wave of `wave` programs of a launch of `programs` (what its answer
    depends on)."""
    return max(1, min(wave, programs, WAVE_PROGRAMS))


def _accesses_memory(op: Operation) -> bool:
    """Whether `op` loads or stores through a pointer (pt.load, pt.store, the atomics, ops that read or write)."""
    if op.name in ("pt.load", "pt.store") or op.name.startswith("pt.atomic"):
        return True
    opdef = lookup(op.name)
    return opdef is not None and (opdef.has(READS) or opdef.has(WRITES))


def _access(op: Operation, args: list) -> tuple[Type, Any, str]:
    """What a memory op moves: the type of its data, its mask (None: none) and 'load' or 'store'."""
    if op.name == "pt.load":
        return op.results[0].type, args[1] if len(args) > 1 else None, "load"
    if op.name == "pt.store":
        return op.operands[1].type, args[2] if len(args) > 2 else None, "store"
    if op.results:
        return op.results[0].type, None, "load"
    return op.operands[-1].type, None, "store"


def _lanes(t: Type, mask: Any) -> int:
    """The lanes of an access of type `t` its mask leaves on (all where the mask is none or unknown)."""
    return int(np.count_nonzero(mask)) if mask is not None and known(mask) else _numel(t)


def _sectors(offsets: Any) -> Any:
    """The sectors that byte `offsets` fall in, lane after lane (a run of lanes in one sector gives it once)."""
    flat = np.ravel(offsets) // SECTOR_BYTES
    if flat.size > 1:
        flat = flat[np.concatenate(([True], flat[1:] != flat[:-1]))]
    return flat


def _distinct_count(sectors: list) -> int:
    """How many distinct sectors the accesses' sector lists hold together (sorted once, all of them)."""
    flat = np.sort(np.concatenate(sectors))
    return int(flat.size and 1 + np.count_nonzero(flat[1:] != flat[:-1]))


def _runs(offsets: Any, mask: Any, t: Type, size: int) -> int:
    """Contiguous runs (consecutive addresses in lane order) among the lanes a mask leaves on."""
    flat = np.ravel(np.broadcast_to(np.asarray(offsets), t.shape))
    if mask is not None and known(mask):
        flat = flat[np.ravel(np.broadcast_to(mask, t.shape))]
    if flat.size == 0:
        return 0
    return 1 + int(np.count_nonzero(np.diff(flat) != size))


def _sample(n: int, k: int) -> list[int]:
    """Up to k indices of range(n), evenly spread, first and last included."""
    if n <= k:
        return list(range(n))
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


_STRUCTURED = {"scf.for": WorkCounter._run_for, "scf.if": WorkCounter._run_if,
               "scf.while": WorkCounter._run_while, "pt.reduce": WorkCounter._run_combine,
               "pt.scan": WorkCounter._run_combine}


def kernel_function(module: Module) -> Operation:
    """The module's kernel (the func.func marked `kernel`, else its only function)."""
    funcs = module.functions()
    for f in funcs:
        if f.attributes.get("kernel"):
            return f
    if len(funcs) != 1:
        raise ValueError("the module has no function marked as the kernel")
    return funcs[0]


def count_work(module: Module, arguments: Sequence[Any], grid: Sequence[int],
               array_bytes: Optional[dict[int, int]] = None) -> KernelWork:
    """The work of launching the module's kernel over `grid` with `arguments` (one per kernel parameter: an int
    or float for a scalar, anything for a pointer, None where unknown); `array_bytes` gives the size of the array
    behind each pointer parameter (by index) where known."""
    grid3 = tuple(int(g) for g in grid) + (1,) * (3 - len(grid))
    return WorkCounter(kernel_function(module), arguments, grid3, array_bytes).count()


__all__ = ["KernelWork", "Pointer", "UNKNOWN", "WorkCounter", "count_work", "dot_kind", "element_bytes",
           "kernel_function", "wave_programs"]
