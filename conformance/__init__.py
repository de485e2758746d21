"""pantile.conformance: the cross-target conformance suite (cases as data, tiers per target, reports).

    python -m pantile.conformance --targets cpu,intel:spirv,cuda:sm_90a --report out/
"""
from .case import Case, Output
from .catalog import all_cases, select
from .runner import Result, run_case

__all__ = ["Case", "Output", "Result", "all_cases", "run_case", "select"]
