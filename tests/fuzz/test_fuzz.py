"""The fuzzer's fixed seed set on every executing target, and the share of kernels of each category and dtype."""
from __future__ import annotations

import collections
import warnings
from dataclasses import replace
from functools import lru_cache

import pytest

import pantile
from pantile.targets.base import Target

from .generator import CATEGORIES, MIN_DTYPE_SHARE, MIN_SHARE, FuzzKernel, generate
from .reference import DTYPES
from .runner import materialize, report, run

# Seeds whose kernels fail on some target for a reason not fixed yet, and the strict-xfail test that tracks each;
# they leave the CI set (which takes the next seeds instead) until that test passes.
OPEN_FAILURES: dict[int, str] = {}
CI_KERNELS = 300
CI_SEEDS = [s for s in range(CI_KERNELS + len(OPEN_FAILURES)) if s not in OPEN_FAILURES]
BLOCK = 25          # kernels per test: small enough to point at a failure, large enough to share the setup


@lru_cache(maxsize=None)
def kernel(seed: int) -> tuple[FuzzKernel, pantile.jit]:
    """The kernel of `seed` and its @jit function, made once and compiled once per target."""
    k = generate(seed)
    return k, materialize(k)


@pytest.mark.parametrize("first", range(0, len(CI_SEEDS), BLOCK))
def test_ci_seeds_match_numpy(first: int, exec_target: Target) -> None:
    failures, unsupported = [], []
    for seed in CI_SEEDS[first:first + BLOCK]:
        k, fn = kernel(seed)
        outcome = run(k, exec_target.arch, fn)
        if outcome.status == "unsupported":
            unsupported.append(f"seed {seed}: {outcome.detail}")
        elif outcome.status != "pass":
            failures.append(report(k, exec_target.arch, outcome))
    if unsupported:        # shown in pytest's warnings summary: kernels a capability record excludes
        warnings.warn(f"{exec_target.arch} cannot run {len(unsupported)} kernels of this block (its capability "
                      f"record says so): " + "; ".join(unsupported), stacklevel=1)
    assert not failures, "\n\n".join(failures)


def test_every_category_and_dtype_has_its_committed_share() -> None:
    features: collections.Counter = collections.Counter()
    dtypes: collections.Counter = collections.Counter()
    for seed in CI_SEEDS:
        k, _ = kernel(seed)
        features.update(k.features)
        dtypes.update(k.dtypes)
    n = len(CI_SEEDS)
    assert n >= 300
    assert set(MIN_SHARE) == set(CATEGORIES)
    short = {c: f"{features[c] / n:.1%} < {share:.0%}" for c, share in MIN_SHARE.items() if features[c] < share * n}
    assert not short, f"categories below their committed share: {short}"
    short = {d.ir: f"{dtypes[d.ir] / n:.1%}" for d in DTYPES.values() if dtypes[d.ir] < MIN_DTYPE_SHARE * n}
    assert not short, f"dtypes below {MIN_DTYPE_SHARE:.0%} of the kernels: {short}"


def test_a_wrong_element_is_a_mismatch(exec_target: Target) -> None:
    """The comparison is not vacuous: an expected output off by more than its bound in one element fails (in the
    first CI kernel that passes on the target: one whose types its capability record has)."""
    k, fn = next(kf for kf in map(kernel, CI_SEEDS) if run(kf[0], exec_target.arch, kf[1]).status == "pass")
    first = k.outputs[0]
    expected = first.expected.copy()
    expected[0] += 2 * first.err + 1
    wrong = replace(k, outputs=[replace(first, expected=expected)] + k.outputs[1:])
    outcome = run(wrong, exec_target.arch, fn)
    assert outcome.status == "mismatch" and "out0: 1 of" in outcome.detail, outcome
