"""A conformance case as data: kernel, inputs, reference, launch, needs, tolerance."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .tolerance import Tolerance


@dataclass(frozen=True)
class Output:
    """One argument the kernel writes, how to read it and how close it must be."""

    arg: int                      # position among the kernel's arguments
    dtype: str                    # format of its elements ('f32', 'bf16', 'i1' ...)
    tolerance: Tolerance


@dataclass(frozen=True)
class Case:
    """Everything needed to run one check on any target.

    `inputs(rng)` returns the kernel's runtime arguments in order (numpy arrays
    and Python scalars); `reference(args)` gets a copy of them as they were
    before the launch and returns one expected value per output (an array of
    float64 values or integers; `(value, sum of |terms|)` for accumulation
    tolerances; anything for invariants, which read the launch's arguments).
    """

    name: str
    group: str                                        # "elementwise", "math", "dot" ... (report rows)
    kernel: Any                                       # a @pantile.jit kernel
    inputs: Callable[[np.random.Generator], list]
    reference: Callable[[list], list]
    outputs: tuple[Output, ...]
    grid: tuple[int, ...]
    constexprs: tuple[tuple[str, Any], ...] = ()
    dtypes: tuple[str, ...] = ()                      # scalar types the target must compute with
    dot_dtypes: tuple[str, ...] = ()
    atomics: tuple[str, ...] = ()
    atomic_dtypes: tuple[str, ...] = ()               # element types the target's atomics must work on
    math: tuple[str, ...] = ()                        # "function:dtype" pairs the target must compute
    seed: int = 0

    def constexpr_dict(self) -> dict[str, Any]:
        """The launch's constexprs as keyword arguments."""
        return dict(self.constexprs)

    def make_inputs(self) -> list:
        """The case's arguments, the same on every call (seeded)."""
        return self.inputs(np.random.default_rng(self.seed))
