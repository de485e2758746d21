"""The shared launch-time formula every target's cost model fills with its own figures.

A launch of P programs runs on U units (SMs, compute units, CPU threads), R programs resident on each at once
(the occupancy, limited by registers, shared memory, threads or the hardware's slots). Programs run in waves
of U*R; a wave takes the longer of its compute time (each unit's programs' operations at the unit's rates for
their kinds, stretched where too few warps are resident to hide latency) and its memory time (its bytes at the
bandwidth the wave's units can draw). Reuse through caches is modelled simply: the bytes programs request
stream at the cache's bandwidth; the distinct arrays they touch (the footprint) stay in the cache between
launches when they fit, else come from memory once at least, and each wave's requests at distinct addresses
(passes/analysis/work.py measures that share on the first wave) come from memory. Registers a compiler spilled
to local memory add their traffic through the cache (`local_bytes`). The launch adds a fixed overhead and a cost
per program and per loop iteration."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:   # the work analysis is the compiler's: launching a compiled artifact must not load it
    from pantile.passes.analysis.work import KernelWork


OP_KINDS = ("flops", "special", "int", "move", "scalar")

# Cycles of one x86-64 core (AVX2) per unit of work in code LLVM compiles from pantile's lowerings, fitted
# (non-negative least squares on relative error) to the process time of 32 launches of the matmul, softmax and
# vector-add examples on the cpu target on a 2-core AMD EPYC at 2.45 GHz: dots at 9.5 FLOP per cycle (a
# register-tiled micro-kernel), elementwise block operations at 6.7 elements per cycle, transcendentals 7 cycles
# each (vectorised polynomials), 280 cycles per loop iteration beyond its counted operations (a dot's operand and
# accumulator copies among them) and 22 per program. Memory traffic added nothing measurable while the arrays
# fit the last-level cache. Every target whose device is the host CPU runs at these rates.
HOST_DOT_FLOPS_PER_CYCLE = 9.5
HOST_ELEMENTS_PER_CYCLE = 6.7
HOST_CYCLES_PER_TRANSCENDENTAL = 7.0
HOST_SCALAR_OPS_PER_CYCLE = 1.0
HOST_ITERATION_CYCLES = 280.0
HOST_PROGRAM_CYCLES = 22.0
HOST_CACHE_BYTES_PER_CYCLE = 16.0   # per core, from L2/L3


def host_core_rates(hz: float) -> dict[str, float]:
    """Per-core rates of a host CPU core at `hz` (HOST_* above)."""
    lanes = HOST_ELEMENTS_PER_CYCLE * hz
    return {"dot:f32": HOST_DOT_FLOPS_PER_CYCLE * hz, "flops": lanes, "int": lanes, "move": lanes,
            "special": hz / HOST_CYCLES_PER_TRANSCENDENTAL, "scalar": HOST_SCALAR_OPS_PER_CYCLE * hz}


@dataclass(frozen=True)
class Machine:
    """The figures of one device the formula needs; `rates` are per unit, in operations (or FLOPs) per second."""

    name: str
    units: int
    rates: dict[str, float]             # "dot:f16", "dot:tf32", ..., and OP_KINDS
    cache_bandwidth: float              # bytes/s of the whole device from its last-level cache
    memory_bandwidth: float             # bytes/s of the whole device from memory
    cache_bytes: int                    # last-level cache
    launch_overhead: float              # seconds per launch
    program_overhead: float = 0.0       # seconds per program on its unit (scheduling, prologue)
    iteration_overhead: float = 0.0     # seconds per loop iteration of one program (branch, address updates)
    exchange_overhead: float = 0.0      # seconds per dot, reduction or transpose beyond its operations (barriers)
    saturating_units: Optional[int] = None   # units needed to draw the full bandwidth (default: all)
    asynchronous: frozenset[str] = frozenset()   # kinds on units that work alongside the threads' own issue
                                                 # (Hopper's wgmma): they overlap the other kinds' time
    record: str = ""                    # where these figures come from

    def rate(self, kind: str) -> float:
        """Per-unit rate of `kind`; a dot type without its own rate runs at the f32 dot (or FLOP) rate."""
        if kind in self.rates:
            return self.rates[kind]
        if kind.startswith("dot:"):
            return self.rates.get("dot:f32", self.rates["flops"])
        return self.rates["flops"]


@dataclass(frozen=True)
class Occupancy:
    """Programs one unit holds at once, that as a fraction of what hides latency, and what limits it."""

    programs_per_unit: int
    fraction: float                     # of the unit's thread (warp, wave) slots in use
    limiter: str                        # "registers", "shared memory", "threads", "program slots", ...
    latency_hiding: float = 1.0         # fraction of peak rates the resident programs reach (1: hidden)


@dataclass(frozen=True)
class Estimate:
    """A cost model's prediction of one launch and how it got there."""

    seconds: float
    bound: str                          # the roof that bounds it: "memory", "cache", "compute: dot f16", ...
    occupancy: Occupancy
    waves: float
    units: int
    times: dict[str, float] = field(default_factory=dict)   # seconds each roof would take alone
    record: str = ""                    # the model's figures and where they come from


def compute_seconds(work: KernelWork, machine: Machine) -> dict[str, float]:
    """Seconds one unit needs for one average program's operations, by kind."""
    out = {}
    for kind, flops in work.dot_flops.items():
        out["dot " + kind] = work.per_program(flops) / machine.rate("dot:" + kind)
    counts = {"flops": work.flops, "special": work.transcendentals, "int": work.int_ops,
              "move": work.moved_elements, "scalar": work.scalar_ops}
    for kind in OP_KINDS:
        if counts[kind]:
            out[kind] = work.per_program(counts[kind]) / machine.rate(kind)
    return out


def program_seconds(per_kind: dict[str, float], machine: Machine) -> float:
    """One program's compute time from its time by kind: the kinds its threads issue add up; those on
    asynchronous units run meanwhile, so the longer of the two sums counts."""
    overlapped = sum(t for kind, t in per_kind.items() if kind.replace(" ", ":") in machine.asynchronous)
    issued = sum(per_kind.values()) - overlapped
    return max(issued, overlapped)


def memory_bytes(work: KernelWork, machine: Machine, wave: int) -> tuple[float, float]:
    """(bytes through the cache, bytes from memory) of the whole launch when `wave` programs run at once.
    Launches are taken to repeat (as a benchmark or a training step does): a footprint that fits the cache stays
    there. One that does not comes from memory once at least, and with it whatever programs running together
    request at distinct addresses (their shared tiles come once per wave); where that share is not known, the
    requests beyond the footprint miss in the proportion by which it overflows the cache."""
    requested = work.bytes
    footprint = requested if work.footprint_bytes is None else min(requested, work.footprint_bytes)
    if footprint <= machine.cache_bytes:
        return requested, 0.0
    if work.wave_distinct is not None:
        return requested, max(footprint, requested * work.wave_distinct(wave))
    missing = 1.0 - machine.cache_bytes / footprint
    return requested, footprint + (requested - footprint) * missing


def estimate(work: KernelWork, machine: Machine, occupancy: Occupancy, local_bytes: float = 0.0) -> Estimate:
    """The launch's time by waves of programs, each bounded by its compute or its memory roof, with `local_bytes`
    of spilled registers moved through the cache; infinite when not one program fits a unit."""
    programs = max(1, work.programs)
    if occupancy.programs_per_unit <= 0:
        return Estimate(math.inf, f"does not fit: {occupancy.limiter}", occupancy, math.inf, machine.units,
                        record=machine.record)
    resident = max(1, occupancy.programs_per_unit)
    slots = machine.units * resident
    per_kind = compute_seconds(work, machine)
    program_compute = program_seconds(per_kind, machine) / max(1e-6, occupancy.latency_hiding)
    program_fixed = (machine.program_overhead + work.per_program(work.loop_iterations) * machine.iteration_overhead
                     + work.per_program(work.exchanges) * machine.exchange_overhead)
    requested, from_memory = memory_bytes(work, machine, slots)
    requested += local_bytes
    saturating = machine.saturating_units or machine.units
    total = 0.0
    compute_total = memory_total = cache_total = 0.0
    full_waves, rest = divmod(programs, slots)
    for count, n in ((full_waves, slots), (1 if rest else 0, rest)):
        if not count:
            continue
        per_unit = math.ceil(n / machine.units)
        active = min(machine.units, n)
        share = n / programs
        draw = min(1.0, active / saturating)
        # the programs resident on a unit share its rates; their fixed latencies (launch of a program, loop
        # branches, barriers) overlap with one another's work
        compute = per_unit * program_compute + math.ceil(per_unit / resident) * program_fixed
        cache = share * requested / (machine.cache_bandwidth * draw)
        memory = share * from_memory / (machine.memory_bandwidth * draw)
        total += count * max(compute, cache, memory)
        compute_total += count * compute
        cache_total += count * cache
        memory_total += count * memory
    times = {"compute": compute_total, "cache": cache_total, "memory": memory_total,
             "launch": machine.launch_overhead}
    bound = max(("compute", "cache", "memory"), key=times.__getitem__)
    if bound == "compute" and per_kind:
        top = max(per_kind, key=per_kind.__getitem__)
        bound = f"compute: {top}"
    if machine.launch_overhead > total:
        bound = "launch overhead"
    return Estimate(seconds=machine.launch_overhead + total, bound=bound, occupancy=occupancy,
                    waves=programs / slots, units=machine.units, times=times, record=machine.record)


__all__ = ["Estimate", "Machine", "OP_KINDS", "Occupancy", "compute_seconds", "estimate", "host_core_rates",
           "memory_bytes", "program_seconds"]
