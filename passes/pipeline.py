"""The target-neutral pipeline every target runs before its own passes."""
from __future__ import annotations

from .manager import Pass, make_pass

NEUTRAL_PASSES = ("inline", "lower-tensor-memory", "canonicalize", "cse", "licm", "unroll", "canonicalize", "cse",
                  "dce")


def neutral_pipeline(keep_copyable_tiles: bool = False) -> list[Pass]:
    """New instances of the standard passes, in NEUTRAL_PASSES order; with `keep_copyable_tiles`,
    lower-tensor-memory keeps the 2-D tile accesses is_copyable_tile names (for a target that copies tiles)."""
    passes = [make_pass(name) for name in NEUTRAL_PASSES]
    for p in passes:
        if p.name == "lower-tensor-memory":
            p.keep_copyable_tiles = keep_copyable_tiles
    return passes
