"""The target-neutral pipeline every target runs before its own passes."""
from __future__ import annotations

from .manager import Pass, make_pass

NEUTRAL_PASSES = ("inline", "lower-tensor-memory", "canonicalize", "cse", "licm", "unroll", "canonicalize", "cse",
                  "dce")


def neutral_pipeline() -> list[Pass]:
    """New instances of the standard passes, in NEUTRAL_PASSES order."""
    return [make_pass(name) for name in NEUTRAL_PASSES]
