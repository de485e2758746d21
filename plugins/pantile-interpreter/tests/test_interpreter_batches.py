"""Programs run together in batches; where they take different ways, each gets its own, as if run alone."""
import numpy as np
import pytest

import pantile
import pantile.language as tl
from pantile import InterpreterError
from pantile.conformance import all_cases
from pantile.targets.registry import get_target


@pantile.jit
def diverging(out_ptr, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = tl.arange(0, BLOCK)
    acc = tl.zeros((BLOCK,), tl.int32)
    for i in range(0, pid):                       # trip count differs per program
        acc += offs + i
    n = pid
    steps = 0
    while n > 1:                                  # so does the number of iterations
        n = tl.where(n % 2 == 0, n // 2, 3 * n + 1)
        steps += 1
    if pid % 2 == 0:                              # and the branch taken
        acc = acc * 2
    else:
        acc = acc - 1
    tl.store(out_ptr + pid * (BLOCK + 1) + offs, acc)
    tl.store(out_ptr + pid * (BLOCK + 1) + BLOCK, steps)


def _collatz_steps(n: int) -> int:
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def test_programs_that_diverge_get_their_own_results():
    programs, block = 37, 8
    out = np.zeros((programs, block + 1), np.int32)
    with pantile.target("interp"):
        diverging[(programs,)](out, BLOCK=block)
    offs = np.arange(block)
    for p in range(programs):
        acc = sum(offs + i for i in range(p)) if p else np.zeros(block, np.int64)
        acc = acc * 2 if p % 2 == 0 else acc - 1
        np.testing.assert_array_equal(out[p, :block], acc, err_msg=f"program {p}")
        assert out[p, block] == _collatz_steps(p), p


@pantile.jit
def locked_increment(lock_ptr, total_ptr, log_ptr):
    while tl.atomic_cas(lock_ptr, 0, 1) == 1:     # spin until this program holds the lock
        pass
    t = tl.load(total_ptr, volatile=True)
    tl.store(log_ptr + tl.program_id(0), t)
    tl.store(total_ptr, t + 1)
    tl.atomic_xchg(lock_ptr, 0)


def test_a_spin_lock_between_programs_runs_program_by_program():
    lock, total, log = np.zeros(1, np.int32), np.zeros(1, np.int32), np.full(50, -1, np.int32)
    with pantile.target("interp"):
        locked_increment[(50,)](lock, total, log)
    assert total[0] == 50 and lock[0] == 0
    np.testing.assert_array_equal(np.sort(log), np.arange(50))


@pantile.jit
def wait_for_next(flags_ptr):
    pid = tl.program_id(0)
    tl.atomic_poll(flags_ptr + pid + 1, 1)
    tl.atomic_store(flags_ptr + pid, 1)


def test_a_poll_for_a_later_program_is_an_error_not_a_hang():
    flags = np.zeros(4, np.int32)
    flags[3] = 1
    with pantile.target("interp"), pytest.raises(InterpreterError) as err:
        wait_for_next[(3,)](flags)
    line = wait_for_next.fn.__code__.co_firstlineno + 3
    assert str(err.value) == (
        f"{__file__}:{line}: atomic_poll in program (0, 0, 0) waits for a value no program can store: the interpreter "
        "runs a kernel that polls one program at a time, in order of program id, so a program can wait only for what "
        "programs with lower ids store (or give timeout_ns)")
    assert list(flags) == [0, 0, 0, 1]


def test_unsupported_cases_are_a_subset_of_the_cpu_targets():
    interp, cpu = get_target("interp").capabilities, get_target("cpu").capabilities
    for case in all_cases():
        needs = (case.dtypes, case.dot_dtypes, case.atomics, case.math)
        if interp.unsupported(*needs) is not None:
            assert cpu.unsupported(*needs) is not None, case.name
