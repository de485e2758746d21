"""Named CPU baselines: object code for a level of an instruction set (x86-64-v3: AVX2 and FMA) rather than for
the building machine's own CPU, so that an ahead-of-time bundle runs on every host of that level."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# The features each x86-64 level adds (LLVM's names; the psABI's levels).
_V1 = ("cmov", "cx8", "fxsr", "mmx", "sse", "sse2")
_V2 = _V1 + ("cx16", "sahf", "popcnt", "sse3", "sse4.1", "sse4.2", "ssse3")
_V3 = _V2 + ("avx", "avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave")
_V4 = _V3 + ("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl")


@dataclass(frozen=True)
class Baseline:
    """One named baseline: the instruction set it is for, LLVM's CPU name, the host features it needs and its
    level (a host prefers the highest level it runs)."""

    name: str                    # as the arch names it: cpu:NAME
    machine: str                 # the triple's first part: "x86_64", "aarch64"
    llvm_cpu: str
    features: tuple[str, ...]
    level: int


BASELINES = {
    "x86-64": Baseline("x86-64", "x86_64", "x86-64", _V1, 1),
    "x86-64-v2": Baseline("x86-64-v2", "x86_64", "x86-64-v2", _V2, 2),
    "x86-64-v3": Baseline("x86-64-v3", "x86_64", "x86-64-v3", _V3, 3),
    "x86-64-v4": Baseline("x86-64-v4", "x86_64", "x86-64-v4", _V4, 4),
    "aarch64": Baseline("aarch64", "aarch64", "generic", ("neon",), 1),
}

# What a bundle built for plain `cpu` holds, by the building host's instruction set: a common fast level and the
# portable fallback.
BUNDLED = {"x86_64": ("x86-64-v3", "x86-64"), "aarch64": ("aarch64",)}


def baseline(name: str, machine: str) -> Baseline:
    """The baseline `name` for a host of instruction set `machine`; ValueError naming the choices."""
    found = BASELINES.get(name)
    if found is None:
        raise ValueError(f"unknown cpu baseline {name!r}: write cpu (this host's CPU) or one of "
                         f"{', '.join('cpu:' + b for b in BASELINES)}")
    if found.machine != machine:
        raise ValueError(f"cpu:{name} is code for {found.machine}, and pantile makes CPU code for the building "
                         f"host's instruction set ({machine}); build that part of a bundle on an {found.machine} host")
    return found


def host_runs(found: Baseline, machine: str, host_features: frozenset[str]) -> Optional[int]:
    """The rank of baseline code on this host (lower is better: the highest level first), or None where the host
    lacks its instruction set or one of its features."""
    if found.machine != machine or not host_features.issuperset(found.features):
        return None
    return 1 + max(b.level for b in BASELINES.values()) - found.level
