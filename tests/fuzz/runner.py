"""Runs a generated kernel on a target and compares its outputs with the generator's numpy reference."""
from __future__ import annotations

import linecache
import traceback
from dataclasses import dataclass
from typing import Optional

import numpy as np

import pantile
import pantile.language as tl
from pantile.targets.registry import get_target

from .generator import FuzzKernel, Output


@dataclass(frozen=True)
class Outcome:
    """What a target did with a kernel: 'pass', 'mismatch', 'crash' (an exception) or 'unsupported'."""
    status: str
    detail: str = ""


def materialize(kernel: FuzzKernel) -> pantile.jit:
    """The @pantile.jit function of the kernel's source, whose file name says how to regenerate it."""
    filename = f"<tests.fuzz seed {kernel.seed}>"
    lines = kernel.source.splitlines(keepends=True)
    linecache.cache[filename] = (len(kernel.source), None, lines, filename)   # inspect reads the source here
    namespace = {"pantile": pantile, "tl": tl, "__name__": f"tests.fuzz.seed_{kernel.seed}"}
    exec(compile(kernel.source, filename, "exec"), namespace)
    return namespace[kernel.name]


def unsupported(kernel: FuzzKernel, arch: str) -> Optional[str]:
    """Why `arch` cannot run this kernel (its capability record), or None."""
    return get_target(arch).capabilities.unsupported(dtypes=sorted(kernel.dtypes), dot=sorted(kernel.dot_dtypes),
                                                     atomics=sorted(kernel.atomic_kinds),
                                                     atomic_dtypes=sorted(kernel.atomic_dtypes))


def _difference(out: Output, got: np.ndarray) -> Optional[str]:
    """Where `got` differs from the expected output beyond its error bound, or None."""
    want = out.expected
    if out.dtype.is_float:
        bad = ~(np.abs(got.astype(np.float64) - want.astype(np.float64)) <= out.err)
    else:
        bad = got != want
    if not bad.any():
        return None
    where = np.flatnonzero(bad)
    shown = ", ".join(f"[{i}] got {got[i]!r} want {want[i]!r}" for i in where[:4])
    return f"{len(where)} of {want.size} elements differ (bound {out.err:.3g}): {shown}"


def run(kernel: FuzzKernel, arch: str, fn: Optional[pantile.jit] = None) -> Outcome:
    """Launch the kernel on `arch` (compiled once per target: pass the same `fn` for every target)."""
    why = unsupported(kernel, arch)
    if why is not None:
        return Outcome("unsupported", why)
    fn = fn or materialize(kernel)
    outs = [o.init.copy() for o in kernel.outputs]
    try:
        with pantile.target(arch):
            fn[kernel.grid](*[x.copy() for x in kernel.inputs], *outs, *kernel.scalars)
    except Exception:          # every failure is reported with the kernel, the run goes on
        return Outcome("crash", traceback.format_exc(limit=-6))
    problems = [f"out{i}: {d}" for i, (o, got) in enumerate(zip(kernel.outputs, outs))
                if (d := _difference(o, got)) is not None]
    return Outcome("mismatch", "; ".join(problems)) if problems else Outcome("pass")


def report(kernel: FuzzKernel, arch: str, outcome: Outcome) -> str:
    """A failure's description: target, seed, the kernel's source and what went wrong."""
    return (f"{outcome.status} on {arch}, seed {kernel.seed} (python -m tests.fuzz --seed {kernel.seed} --n 1 "
            f"--show):\n{kernel.source}{outcome.detail}")
