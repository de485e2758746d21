"""Runs one case on one target in the best tier the target reaches: executed, validated or unsupported."""
from __future__ import annotations

import dataclasses
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

import numpy as np

import pantile
from pantile.targets.registry import get_target
from pantile.tools.tensor_descriptor import TensorDescriptor

from .case import Case

EXECUTED, VALIDATED, UNSUPPORTED = "executed", "validated", "unsupported"
TIERS = (EXECUTED, VALIDATED, UNSUPPORTED)
# A case a parallel or fleet run could not run anywhere (its node was lost, no node offers its target): no
# outcome, but not dropped either.
NOT_RUN = "not run"
_MESSAGE_LIMIT = 4000

# numpy's dtype names and the type strings pantile.compile takes.
_SIGNATURE_NAMES = {
    "bool": "i1", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64", "uint8": "u8", "uint16": "u16",
    "uint32": "u32", "uint64": "u64", "float16": "fp16", "float32": "fp32", "float64": "fp64",
}


@dataclass(frozen=True)
class Result:
    """The outcome of one case on one target."""

    case: str
    group: str
    target: str
    tier: str                   # executed, validated, unsupported or not run
    passed: bool                # always True for unsupported: nothing was wrong; False for not run
    detail: str = ""            # the mismatch, the error, the capability's reason or why it did not run
    seconds: float = 0.0
    node: str = ""              # the machine that produced it (its host name, or the Ray node's)
    device: str = ""            # what ran or checked it there: a GPU, the host CPU, an offline validator
    fault: bool = False         # the case faulted the device: the process that ran it cannot use it again

    @property
    def status(self) -> str:
        """'passed', 'failed', 'unsupported' or 'not run'."""
        if self.tier in (UNSUPPORTED, NOT_RUN):
            return self.tier
        return "passed" if self.passed else "failed"


def signature_of(args: list) -> list[str]:
    """pantile.compile's type strings for a launch's arguments ('*fp32', 'i32' ...)."""
    sig = []
    for a in args:
        if isinstance(a, np.ndarray):
            sig.append("*" + _SIGNATURE_NAMES[a.dtype.name])
        elif isinstance(a, TensorDescriptor):
            padding = ", nan" if a.padding == "nan" else ""
            sig.append(f"tensordesc<{_SIGNATURE_NAMES[a.base.dtype.name]}{list(a.block_shape)}{padding}>")
        elif isinstance(a, bool):
            sig.append("i1")
        elif isinstance(a, int):
            sig.append("i32" if -2**31 <= a < 2**31 else "i64")
        elif isinstance(a, float):
            sig.append("fp32")
        else:
            raise TypeError("conformance inputs are numpy arrays, TensorDescriptors, ints, floats or bools, got "
                            f"{type(a).__name__}")
    return sig


@contextmanager
def _launches_on(arch: str) -> Iterator[None]:
    """Launches inside go to `arch`, whatever PANTILE_TARGET says (the suite picks targets itself)."""
    saved = os.environ.pop("PANTILE_TARGET", None)
    try:
        with pantile.target(arch):
            yield
    finally:
        if saved is not None:
            os.environ["PANTILE_TARGET"] = saved


def _error_text(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}"
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + " ..."


def _copy(arg: object) -> object:
    """An argument as it was before the launch: arrays (a tensor descriptor's too) copied."""
    if isinstance(arg, TensorDescriptor):
        return dataclasses.replace(arg, base=arg.base.copy())
    return arg.copy() if isinstance(arg, np.ndarray) else arg


def _array(arg: object) -> object:
    """The array an output argument writes (a tensor descriptor's base)."""
    return arg.base if isinstance(arg, TensorDescriptor) else arg


def execute(case: Case, arch: str) -> str:
    """Run the case on `arch` and compare; '' when it passes, else what differs."""
    args = case.make_inputs()
    before = [_copy(a) for a in args]
    with _launches_on(arch):
        case.kernel[case.grid](*args, **case.constexpr_dict())
    expected = case.reference(before)
    problems = []
    for out, want in zip(case.outputs, expected):
        if out.tolerance.kind == "invariant":
            wrong = out.tolerance.check(before, args)
        else:
            mismatch = out.tolerance.compare(out.dtype, _array(args[out.arg]), want)
            wrong = None if mismatch is None else f"{mismatch} (tolerance: {out.tolerance})"
        if wrong:
            problems.append(f"argument {case.kernel.arg_names[_runtime_index(case, out.arg)]}: {wrong}")
    return "; ".join(problems)


def _runtime_index(case: Case, position: int) -> int:
    """The parameter index of the `position`-th runtime argument (constexprs are passed by keyword)."""
    constexprs = set(case.constexpr_dict())
    runtime = [i for i, p in enumerate(case.kernel.arg_names) if p not in constexprs]
    return runtime[position]


def validate(case: Case, arch: str) -> None:
    """Compile the case for `arch` and check the artifact with the target's offline tools."""
    artifact = pantile.compile(case.kernel, signature=signature_of(case.make_inputs()),
                               constexprs=case.constexpr_dict(), target=arch, validate=False)
    get_target(arch).validate(artifact)


def unsupported_reason(case: Case, arch: str) -> Optional[str]:
    """Why `arch`'s capabilities exclude the case, or None."""
    return get_target(arch).capabilities.unsupported(case.dtypes, case.dot_dtypes, case.atomics, case.math,
                                                     atomic_dtypes=case.atomic_dtypes)


def best_tier(arch: str) -> str:
    """The tier `arch` reaches on this machine: executed where it can run kernels, else validated."""
    return EXECUTED if get_target(arch).unavailable() is None else VALIDATED


def run_case(case: Case, arch: str, tier: Optional[str] = None) -> Result:
    """The case's result on `arch`, in `tier` (default: the best tier the target reaches here).

    A failing case is a result, never an exception; one that faulted the device says so (`fault`), since
    the process that ran it must be replaced before it runs another."""
    reason = unsupported_reason(case, arch)
    if reason is not None:
        return Result(case.name, case.group, arch, UNSUPPORTED, True, reason)
    tier = tier or best_tier(arch)
    start, fault = time.perf_counter(), False
    try:
        if tier == EXECUTED and get_target(arch).unavailable() is not None:
            raise RuntimeError(f"{arch} cannot execute kernels here: {get_target(arch).unavailable()}")
        detail = execute(case, arch) if tier == EXECUTED else validate(case, arch) or ""
    except Exception as err:  # a failing case is a result to report, not the end of the run
        detail, fault = _error_text(err), isinstance(err, pantile.DeviceFaultError)
    return Result(case.name, case.group, arch, tier, not detail, detail, time.perf_counter() - start, fault=fault)


__all__ = ["Result", "run_case", "best_tier", "unsupported_reason", "execute", "validate", "signature_of", "TIERS",
           "EXECUTED", "VALIDATED", "UNSUPPORTED", "NOT_RUN"]
