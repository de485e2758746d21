"""The shared launch-time formula (targets/cost.py): waves, roofs, caches and occupancy."""
import math

import pytest

from pantile.passes.analysis.work import KernelWork
from pantile.targets.cost import Machine, Occupancy, estimate

MACHINE = Machine(name="test", units=4, rates={"flops": 1e9}, cache_bandwidth=1e12, memory_bandwidth=1e10,
                  cache_bytes=1 << 20, launch_overhead=1e-5, record="figures of a test")


def test_compute_bound_programs_run_in_waves_over_the_units():
    # 9 programs of 1e6 FLOPs, 2 resident on each of 4 units: a full wave of 8 (2 per unit), then 1 alone
    work = KernelWork(programs=9, flops=9e6)
    est = estimate(work, MACHINE, Occupancy(2, 0.5, "registers"))
    assert est.seconds == pytest.approx(1e-5 + 2 * 1e-3 + 1e-3)
    assert est.bound == "compute: flops" and est.waves == pytest.approx(9 / 8)
    assert est.occupancy.limiter == "registers" and est.record == "figures of a test"


def test_a_footprint_that_fits_the_cache_streams_at_cache_bandwidth():
    work = KernelWork(programs=8, loaded_bytes=4e5, footprint_bytes=4e5)
    est = estimate(work, MACHINE, Occupancy(1, 1.0, "threads"))
    assert est.times["memory"] == 0.0 and est.times["cache"] == pytest.approx(4e5 / 1e12)


def test_a_footprint_larger_than_the_cache_comes_from_memory_with_what_a_wave_fetches_apart():
    work = KernelWork(programs=8, loaded_bytes=8e6, footprint_bytes=4e6, wave_distinct=lambda wave: 0.75)
    est = estimate(work, MACHINE, Occupancy(2, 1.0, "threads"))
    assert est.bound == "memory"
    assert est.seconds == pytest.approx(1e-5 + 0.75 * 8e6 / 1e10)


def test_a_program_that_fits_no_unit_takes_forever_and_says_why():
    est = estimate(KernelWork(programs=1, flops=1.0), MACHINE, Occupancy(0, 0.0, "shared memory"))
    assert est.seconds == math.inf and est.bound == "does not fit: shared memory"


def test_work_on_asynchronous_units_overlaps_what_the_threads_issue():
    # 4 programs, one per unit: 2e6 dot FLOPs at 1e9/s and 1e6 integer operations at 1e9/s each
    from dataclasses import replace
    work = KernelWork(programs=4, dot_flops={"f16": 8e6}, int_ops=4e6)
    rates = {"flops": 1e9, "int": 1e9, "dot:f16": 1e9}
    issued = estimate(work, replace(MACHINE, rates=rates), Occupancy(1, 1.0, "threads"))
    overlapped = estimate(work, replace(MACHINE, rates=rates, asynchronous=frozenset({"dot:f16"})),
                          Occupancy(1, 1.0, "threads"))
    assert issued.seconds == pytest.approx(1e-5 + 3e-3)
    assert overlapped.seconds == pytest.approx(1e-5 + 2e-3) and overlapped.bound == "compute: dot f16"


def test_spilled_registers_move_through_the_cache():
    work = KernelWork(programs=4, flops=4e3, loaded_bytes=4e5, footprint_bytes=4e5)
    est = estimate(work, MACHINE, Occupancy(1, 1.0, "threads"), local_bytes=2e9)
    assert est.bound == "cache" and est.seconds == pytest.approx(1e-5 + (4e5 + 2e9) / 1e12)
