"""Every case of the suite, and selecting them by name."""
from __future__ import annotations

import fnmatch
from functools import lru_cache
from typing import Optional

from . import (cases_atomics, cases_casts, cases_control, cases_dot, cases_elementwise, cases_examples,
               cases_float_policy, cases_libdevice, cases_math, cases_memory, cases_reduce, cases_shape,
               cases_tensor_memory)
from .case import Case

_TABLES = (cases_elementwise, cases_float_policy, cases_math, cases_libdevice, cases_casts, cases_reduce, cases_shape,
           cases_memory, cases_tensor_memory, cases_atomics, cases_control, cases_dot, cases_examples)


@lru_cache(maxsize=None)
def all_cases() -> tuple[Case, ...]:
    """All cases, in table order; names are unique."""
    found = tuple(c for table in _TABLES for c in table.cases())
    names = [c.name for c in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"conformance case names must be unique; repeated: {', '.join(duplicates)}")
    return found


@lru_cache(maxsize=None)
def _by_name() -> dict[str, Case]:
    return {c.name: c for c in all_cases()}


def by_name(name: str) -> Case:
    """The case called `name` (KeyError if none is)."""
    return _by_name()[name]


def select(pattern: Optional[str] = None) -> list[Case]:
    """Cases whose name matches a glob (`dot/*`) or contains the text; all when None.

    Several patterns may be given separated by commas.
    """
    cases = list(all_cases())
    if not pattern:
        return cases
    pats = [p.strip() for p in pattern.split(",") if p.strip()]
    chosen = [c for c in cases if any(fnmatch.fnmatchcase(c.name, p) if any(ch in p for ch in "*?[") else p in c.name
                                      for p in pats)]
    if not chosen:
        raise ValueError(f"no conformance case matches {pattern!r}; names look like "
                         f"'{cases[0].name}' or '{cases[-1].name}'")
    return chosen
